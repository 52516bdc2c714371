import { expect, test } from 'vitest';
import { expectProblem, LicensingHarness, type FleetServer } from '../../../testing/licensing-harness';

const h = LicensingHarness.resetForEachTest();

const install = (server: FleetServer, body: unknown, token = server.token) => h.call('POST', `/smartservers/${server.installCode}/software`, { token, body });

/** A 4.0 SmartServer with 3 devices holding 200-device capacity and, if asked, 3-year maintenance ending 2029-01-05. */
async function licensedServer(withMaintenance: boolean) {
  const models = withMaintenance ? ['72220-200', '92201R-P-200'] : ['72220-200'];
  const { customerId, licenses } = await h.orderFor('P2022-0208', models);
  const server = await h.smartServer({ version: '4.0', devices: { lon: 2, modbus: 1 } });
  await h.activateOnline(server, customerId, [...licenses.values()]);
  return server;
}

test('an upgrade without maintenance is refused, naming the releases and the date, and nothing changes', async () => {
  const server = await licensedServer(false);
  const problem = expectProblem(await install(server, { version: '4.1' }), 409, 'maintenance-required');
  expect(problem.detail).toContain('4.0');
  expect(problem.detail).toContain('4.1');
  expect(problem.detail).toContain('2026-01-05');
  expect(problem.detail).toContain('Update release');
  expect((await h.dashboard(server)).version).toBe('4.0');
});

test('an upgrade after maintenance lapsed is refused naming the end date; updates still install', async () => {
  const server = await licensedServer(true);
  await h.setToday('2029-01-06');
  expect(expectProblem(await install(server, { version: '5.0' }), 409, 'maintenance-required').detail).toContain('ended on 2029-01-05');
  const update = await install(server, { version: '4.0 Update 2' });
  expect(update.status).toBe(200);
  expect(update.body).toMatchObject({ from: '4.0', to: '4.0 Update 2', change: 'update', reimaged: false });
});

test('with maintenance active on the day, an upgrade installs and keeps licenses and devices', async () => {
  const server = await licensedServer(true);
  await h.setToday('2029-01-05');
  const answer = await install(server, { version: '4.1' });
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ change: 'upgrade', licensesKept: 2, devicesCleared: 0 });
  expect(await h.dashboard(server)).toMatchObject({ version: '4.1', capacity: 200, definedDevices: 3, licensedDevices: 3 });
});

test('re-imaging to the same or an older release needs no maintenance, keeps licenses and clears devices', async () => {
  const server = await licensedServer(false);
  const same = await install(server, { version: '4.0', reimage: true });
  expect(same.body).toMatchObject({ change: 'same', reimaged: true, licensesKept: 1, devicesCleared: 3 });
  const older = await install(server, { version: '3.4', reimage: true });
  expect(older.body).toMatchObject({ change: 'downgrade', reimaged: true });
  expectProblem(await install(server, { version: '4.0', reimage: true }), 409, 'maintenance-required');
  const listed = await h.ok('GET', `/smartservers/${server.installCode}/iap/lic`, { token: server.token });
  expect(listed.map((l: { kind: string }) => l.kind)).toEqual(['capacity']);
  expect(await h.dashboard(server)).toMatchObject({ version: '3.4', capacity: 200, definedDevices: 0 });
});

test('Reset Databases and Restore Factory Settings keep the licenses and forget the devices', async () => {
  const server = await licensedServer(true);
  const base = `/smartservers/${server.installCode}`;
  await h.ok('PUT', `${base}/iap/lic/notifications`, { token: server.token, body: { emails: ['ops@building.example'], daysBefore: [30] } });
  const reset = await h.ok('POST', `${base}/reset-databases`, { token: server.token });
  expect(reset).toMatchObject({ licensesKept: 2, devicesCleared: 3 });
  expect((await h.ok('GET', `${base}/iap/lic/notifications`, { token: server.token })).daysBefore).toEqual([30]);
  await h.ok('POST', `${base}/iap/devs`, { token: server.token, body: { name: 'AHU-1', protocol: 'bacnet' } });
  const factory = await h.ok('POST', `${base}/restore-factory-settings`, { token: server.token });
  expect(factory).toMatchObject({ licensesKept: 2, devicesCleared: 1 });
  // The restore ends the CMS sessions: the Owner logs in again.
  expect((await h.call('GET', `${base}/iap/lic/notifications`, { token: server.token })).status).toBe(401);
  const token = await h.login(server, server.users[0].username);
  expect((await h.ok('GET', `${base}/iap/lic/notifications`, { token })).daysBefore).toEqual([]);
  expect(await h.dashboard(server, token)).toMatchObject({ capacity: 200, maintenance: { status: 'Active', ends: '2029-01-05' }, definedDevices: 0 });
});

