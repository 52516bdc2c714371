import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { createEmulator } from '../../../runtime/emulator';
import type { OfflineFilePayload } from '../../../kernel/ports';
import { signingKeyId, signPayload } from '../../licensing-cloud';
import { serveEmulator } from '../../../runtime/serve';
import { expectProblem, LicensingHarness, type FleetServer } from '../../../testing/licensing-harness';

const h = LicensingHarness.resetForEachTest();

/** A customer with a 200-device capacity license and an offline SmartServer with 5 devices. */
async function offlineSetup(models = ['72220-200']) {
  const order = await h.orderFor('P2022-0208', models);
  const server = await h.smartServer({ online: false, devices: { lon: 3, bacnet: 2 } });
  return { ...order, server };
}

async function portalFile(licenseId: string, installCode: string): Promise<string> {
  const token = await h.customerToken(licenseId);
  const file = await h.ok('POST', `/customer/api/licenses/${licenseId}/offline-activation-files`, { token, body: { installCode } });
  return file.text as string;
}

const addLicense = (server: FleetServer, file: unknown, token = server.token) =>
  h.call('POST', `/smartservers/${server.installCode}/iap/lic/files`, { token, body: { file } });

test('an offline SmartServer activates a capacity license from a portal file and licenses its devices', async () => {
  const { licenses, server } = await offlineSetup();
  const licenseId = licenses.get('72220-200')!;
  const answer = await addLicense(server, await portalFile(licenseId, server.installCode));
  expect(answer.status).toBe(200);
  expect(answer.body.activated).toMatchObject({ licenseId, kind: 'capacity', mode: 'offline', status: 'Active', capacity: 200 });
  expect(answer.body.licensing).toEqual({ licenses: 1, capacity: 200, maintenanceEnds: null });
  expect(answer.headers.get('link')).toBe(`</smartservers/${server.installCode}/iap/lic>; rel="collection"`);
  const dashboard = await h.dashboard(server);
  expect(dashboard).toMatchObject({ online: false, capacity: 200, licensedDevices: 5, badge: false });
  expect((await h.devices(server)).map((d) => d.colour)).toEqual(['blue', 'blue', 'blue', 'blue', 'blue']);
  const token = await h.customerToken(licenseId);
  const [listed] = await h.ok('GET', '/customer/api/licenses', { token });
  expect(listed).toMatchObject({ status: 'active', activationMode: 'offline', installCode: server.installCode });
});

test('a file activates its license once; loading it again is a replay', async () => {
  const { licenses, server } = await offlineSetup();
  const text = await portalFile(licenses.get('72220-200')!, server.installCode);
  expect((await addLicense(server, text)).status).toBe(200);
  const problem = expectProblem(await addLicense(server, text), 409, 'offline-file-replayed');
  expect(problem.detail).toContain('once');
  expect((await h.dashboard(server)).capacity).toBe(200);
});

test('an altered file is refused as tampered and changes nothing', async () => {
  const { licenses, server } = await offlineSetup();
  const text = await portalFile(licenses.get('72220-200')!, server.installCode);
  const raised = text.replace('"capacity": 200', '"capacity": 1000');
  expect(raised).not.toBe(text);
  expectProblem(await addLicense(server, raised), 422, 'offline-file-tampered');
  const file = JSON.parse(text);
  const signature = Buffer.from(file.signature, 'base64');
  signature[10] ^= 0x01;
  const flipped = JSON.stringify({ ...file, signature: signature.toString('base64') });
  expect(expectProblem(await addLicense(server, flipped), 422, 'offline-file-tampered').field).toBe('file');
  expect((await h.dashboard(server)).capacity).toBe(0);
  expect((await addLicense(server, text)).status).toBe(200);
});

test('text that is not an offline activation file is refused naming the file field', async () => {
  const { server } = await offlineSetup();
  for (const file of [
    undefined,
    '',
    'not json {',
    '[1,2]',
    JSON.stringify({ format: 'vendor-lic/9', payload: {}, signature: 'x' }),
    JSON.stringify({ format: 'sslab-offline-activation/1' }),
  ]) {
    const problem = expectProblem(await addLicense(server, file), 400, 'invalid-input');
    expect(problem.field, String(file)).toBe('file');
  }
});

