import { expect, test } from 'vitest';
import { expectProblem, LicensingHarness, type FleetServer } from '../testing/licensing-harness';

const h = LicensingHarness.resetForEachTest();

const faults = (cloud: unknown) => h.call('PUT', '/_emulator/faults', { body: { cloud } });

test('an unavailable cloud refuses activation with 503 and the SmartServer stays as it was', async () => {
  const { customerId, licenses } = await h.orderFor('P2022-0208', ['72220-200']);
  const server = await h.smartServer({ devices: { lon: 2 } });
  await h.ok('PUT', `/smartservers/${server.installCode}/iap/lic/accounts`, { token: server.token, body: { customerId } });
  expect((await faults({ failWith: 503 })).body).toEqual({ cloud: { delayMs: 0, failWith: 503 } });
  expectProblem(await h.call('GET', `/smartservers/${server.installCode}/iap/lic/cloud`, { token: server.token }), 503, 'cloud-unavailable');
  const refused = await h.call('POST', `/smartservers/${server.installCode}/iap/lic/cloud/download`, {
    token: server.token,
    body: { licenseIds: [licenses.get('72220-200')] },
  });
  expect(expectProblem(refused, 503, 'cloud-unavailable').detail).toContain('keeps its licenses and devices');
  expect(await h.dashboard(server)).toMatchObject({ capacity: 0, devicesByColour: { purple: 2 } });
  await faults(null);
  const offers = await h.ok('GET', `/smartservers/${server.installCode}/iap/lic/cloud`, { token: server.token });
  expect(offers.map((o: { licenseId: string }) => o.licenseId)).toEqual([licenses.get('72220-200')]);
});

test('a cloud that times out refuses Transfer to Cloud with 504; licenses and devices are kept on both sides', async () => {
  const { customerId, licenses } = await h.orderFor('P2022-0208', ['72220-200']);
  const server = await h.smartServer({ devices: { lon: 2 } });
  await h.activateOnline(server, customerId, [licenses.get('72220-200')!]);
  await h.deviceAction(server, 1, { action: 'provision' });
  await faults({ failWith: 504 });
  expectProblem(await h.call('POST', `/smartservers/${server.installCode}/iap/lic/cloud/upload`, { token: server.token }), 504, 'cloud-timeout');
  expect(await h.dashboard(server)).toMatchObject({ capacity: 200, devicesByColour: { green: 1, blue: 1 } });
  const token = await h.customerToken(licenses.get('72220-200')!);
  expect((await h.ok('GET', '/customer/api/licenses', { token }))[0]).toMatchObject({ status: 'active', installCode: server.installCode });
});

test('a slow cloud still answers, after the delay', async () => {
  const { customerId } = await h.orderFor('P2022-0208', ['72220-200']);
  const server = await h.smartServer();
  await h.ok('PUT', `/smartservers/${server.installCode}/iap/lic/accounts`, { token: server.token, body: { customerId } });
  await faults({ delayMs: 150 });
  const started = Date.now();
  const offers = await h.ok('GET', `/smartservers/${server.installCode}/iap/lic/cloud`, { token: server.token });
  expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  expect(offers).toHaveLength(1);
});

test('fault settings are bounded, named when wrong, and cleared by a reset', async () => {
  expect(expectProblem(await faults({ delayMs: 10_001 }), 400, 'invalid-input').field).toBe('cloud.delayMs');
  expect(expectProblem(await faults({ failWith: 500 }), 400, 'invalid-input').field).toBe('cloud.failWith');
  expect(expectProblem(await faults('slow'), 400, 'invalid-input').field).toBe('cloud');
  await faults({ delayMs: 20, failWith: 504 });
  expect((await faults({ failWith: null })).body).toEqual({ cloud: { delayMs: 20, failWith: null } });
  await h.ok('POST', '/_emulator/reset');
  expect(await h.ok('GET', '/_emulator/faults')).toEqual({ cloud: { delayMs: 0, failWith: null } });
});

test('an offline file still activates while the cloud is down, since it needs no cloud', async () => {
  const { licenses } = await h.orderFor('P2022-0208', ['72220-200']);
  const server = await h.smartServer({ online: false });
  const licenseId = licenses.get('72220-200')!;
  const file = await h.ok('POST', `/customer/api/licenses/${licenseId}/offline-activation-files`, {
    token: await h.customerToken(licenseId),
    body: { installCode: server.installCode },
  });
  await faults({ failWith: 503 });
  const loaded = await h.call('POST', `/smartservers/${server.installCode}/iap/lic/files`, { token: server.token, body: { file: file.text } });
  expect(loaded.status).toBe(200);
  expect((await h.dashboard(server)).capacity).toBe(200);
});

const connection = (server: { installCode: string }, online: boolean) =>
  h.ok('PUT', `/_emulator/smartservers/${server.installCode}/connection`, { body: { online } });

/** Resolves once the emulator has handed a SmartServer's call to the cloud (where the injected delay holds it). */
function cloudCallStarted(method: 'activate' | 'giveBack'): Promise<void> {
  const cloud = h.running.emulator.cloud as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const original = cloud[method];
  return new Promise((resolve) => {
    cloud[method] = function (this: unknown, ...args: unknown[]) {
      cloud[method] = original;
      resolve();
      return original.apply(this, args);
    };
  });
}