test('releases up to 3.2 have no license management and their devices work without capacity', async () => {
  const server = await h.smartServer({ version: '3.2', devices: { lon: 2 } });
  expect(await h.dashboard(server)).toMatchObject({
    licenseManagement: false,
    badge: false,
    manageLicensesOpensAtStartup: false,
    services: { scheduler: 'running' },
  });
  const provisioned = await h.deviceAction(server, 1, { action: 'provision' });
  expect(provisioned.body).toMatchObject({ state: 'provisioned.normal', colour: 'green' });
  expect((await h.deviceAction(server, 1, { action: 'read-datapoints' })).status).toBe(200);
  const upgrade = await install(server, { version: '3.3' });
  expect(upgrade.body.change).toBe('upgrade');
  expect((await h.devices(server)).map((d) => d.colour)).toEqual(['purple', 'purple']);
  expect((await h.dashboard(server)).licenseManagement).toBe(true);
});

test('a SmartServer Pi needs its Core license before it creates, discovers or imports devices', async () => {
  const { customerId, licenses } = await h.orderFor('P2022-0208', ['SSPI-CORE']);
  const pi = await h.smartServer({ version: '4.2', edition: 'pi' });
  const add = (body: unknown) => h.call('POST', `/smartservers/${pi.installCode}/iap/devs`, { token: pi.token, body });
  for (const origin of ['create', 'discover', 'import']) {
    expect(expectProblem(await add({ name: `AHU-${origin}`, protocol: 'bacnet', origin }), 409, 'core-license-required').detail).toContain('SSPI-CORE');
  }
  await h.activateOnline(pi, customerId, [licenses.get('SSPI-CORE')!]);
  const created = await add({ name: 'AHU-1', protocol: 'bacnet' });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ name: 'AHU-1', colour: 'purple', lic: { licensed: false } });
  expect(expectProblem(await add({ name: 'VAV-1', protocol: 'lon' }), 422, 'lon-needs-pi-4.3').detail).toContain('4.2');
  await h.ok('POST', `/smartservers/${pi.installCode}/software`, { token: pi.token, body: { version: '4.2 Update 1' } });
  expectProblem(await add({ name: 'VAV-1', protocol: 'lon' }), 422, 'lon-needs-pi-4.3');
});

test('LON devices are added to a SmartServer Pi from release 4.3, which exists only from 4.2 on', async () => {
  const { customerId, licenses } = await h.orderFor('P2022-0208', ['SSPI-CORE', '92201R-P-10', '72220-10']);
  const pi = await h.smartServer({ version: '4.2', edition: 'pi' });
  await h.activateOnline(pi, customerId, [licenses.get('SSPI-CORE')!, licenses.get('72220-10')!, licenses.get('92201R-P-10')!]);
  expectProblem(await install(pi, { version: '4.1', reimage: true }), 422, 'release-not-for-pi');
  expect((await install(pi, { version: '4.3' })).status).toBe(200);
  const lon = await h.call('POST', `/smartservers/${pi.installCode}/iap/devs`, { token: pi.token, body: { name: 'VAV-1', protocol: 'lon' } });
  expect(lon.body).toMatchObject({ protocol: 'lon', colour: 'blue', lic: { licensed: true } });
});

test('installing needs the Owner or Admin and a well-formed release', async () => {
  const server = await h.smartServer({
    users: [
      { username: 'owner', userType: 'Owner' },
      { username: 'op', userType: 'User' },
      { username: 'adm', userType: 'Admin' },
    ],
  });
  expectProblem(await install(server, { version: '4.0 Update 1' }, await h.login(server, 'op')), 403, 'administrator-only');
  expect((await install(server, { version: '4.0 Update 1' }, await h.login(server, 'adm'))).status).toBe(200);
  expect(expectProblem(await install(server, { version: 'latest' }), 400, 'invalid-input').field).toBe('version');
  expect(expectProblem(await install(server, { version: '4.0', reimage: 'yes' }), 400, 'invalid-input').field).toBe('reimage');
});