test('a file made for another SmartServer is refused, naming both install codes', async () => {
  const { licenses, server } = await offlineSetup();
  const text = await portalFile(licenses.get('72220-200')!, 'zz99yy8');
  const problem = expectProblem(await addLicense(server, text), 422, 'offline-file-foreign');
  expect(problem.detail).toContain('zz99yy8');
  expect(problem.detail).toContain(server.installCode);
});

test('a genuinely signed file the cloud never issued is unknown', async () => {
  const { licenses, server } = await offlineSetup();
  const licenseId = licenses.get('72220-200')!;
  const payload: OfflineFilePayload = {
    fileId: randomUUID(),
    licenseId,
    model: '72220-200',
    kind: 'capacity',
    capacity: 200,
    termYears: null,
    termEnd: null,
    installCode: server.installCode,
    issuer: 'customer-portal',
    issuedAt: '2026-01-05T09:00:00.000Z',
  };
  const forged = JSON.stringify({ format: 'sslab-offline-activation/1', payload, signature: signPayload(h.running.emulator.ctx, payload) });
  expectProblem(await addLicense(server, forged), 409, 'offline-file-unknown');
});

test('Customer Success issues an offline maintenance file that obeys the maintenance rules', async () => {
  const { licenses, server } = await offlineSetup(['72220-200', '92201R-P-200', '92201R-P-50']);
  await addLicense(server, await portalFile(licenses.get('72220-200')!, server.installCode));
  const file = await h.ok('POST', '/backoffice/api/maintenance-files', { body: { licenseId: licenses.get('92201R-P-200'), installCode: server.installCode } });
  expect(JSON.parse(file.text).payload).toMatchObject({ kind: 'maintenance', issuer: 'customer-success', termYears: 3, termEnd: '2029-01-05' });
  expect((await addLicense(server, file.text)).status).toBe(200);
  expect((await h.dashboard(server)).maintenance).toEqual({ status: 'Active', ends: '2029-01-05' });
  const small = await h.ok('POST', '/backoffice/api/maintenance-files', { body: { licenseId: licenses.get('92201R-P-50'), installCode: server.installCode } });
  expect(expectProblem(await addLicense(server, small.text), 422, 'maintenance-capacity-mismatch').detail).toContain('200');
});

test('Customer Success makes maintenance files only', async () => {
  const { licenses, server } = await offlineSetup();
  const answer = await h.call('POST', '/backoffice/api/maintenance-files', { body: { licenseId: licenses.get('72220-200'), installCode: server.installCode } });
  expectProblem(answer, 422, 'offline-file-not-maintenance');
  expect(
    expectProblem(await h.call('POST', '/backoffice/api/maintenance-files', { body: { licenseId: licenses.get('72220-200') } }), 400, 'invalid-input').field,
  ).toBe('installCode');
});

test('the Customer Success desk is not served when the admin API is off', async () => {
  const closed = await serveEmulator({ port: 0, dataFile: ':memory:', admin: false });
  try {
    const response = await fetch(`${closed.url}/backoffice/api/maintenance-files`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ licenseId: randomUUID(), installCode: '17q5t6a' }),
    });
    expect(response.status).toBe(404);
    expect((await response.json()).code).toBe('route-not-found');
  } finally {
    await closed.stop();
  }
});

test('only the Owner adds a license file', async () => {
  const order = await h.orderFor('P2022-0208', ['72220-200']);
  const server = await h.smartServer({
    online: false,
    users: [
      { username: 'owner', userType: 'Owner' },
      { username: 'admin', userType: 'Admin' },
    ],
  });
  const text = await portalFile(order.licenses.get('72220-200')!, server.installCode);
  expectProblem(await addLicense(server, text, await h.login(server, 'admin')), 403, 'owner-only');
  expect((await addLicense(server, text)).status).toBe(200);
});

