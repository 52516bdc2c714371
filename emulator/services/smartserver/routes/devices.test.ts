import { expect, test } from 'vitest';
import { DEVICE_OPERATIONS } from '../../../../models/device.machine';
import { expectProblem, LicensingHarness } from '../../../testing/licensing-harness';

const h = LicensingHarness.resetForEachTest();

/** A SmartServer with 10-device capacity (9 devices besides itself) and `devices` LON devices. */
async function licensed(devices: number) {
  const { customerId, licenses } = await h.orderFor('P2022-0208', ['72220-10']);
  const server = await h.smartServer({ devices: { lon: devices } });
  await h.activateOnline(server, customerId, [licenses.get('72220-10')!]);
  return server;
}

test('the device list filters by provision state and reports status and licensing per device', async () => {
  const server = await licensed(4);
  await h.deviceAction(server, 1, { action: 'provision' });
  await h.deviceAction(server, 2, { action: 'provision' });
  const provisioned = await h.devices(server, '?sts=PROVISIONED');
  expect(provisioned.map((d) => d.id)).toEqual([1, 2]);
  expect(provisioned[0]).toMatchObject({ status: { state: 'provisioned', health: 'normal' }, lic: { licensed: true } });
  const unprovisioned = await h.devices(server, '?sts=UNPROVISIONED');
  expect(unprovisioned.map((d) => d.id)).toEqual([3, 4]);
  expect(unprovisioned[0].status).toEqual({ state: 'unprovisioned', health: 'nascent' });
  expect(await h.devices(server, '?sts=PROVISIONING,UNPROVISIONING')).toEqual([]);
  expect(await h.devices(server, '?sts=PROVISIONED,UNPROVISIONED')).toHaveLength(4);
  const base = `/smartservers/${server.installCode}/iap/devs`;
  expect(await h.ok('GET', `${base}/count`, { token: server.token })).toEqual({ value: 4 });
  expect(await h.ok('GET', `${base}/count?sts=PROVISIONED`, { token: server.token })).toEqual({ value: 2 });
});

test('an unknown or lower-case provision state is refused naming sts', async () => {
  const server = await licensed(1);
  for (const sts of ['DELETING', 'provisioned']) {
    const answer = await h.call('GET', `/smartservers/${server.installCode}/iap/devs?sts=${sts}`, { token: server.token });
    expect(expectProblem(answer, 400, 'invalid-input').field).toBe('sts');
  }
  expectProblem(await h.call('GET', `/smartservers/${server.installCode}/iap/devs/count?sts=X`, { token: server.token }), 400, 'invalid-input');
});

test('purple devices refuse the operations that talk to the device and allow the configuration ones', async () => {
  const server = await h.smartServer({ devices: { bacnet: 1 } });
  for (const action of DEVICE_OPERATIONS.needLicense) {
    expect(expectProblem(await h.deviceAction(server, 1, { action }), 409, 'device-unlicensed').detail, action).toContain('unlicensed');
  }
  for (const action of DEVICE_OPERATIONS.free.filter((op) => op !== 'create-device')) {
    const answer = await h.deviceAction(server, 1, { action });
    expect(answer.status, action).toBe(200);
    expect(answer.body.colour).toBe('purple');
  }
  expect(expectProblem(await h.deviceAction(server, 1, { action: 'create-device' }), 400, 'invalid-input').detail).toContain('adding them');
  expect(expectProblem(await h.deviceAction(server, 1, { action: 'wink' }), 400, 'invalid-input').field).toBe('action');
});

test('health reports colour a provisioned device and are refused before provisioning', async () => {
  const server = await licensed(2);
  await h.deviceAction(server, 1, { action: 'provision' });
  const colours: Record<string, string> = { suspect: 'yellow', down: 'red', marginal: 'green-red-ring', normal: 'green' };
  for (const [health, colour] of Object.entries(colours)) {
    const answer = await h.deviceAction(server, 1, { action: 'report-health', health });
    expect(answer.body, health).toMatchObject({ colour, status: { state: 'provisioned', health } });
  }
  expectProblem(await h.deviceAction(server, 2, { action: 'report-health', health: 'down' }), 409, 'device-state');
  expect(expectProblem(await h.deviceAction(server, 1, { action: 'report-health', health: 'sick' }), 400, 'invalid-input').field).toBe('health');
  const back = await h.deviceAction(server, 1, { action: 'deprovision' });
  expect(back.body).toMatchObject({ colour: 'blue', status: { state: 'unprovisioned' } });
});

