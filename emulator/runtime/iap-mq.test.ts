import mqtt from 'mqtt';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startMosquitto } from '../testing/mosquitto';
import { listen } from '../testing/mqtt-test-kit';
import { connectTestClient, type ApiClient } from '../testing/http-test-kit';
import { CONTROL_PLANE_LOGIN } from './iap-mq';
import { serveEmulator, type RunningEmulator } from './serve';

/**
 * IAP/MQ as a client written from the developer's guide sees it: the SID, device status with
 * lic, datapoint updates, do requests; against the embedded broker and through mosquitto.
 */

let running: RunningEmulator;
let api: ApiClient;

beforeAll(async () => {
  running = await serveEmulator({ port: 0, dataFile: ':memory:', passwordCost: 'fast' });
  api = (await connectTestClient(running.url)).api;
});
afterAll(async () => running?.stop());

async function smartServer(version = '4.0', devices = { lon: 2 }) {
  const created = await api.ok('POST', '/_emulator/smartservers', { body: { version, devices } });
  const owner = created.users[0];
  const { token } = await api.ok('POST', `/smartservers/${created.installCode}/login`, { body: { username: owner.username, password: owner.password } });
  return { installCode: created.installCode as string, owner, token: token as string };
}

async function activateCapacity(server: { installCode: string; token: string }, model = '72220-10') {
  const order = await api.ok('POST', '/backoffice/api/orders', {
    body: {
      poNumber: `PO-${server.installCode}-${model}`,
      partner: { email: 'ace@partners.example' },
      lines: [{ model, quantity: 1 }],
      customer: `P-${server.installCode}`,
    },
  });
  await api.ok('PUT', `/smartservers/${server.installCode}/iap/lic/accounts`, { token: server.token, body: { customerId: order.customer.customerId } });
  await api.ok('POST', `/smartservers/${server.installCode}/iap/lic/cloud/download`, {
    token: server.token,
    body: { licenseIds: [order.licenses[0].licenseId] },
  });
}

test('a CMS user subscribes with the documented topics: the SID, statuses with lic turning true in the licensing tick, data updates', async () => {
  const server = await smartServer('4.0');
  const url = running.iapMq!.url;
  const sub = await listen(url, { username: `${server.owner.username}@${server.installCode}`, password: server.owner.password }, [
    'glp/0/././sid',
    `glp/0/${server.installCode}/fb/dev/+/+/sts`,
    'glp/0/+/ev/data',
  ]);
  expect((await sub.next((m) => m.topic === 'glp/0/././sid')).body).toBe(server.installCode);
  const purple = await sub.next((m) => m.topic === `glp/0/${server.installCode}/fb/dev/lon/LON-1/sts`);
  expect(purple.body).toMatchObject({ state: 'unprovisioned', lic: { licensed: false } });

  await activateCapacity(server);
  const blue = await sub.next((m) => m.topic.endsWith('/LON-1/sts') && m.body.lic.licensed === true);
  expect(blue.body.state).toBe('unprovisioned');

  await api.ok('PUT', `/smartservers/${server.installCode}/iap/devs/LON-1/if/thermostat/0/nviSetpoint/value`, { token: server.token, body: 22.5 });
  const written = await sub.next((m) => m.topic === `glp/0/${server.installCode}/ev/data` && m.body.message === 'nviSetpoint');
  expect(written.body).toMatchObject({ topic: `glp/0/${server.installCode}/fb/dev/lon/LON-1/if/thermostat/0`, data: 22.5 });

  await api.ok('POST', '/_emulator/clock/advance', { body: { days: 1 } });
  const reading = await sub.next((m) => m.body.message === 'nvoLuxLevel');
  expect(reading.body.topic.split('/')[6]).toBe('LON-1');
  expect(typeof reading.body.data).toBe('number');
  await sub.client.endAsync();
});

test('a clock move reaches a subscriber whole across the batches it is published in, and settled answers once it went out', async () => {
  // Release 3.2 predates licensing, so every device's outputs publish: 3 per LON device, 600 in all.
  const codes = new Set<string>();
  for (let i = 0; i < 40; i++) codes.add((await api.ok('POST', '/_emulator/smartservers', { body: { version: '3.2', devices: { lon: 5 } } })).installCode);
  const sub = await listen(running.iapMq!.url, { username: CONTROL_PLANE_LOGIN }, ['glp/0/+/ev/data']);
  await api.ok('POST', '/_emulator/clock/advance', { body: { days: 1 } });
  await api.ok('POST', '/_emulator/iap-mq/settled');
  const ours = () => sub.messages.filter((m) => codes.has(m.topic.split('/')[2]));
  await sub.next(() => ours().length >= 600);
  const seen = new Set(ours().map((m) => `${m.body.topic}/${m.body.message}`));
  expect(seen.size).toBe(600);
  expect(ours()).toHaveLength(600);
  await sub.client.endAsync();
});