/** What a SmartServer holds and shows, and what the customer portal says about one license. */
async function snapshot(server: FleetServer, licenseId: string) {
  const [held, devices, dashboard] = await Promise.all([
    h.ok('GET', `/smartservers/${server.installCode}/iap/lic`, { token: server.token }),
    h.devices(server),
    h.dashboard(server),
  ]);
  const [license] = (await h.ok('GET', '/customer/api/licenses', { token: await h.customerToken(licenseId) })).filter(
    (l: { licenseId: string }) => l.licenseId === licenseId,
  );
  return {
    held,
    devices,
    capacity: dashboard.capacity,
    colours: dashboard.devicesByColour,
    license: { status: license.status, installCode: license.installCode },
  };
}

test('the cloud failing between listing and ACTIVATE: a clear 503, and the SmartServer and the cloud stay as they were', async () => {
  const { customerId, licenses } = await h.orderFor('P2022-0208', ['72220-200']);
  const server = await h.smartServer({ devices: { lon: 2 } });
  await h.ok('PUT', `/smartservers/${server.installCode}/iap/lic/accounts`, { token: server.token, body: { customerId } });
  const licenseId = licenses.get('72220-200')!;
  expect(
    (await h.ok('GET', `/smartservers/${server.installCode}/iap/lic/cloud`, { token: server.token })).map((l: { licenseId: string }) => l.licenseId),
  ).toEqual([licenseId]);
  const before = await snapshot(server, licenseId);
  await faults({ failWith: 503 });
  const refused = expectProblem(
    await h.call('POST', `/smartservers/${server.installCode}/iap/lic/cloud/download`, { token: server.token, body: { licenseIds: [licenseId] } }),
    503,
    'cloud-unavailable',
  );
  expect(refused.detail).toContain(server.installCode);
  await faults(null);
  expect(await snapshot(server, licenseId)).toEqual(before);
  expect(before.license).toEqual({ status: 'withCustomer', installCode: null });
});

test('a SmartServer cut off between listing and ACTIVATE is refused as offline and changes nothing; reconnected, it downloads', async () => {
  const { customerId, licenses } = await h.orderFor('P2022-0208', ['72220-200']);
  const server = await h.smartServer({ devices: { lon: 2 } });
  await h.ok('PUT', `/smartservers/${server.installCode}/iap/lic/accounts`, { token: server.token, body: { customerId } });
  const licenseId = licenses.get('72220-200')!;
  await h.ok('GET', `/smartservers/${server.installCode}/iap/lic/cloud`, { token: server.token });
  const before = await snapshot(server, licenseId);
  await connection(server, false);
  const download = () =>
    h.call('POST', `/smartservers/${server.installCode}/iap/lic/cloud/download`, { token: server.token, body: { licenseIds: [licenseId] } });
  expect(expectProblem(await download(), 409, 'smartserver-offline').detail).toContain('no Internet connection');
  expect(await snapshot(server, licenseId)).toEqual(before);
  await connection(server, true);
  expect((await download()).status).toBe(200);
  expect((await h.dashboard(server)).capacity).toBe(200);
});

test('a connection lost while the download is under way is reported as connection-lost, and neither side changes', async () => {
  const { customerId, licenses } = await h.orderFor('P2022-0208', ['72220-50', '72220-200']);
  const server = await h.smartServer({ devices: { lon: 60 } });
  await h.activateOnline(server, customerId, [licenses.get('72220-50')!]);
  await h.deviceAction(server, 1, { action: 'provision' });
  const licenseId = licenses.get('72220-200')!;
  const before = await snapshot(server, licenseId);
  expect(before.capacity).toBe(50);
  await faults({ delayMs: 500 });
  const started = cloudCallStarted('activate');
  const pending = h.call('POST', `/smartservers/${server.installCode}/iap/lic/cloud/download`, { token: server.token, body: { licenseIds: [licenseId] } });
  await started;
  await connection(server, false);
  const lost = expectProblem(await pending, 409, 'connection-lost');
  expect(lost.detail).toContain(server.installCode);
  expect(lost.detail).toContain('keeps its licenses and devices');
  await faults(null);
  expect(await snapshot(server, licenseId)).toEqual(before);
  await connection(server, true);
  expect(
    (await h.ok('GET', `/smartservers/${server.installCode}/iap/lic/cloud`, { token: server.token })).map((l: { licenseId: string }) => l.licenseId),
  ).toEqual([licenseId]);
});

test('a connection lost while Transfer to Cloud is under way is reported as connection-lost; licenses stay on both sides', async () => {
  const { customerId, licenses } = await h.orderFor('P2022-0208', ['72220-200']);
  const server = await h.smartServer({ devices: { lon: 2 } });
  const licenseId = licenses.get('72220-200')!;
  await h.activateOnline(server, customerId, [licenseId]);
  const before = await snapshot(server, licenseId);
  await faults({ delayMs: 500 });
  const started = cloudCallStarted('giveBack');
  const pending = h.call('POST', `/smartservers/${server.installCode}/iap/lic/cloud/upload`, { token: server.token });
  await started;
  await connection(server, false);
  expectProblem(await pending, 409, 'connection-lost');
  await faults(null);
  await connection(server, true);
  expect(await snapshot(server, licenseId)).toEqual(before);
  expect(before.license).toEqual({ status: 'active', installCode: server.installCode });
});