test('devices are created without a license; those beyond the capacity show purple', async () => {
  const server = await licensed(8);
  const add = (name: string, protocol = 'modbus') =>
    h.call('POST', `/smartservers/${server.installCode}/iap/devs`, { token: server.token, body: { name, protocol } });
  const ninth = await add('Meter-9');
  expect(ninth.status).toBe(201);
  expect(ninth.body).toMatchObject({ id: 9, colour: 'blue', lic: { licensed: true } });
  expect((await add('Meter-10')).body).toMatchObject({ id: 10, colour: 'purple', lic: { licensed: false } });
  expect(await h.dashboard(server)).toMatchObject({ definedDevices: 10, licensedDevices: 9, badge: true });
  expectProblem(await add('Meter-10'), 409, 'device-name-taken');
  expect(expectProblem(await add('Meter-11', 'knx'), 400, 'invalid-input').field).toBe('protocol');
  expect(
    expectProblem(
      await h.call('POST', `/smartservers/${server.installCode}/iap/devs`, { token: server.token, body: { name: 'X', protocol: 'lon', origin: 'guess' } }),
      400,
      'invalid-input',
    ).field,
  ).toBe('origin');
});

test('once every license went back to the cloud the devices are unreachable and scheduler and data logging stop', async () => {
  const server = await licensed(2);
  await h.deviceAction(server, 1, { action: 'provision' });
  expect((await h.dashboard(server)).services).toEqual({ devices: 'reachable', scheduler: 'running', dataLogging: 'running' });
  await h.ok('POST', `/smartservers/${server.installCode}/iap/lic/cloud/upload`, { token: server.token });
  expect((await h.dashboard(server)).services).toEqual({ devices: 'unreachable', scheduler: 'stopped', dataLogging: 'stopped' });
  for (const action of ['read-datapoints', 'write-datapoints']) {
    expect(expectProblem(await h.deviceAction(server, 1, { action }), 409, 'device-unlicensed').detail).toContain('scheduler and data logging are stopped');
  }
  expect((await h.deviceAction(server, 1, { action: 'schedule' })).status).toBe(200);
});

test('LON RNI, LON routing and BACnet routing work without any capacity license', async () => {
  const server = await h.smartServer({ devices: { lon: 1 } });
  const base = `/smartservers/${server.installCode}/features`;
  const features = await h.ok('GET', base, { token: server.token });
  expect(Object.fromEntries(features.map((f: { feature: string; available: boolean }) => [f.feature, f.available]))).toEqual({
    'lon-rni': true,
    'lon-routing': true,
    'bacnet-routing': true,
    scheduler: false,
    'data-logging': false,
  });
  const on = await h.ok('PUT', `${base}/bacnet-routing`, { token: server.token, body: { enabled: true } });
  expect(on).toMatchObject({ feature: 'bacnet-routing', available: true, enabled: true });
  expect(expectProblem(await h.call('PUT', `${base}/scheduler`, { token: server.token, body: { enabled: true } }), 400, 'invalid-input').field).toBe('feature');
  expect(expectProblem(await h.call('PUT', `${base}/lon-rni`, { token: server.token, body: {} }), 400, 'invalid-input').field).toBe('enabled');
});

test('a SmartServer Pi without its Core license cannot switch on routing', async () => {
  const pi = await h.smartServer({ version: '4.2', edition: 'pi' });
  const answer = await h.call('PUT', `/smartservers/${pi.installCode}/features/bacnet-routing`, { token: pi.token, body: { enabled: true } });
  expect(expectProblem(answer, 409, 'feature-unavailable').detail).toContain('Core');
});

test('Manage Licenses opens at start-up for the Owner only, and only while capacity is short', async () => {
  const server = await h.smartServer({
    devices: { lon: 3 },
    users: [
      { username: 'owner', userType: 'Owner' },
      { username: 'adm', userType: 'Admin' },
    ],
  });
  expect((await h.dashboard(server)).manageLicensesOpensAtStartup).toBe(true);
  expect((await h.dashboard(server, await h.login(server, 'adm'))).manageLicensesOpensAtStartup).toBe(false);
  const { customerId, licenses } = await h.orderFor('P2022-0208', ['72220-10']);
  await h.activateOnline(server, customerId, [licenses.get('72220-10')!]);
  expect((await h.dashboard(server)).manageLicensesOpensAtStartup).toBe(false);
});