test('do requests follow the REST and CMS rules: provisioning a purple device is refused, then allowed once licensed', async () => {
  const server = await smartServer('3.4', { lon: 0 });
  const url = running.iapMq!.url;
  const login = { username: `${server.owner.username}@${server.installCode}`, password: server.owner.password };
  const sub = await listen(url, login, [`glp/0/${server.installCode}/fb/dev/+/+/sts`, `glp/0/${server.installCode}/ev/error`]);
  const request = (handle: string, body: unknown) => sub.client.publishAsync(`glp/0/${server.installCode}/rq/dev/lon/${handle}/do`, JSON.stringify(body));
  await request('Room1', { action: 'create' });
  expect((await sub.next((m) => m.topic.endsWith('/Room1/sts'))).body).toMatchObject({ state: 'unprovisioned', lic: { licensed: false } });
  await request('Room1', { action: 'provision' });
  expect((await sub.next((m) => m.topic.endsWith('/ev/error'))).body).toMatchObject({ code: 'device-unlicensed', status: 409 });
  await activateCapacity(server);
  await sub.next((m) => m.topic.endsWith('/Room1/sts') && m.body.lic.licensed === true);
  await request('Room1', { action: 'provision' });
  expect((await sub.next((m) => m.topic.endsWith('/Room1/sts') && m.body.state === 'provisioned')).body.health).toBe('normal');
  await sub.client.endAsync();
});

test('a client sees only its own SmartServer, and a wrong password is refused', async () => {
  const mine = await smartServer();
  const other = await smartServer();
  await activateCapacity(other, '72220-10');
  const url = running.iapMq!.url;
  const sub = await listen(url, { username: `${mine.owner.username}@${mine.installCode}`, password: mine.owner.password }, ['glp/0/+/ev/data']);
  await api.ok('PUT', `/smartservers/${other.installCode}/iap/devs/LON-1/if/thermostat/0/nviSetpoint/value`, { token: other.token, body: 20 });
  await activateCapacity(mine, '72220-10');
  await api.ok('PUT', `/smartservers/${mine.installCode}/iap/devs/LON-1/if/thermostat/0/nviSetpoint/value`, { token: mine.token, body: 19 });
  await sub.next((m) => m.body.data === 19);
  expect(sub.messages.every((m) => m.topic.startsWith(`glp/0/${mine.installCode}/`))).toBe(true);
  await sub.client.endAsync();
  await expect(mqtt.connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0, username: `owner@${mine.installCode}`, password: 'wrong' })).rejects.toThrow(
    /Bad username or password|Not authorized/i,
  );
});

test('with --mqtt-url the emulator publishes into mosquitto and answers requests from it', async () => {
  const mosquitto = await startMosquitto();
  const emulator = await serveEmulator({ port: 0, dataFile: ':memory:', passwordCost: 'fast', iapMq: { url: mosquitto.url } });
  try {
    const client = (await connectTestClient(emulator.url)).api;
    const created = await client.ok('POST', '/_emulator/smartservers', { body: { version: '4.0', devices: { lon: 1 } } });
    const code = created.installCode as string;
    const sub = await listen(mosquitto.url, {}, [`glp/0/${code}/fb/dev/+/+/sts`, `glp/0/${code}/ev/error`]);
    await sub.client.publishAsync(`glp/0/${code}/rq/dev/lon/LON-1/do`, JSON.stringify({ action: 'provision' }));
    expect((await sub.next((m) => m.topic.endsWith('/ev/error'))).body.code).toBe('device-unlicensed');
    await sub.client.publishAsync(`glp/0/${code}/rq/dev/bacnet/Meter7/do`, JSON.stringify({ action: 'create' }));
    expect((await sub.next((m) => m.topic === `glp/0/${code}/fb/dev/bacnet/Meter7/sts`)).body).toMatchObject({
      state: 'unprovisioned',
      lic: { licensed: false },
    });
    await sub.client.endAsync();
    // A clock move's updates go into mosquitto too: three outputs of each of two LON devices of a release before licensing.
    const older = (await client.ok('POST', '/_emulator/smartservers', { body: { version: '3.2', devices: { lon: 2 } } })).installCode as string;
    const data = await listen(mosquitto.url, {}, [`glp/0/${older}/ev/data`]);
    await client.ok('POST', '/_emulator/clock/advance', { body: { days: 1 } });
    await client.ok('POST', '/_emulator/iap-mq/settled');
    await data.next(() => data.messages.length >= 6);
    expect(new Set(data.messages.map((m) => `${m.body.deviceName}/${m.body.message}`)).size).toBe(6);
    await data.client.endAsync();
  } finally {
    await emulator.stop();
    await mosquitto.stop();
  }
});
