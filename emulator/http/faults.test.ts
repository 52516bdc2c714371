import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { expectProblem, LicensingHarness } from '../node/licensing-harness';

let h: LicensingHarness;

beforeAll(async () => {
  h = await LicensingHarness.start();
});
afterAll(async () => h.stop());
beforeEach(async () => {
  await h.ok('POST', '/_emulator/reset');
});

const faults = (cloud: unknown) => h.call('PUT', '/_emulator/faults', { body: { cloud } });

test('an unavailable cloud refuses activation with 503 and the SmartServer stays as it was', async () => {
  const { customerId, licenses } = await h.orderFor('P2022-0208', ['72220-200']);
  const server = await h.smartServer({ devices: { lon: 2 } });
  await h.ok('PUT', `/smartservers/${server.installCode}/iap/lic/accounts`, { token: server.token, body: { customerId } });
  expect((await faults({ failWith: 503 })).body).toEqual({ cloud: { delayMs: 0, failWith: 503 } });
  expectProblem(await h.call('GET', `/smartservers/${server.installCode}/iap/lic/cloud`, { token: server.token }), 503, 'cloud-unavailable');
  const refused = await h.call('POST', `/smartservers/${server.installCode}/iap/lic/cloud/download`, { token: server.token, body: { licenseIds: [licenses.get('72220-200')] } });
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
    token: await h.customerToken(licenseId), body: { installCode: server.installCode },
  });
  await faults({ failWith: 503 });
  const loaded = await h.call('POST', `/smartservers/${server.installCode}/iap/lic/files`, { token: server.token, body: { file: file.text } });
  expect(loaded.status).toBe(200);
  expect((await h.dashboard(server)).capacity).toBe(200);
});
