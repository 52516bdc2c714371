import { expect, test } from 'vitest';
import { expectProblem, LicensingHarness, type FleetServer } from '../../../testing/licensing-harness';

/** Provisioning that waits for the device's report: the control-plane switch and the report itself. */
const h = LicensingHarness.resetForEachTest();

async function licensedServer(): Promise<FleetServer> {
  const { customerId, licenses } = await h.orderFor('P2022-0208', ['72220-10']);
  const server = await h.smartServer({ devices: { lon: 1 } });
  await h.activateOnline(server, customerId, [licenses.get('72220-10')!]);
  return server;
}

const waitForReport = (server: FleetServer, wait: boolean) =>
  h.ok('PUT', `/_emulator/smartservers/${server.installCode}/provisioning`, { body: { waitForReport: wait } });

const act = (server: FleetServer, body: unknown) => h.call('POST', `/smartservers/${server.installCode}/iap/devs/1/do`, { token: server.token, body });

test('while provisioning waits for the report the device spins until it reports success', async () => {
  const server = await licensedServer();
  expect(await waitForReport(server, true)).toEqual({ installCode: server.installCode, waitForReport: true });
  const spinning = await act(server, { action: 'provision' });
  expect(spinning.body).toMatchObject({ state: 'provisioning', colour: 'blue-spinner', status: { state: 'provisioning' } });
  const done = await act(server, { action: 'report-provisioning', outcome: 'succeeded' });
  expect(done.body).toMatchObject({ state: 'provisioned.normal', colour: 'green' });
});

test('a failed provisioning keeps the spinner and can be asked again', async () => {
  const server = await licensedServer();
  await waitForReport(server, true);
  await act(server, { action: 'provision' });
  expect((await act(server, { action: 'report-provisioning', outcome: 'failed' })).body).toMatchObject({ state: 'provisioning' });
  expect((await act(server, { action: 'provision' })).body).toMatchObject({ state: 'provisioning' });
  expect((await act(server, { action: 'deprovision' })).body).toMatchObject({ state: 'unprovisioned', colour: 'blue' });
});

test('a report outside provisioning is refused, and a wrong outcome names the field', async () => {
  const server = await licensedServer();
  expect(expectProblem(await act(server, { action: 'report-provisioning', outcome: 'succeeded' }), 409, 'device-state').detail).toContain(
    'only while provisioning',
  );
  expect(expectProblem(await act(server, { action: 'report-provisioning', outcome: 'maybe' }), 400, 'invalid-input').field).toBe('outcome');
});

test('by default, and after a reset, provisioning finishes at once', async () => {
  let server = await licensedServer();
  expect((await act(server, { action: 'provision' })).body).toMatchObject({ state: 'provisioned.normal' });
  await waitForReport(server, true);
  await h.ok('POST', '/_emulator/reset');
  server = await licensedServer();
  expect((await act(server, { action: 'provision' })).body).toMatchObject({ state: 'provisioned.normal' });
});

test('the switch names its field and the SmartServer it needs', async () => {
  const server = await licensedServer();
  const wrong = await h.call('PUT', `/_emulator/smartservers/${server.installCode}/provisioning`, { body: { waitForReport: 'yes' } });
  expect(expectProblem(wrong, 400, 'invalid-input').field).toBe('waitForReport');
  expectProblem(await h.call('PUT', '/_emulator/smartservers/17qzzzz/provisioning', { body: { waitForReport: true } }), 404, 'smartserver-not-found');
});