test('a release without license management takes no license file', async () => {
  const order = await h.orderFor('P2022-0208', ['72220-200']);
  const server = await h.smartServer({ version: '3.2', online: false });
  const text = await portalFile(order.licenses.get('72220-200')!, server.installCode);
  expect(expectProblem(await addLicense(server, text), 409, 'no-license-management').detail).toContain('3.3');
});

test('a single flipped bit anywhere in a file is refused (400 or 422, naming the file) and changes nothing', async () => {
  const { licenses, server } = await offlineSetup();
  const text = await portalFile(licenses.get('72220-200')!, server.installCode);
  let tried = 0;
  await fc.assert(
    fc.asyncProperty(fc.nat(text.length - 1), fc.integer({ min: 0, max: 6 }), async (at, bit) => {
      const flipped = text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ (1 << bit)) + text.slice(at + 1);
      const answer = await addLicense(server, flipped);
      tried++;
      expect([400, 422], `bit ${bit} of character ${at} (${JSON.stringify(text[at])}): ${JSON.stringify(answer.body)}`).toContain(answer.status);
      expect(answer.body.field).toBe('file');
    }),
    { numRuns: 80, seed: 20260105 },
  );
  expect(tried).toBe(80);
  expect((await h.dashboard(server)).capacity).toBe(0);
  expect((await addLicense(server, text)).status).toBe(200);
});

test("a file signed by another emulator's key is refused as signed by an unknown key; without its key ID it is tampered", async () => {
  const { licenses, server } = await offlineSetup();
  const genuine = JSON.parse(await portalFile(licenses.get('72220-200')!, server.installCode));
  const other = createEmulator();
  try {
    const signature = signPayload(other.ctx, genuine.payload);
    const foreign = JSON.stringify({ ...genuine, keyId: signingKeyId(other.ctx), signature });
    const problem = expectProblem(await addLicense(server, foreign), 422, 'offline-file-unknown-key');
    expect(problem.field).toBe('file');
    expect(problem.detail).toContain(signingKeyId(other.ctx));
    const { keyId: _dropped, ...unnamed } = { ...genuine, signature };
    expectProblem(await addLicense(server, JSON.stringify(unnamed)), 422, 'offline-file-tampered');
  } finally {
    other.close();
  }
  expect((await h.dashboard(server)).capacity).toBe(0);
});

test('a file can be loaded for 30 days of virtual time; after that it is refused as expired and a new one works', async () => {
  const { licenses, server } = await offlineSetup(['72220-200', '72220-50']);
  const onTheDay = await portalFile(licenses.get('72220-50')!, server.installCode);
  const late = await portalFile(licenses.get('72220-200')!, server.installCode);
  expect(JSON.parse(late).payload).toMatchObject({ issuedAt: '2026-01-05T09:00:00.000Z', expiresAt: '2026-02-04T09:00:00.000Z' });
  await h.setToday('2026-02-04');
  expect((await addLicense(server, onTheDay)).status).toBe(200);
  await h.setToday('2026-02-05');
  const problem = expectProblem(await addLicense(server, late), 422, 'offline-file-expired');
  expect(problem.field).toBe('file');
  expect(problem.detail).toContain('2026-02-04');
  expect(problem.detail).toContain(server.installCode);
  expect((await h.dashboard(server)).capacity).toBe(50);
  const renewed = await portalFile(licenses.get('72220-200')!, server.installCode);
  expect((await addLicense(server, renewed)).status).toBe(200);
  expect((await h.dashboard(server)).capacity).toBe(250);
});

test('an expired file that was also altered is refused as altered: the signature is checked before anything it says', async () => {
  const { licenses, server } = await offlineSetup();
  const text = await portalFile(licenses.get('72220-200')!, server.installCode);
  const extended = text.replace('"expiresAt": "2026-02-04T09:00:00.000Z"', '"expiresAt": "2099-01-01T00:00:00.000Z"');
  expect(extended).not.toBe(text);
  await h.setToday('2026-03-01');
  expectProblem(await addLicense(server, extended), 422, 'offline-file-tampered');
  expectProblem(await addLicense(server, text), 422, 'offline-file-expired');
});
