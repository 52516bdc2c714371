import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSmartServer } from '../services/smartserver';
import { CONTROL_PLANE_LOGIN } from './iap-mq';
import { serveEmulator, type RunningEmulator } from './serve';

/**
 * A subscriber that stops reading costs the embedded broker a bounded queue and holds up no clock
 * move: what does not fit is dropped and counted, while a subscriber that keeps reading gets
 * every update.
 */

const SMARTSERVERS = 200;
const DEVICES = 10;
// Three outputs of each LON device take a new reading when a day passes.
const PER_MOVE = SMARTSERVERS * DEVICES * 3;
const MOVES = 4;

let running: RunningEmulator;
const clients: MqttClient[] = [];

beforeAll(async () => {
  running = await serveEmulator({ port: 0, dataFile: ':memory:', passwordCost: 'fast', iapMq: { subscriberQueueBytes: 64 * 1024 } });
  const users = [{ username: 'owner', userType: 'Owner', password: 'slow-subscriber' }];
  // Release 3.2 comes before licensing: every device's datapoints may be read without activating anything.
  for (let i = 0; i < SMARTSERVERS; i++) createSmartServer(running.emulator.ctx, { name: `Slow ${i}`, version: '3.2', devices: { lon: DEVICES }, users });
});
afterAll(async () => {
  for (const client of clients) client.end(true);
  await running?.stop();
});

async function subscriber(): Promise<{ client: MqttClient; received: () => number }> {
  const client = await mqtt.connectAsync(running.iapMq!.url, { protocolVersion: 4, username: CONTROL_PLANE_LOGIN, reconnectPeriod: 0 });
  clients.push(client);
  let received = 0;
  client.on('message', () => {
    received += 1;
  });
  await client.subscribeAsync('glp/0/+/ev/data', { qos: 0 });
  return { client, received: () => received };
}

test('clock moves go on while a subscriber has paused its socket: its queue stays bounded, the overflow is counted, a reading subscriber misses nothing', async () => {
  const paused = await subscriber();
  const reading = await subscriber();
  paused.client.stream.pause();

  for (let move = 1; move <= MOVES; move++) {
    const moved = await fetch(`${running.url}/_emulator/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"days":1}',
    });
    expect(moved.status).toBe(200);
    // Without the bound this waits for the paused socket to drain (aedes gives up after a minute).
    await running.emulator.iapMq!.settled();
  }
  await expect.poll(reading.received, { timeout: 10_000 }).toBe(PER_MOVE * MOVES);

  const dropped = async () => ((await (await fetch(`${running.url}/_emulator/iap-mq`)).json()) as { dropped: number }).dropped;
  expect(await dropped()).toBeGreaterThan(0);
  expect(paused.received()).toBe(0);

  // Once it reads again it gets what was queued for it, and stays connected.
  paused.client.stream.resume();
  await expect.poll(async () => paused.received() + (await dropped()), { timeout: 10_000 }).toBe(PER_MOVE * MOVES);
  expect(paused.client.connected).toBe(true);
});
