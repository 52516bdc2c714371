import { afterAll, beforeAll, expect, test } from 'vitest';
import { type StartedEmulator, startEmulator } from '../../steps/start-emulator';
import { type Sample, sampleOf, startConnector } from './cloud-connector';

/*
 * The connector runs unchanged against an emulator over HTTP and MQTT on loopback: the test sets
 * a SmartServer up through its REST paths, as its Owner would, and the connector follows it
 * through the emulator's broker with the Owner's CMS credentials.
 */

let emulator: StartedEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ seed: null });
});
afterAll(async () => emulator.stop());

async function call(method: string, path: string, token?: string, body?: unknown): Promise<any> {
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${emulator.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  const text = await response.text();
  return text ? JSON.parse(text) : undefined;
}

/** A SmartServer with two LON devices and a 10-device license, its Owner logged in. */
async function licensedSmartServer() {
  const server = await call('POST', '/_emulator/smartservers', undefined, { devices: { lon: 2 } });
  const owner = server.users[0];
  const { token } = await call('POST', `/smartservers/${server.installCode}/login`, undefined, { username: owner.username, password: owner.password });
  const order = await call('POST', '/backoffice/api/orders', undefined, {
    poNumber: `PO-${server.installCode}`,
    partner: { email: 'ace@partners.example' },
    lines: [{ model: '72220-10', quantity: 1 }],
    customer: `P-${server.installCode}`,
  });
  await call('PUT', `/smartservers/${server.installCode}/iap/lic/accounts`, token, { customerId: order.customer.customerId });
  await call('POST', `/smartservers/${server.installCode}/iap/lic/cloud/download`, token, { licenseIds: [order.licenses[0].licenseId] });
  return { installCode: server.installCode as string, owner, token: token as string };
}

/** Where the test's connector forwards to: a list, and a wait for it to hold `count` samples (five seconds at most). */
function collect() {
  const samples: Sample[] = [];
  return {
    samples,
    forward: (sample: Sample) => void samples.push(sample),
    async until(count: number) {
      const deadline = Date.now() + 5000;
      while (samples.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      return samples;
    },
  };
}

test('the connector forwards a written value, named by SmartServer, device, block and datapoint', async () => {
  const server = await licensedSmartServer();
  const sink = collect();
  const connector = await startConnector(
    emulator.mqttUrl,
    { username: `${server.owner.username}@${server.installCode}`, password: server.owner.password },
    sink.forward,
  );
  await call('PUT', `/smartservers/${server.installCode}/iap/devs/LON-2/if/thermostat/0/nviSetpoint/value`, server.token, 22.5);
  const [sample] = await sink.until(1);
  expect(sample).toEqual({
    sid: server.installCode,
    protocol: 'lon',
    device: 'LON-2',
    block: 'thermostat',
    blockIndex: 0,
    datapoint: 'nviSetpoint',
    value: 22.5,
  });
  await connector.stop();
});

test('the connector forwards the readings that change as the clock moves, and nothing of a SmartServer it does not log in to', async () => {
  const server = await licensedSmartServer();
  const other = await licensedSmartServer();
  const sink = collect();
  const connector = await startConnector(
    emulator.mqttUrl,
    { username: `${server.owner.username}@${server.installCode}`, password: server.owner.password },
    sink.forward,
  );
  await call('POST', '/_emulator/clock/advance', undefined, { days: 1 });
  await call('POST', '/_emulator/iap-mq/settled');
  // Each of the two devices has three outputs, and a day later each has a new reading.
  const samples = await sink.until(6);
  expect(samples.map((s) => `${s.device} ${s.datapoint}`).sort()).toEqual([
    'LON-1 nvoLuxLevel',
    'LON-1 nvoSpaceTemp',
    'LON-1 nvoTemp',
    'LON-2 nvoLuxLevel',
    'LON-2 nvoSpaceTemp',
    'LON-2 nvoTemp',
  ]);
  expect(samples.every((s) => s.sid === server.installCode && typeof s.value === 'number')).toBe(true);
  expect(samples.some((s) => s.sid === other.installCode)).toBe(false);
  await connector.stop();
});

test('messages that are not datapoint updates are left alone', () => {
  expect(sampleOf('not json')).toBeUndefined();
  expect(sampleOf(JSON.stringify({ topic: 'glp/0/x/ev/error', message: 'x' }))).toBeUndefined();
  expect(sampleOf(JSON.stringify({ topic: 'glp/0/17q2d7a/fb/dev/lon/Room%201/if/meter/1', message: 'nvoPower', data: 3 }))).toMatchObject({
    device: 'Room 1',
    datapoint: 'nvoPower',
  });
});
