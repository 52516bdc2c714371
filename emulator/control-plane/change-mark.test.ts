import { expect, test } from 'vitest';
import { LicensingHarness } from '../testing/licensing-harness';

/**
 * The browser driver skips a page's Refresh while the mark stays the same, so the mark must move
 * with every kind of state a page shows: rows written, the clock, the faults on the way to the
 * cloud, a SmartServer's connection; and stay put while only reads happen.
 */
const h = LicensingHarness.resetForEachTest();
const mark = async () => (await h.ok<{ mark: string }>('GET', '/_emulator/changes')).mark;

test('reads leave the mark as it was', async () => {
  const server = await h.smartServer({ devices: { lon: 2 } });
  const before = await mark();
  await h.dashboard(server);
  await h.devices(server);
  await h.ok('GET', '/_emulator/clock');
  expect(await mark()).toBe(before);
});

test('a write through a SmartServer moves the mark', async () => {
  const { customerId } = await h.orderFor('P2022-0208', ['72220-200']);
  const server = await h.smartServer({ devices: { lon: 2 } });
  const before = await mark();
  await h.ok('PUT', `/smartservers/${server.installCode}/iap/lic/accounts`, { token: server.token, body: { customerId } });
  expect(await mark()).not.toBe(before);
});

test('the clock moving moves the mark, and setting it to the time it shows does not', async () => {
  const before = await mark();
  const { now } = await h.ok<{ now: string }>('GET', '/_emulator/clock');
  await h.ok('POST', '/_emulator/clock/advance', { body: { days: 1 } });
  const advanced = await mark();
  expect(advanced).not.toBe(before);
  await h.ok('PUT', '/_emulator/clock', { body: { now } });
  expect(await mark()).not.toBe(advanced);
});

test('a fault injected on the way to the cloud, and its clearing, move the mark', async () => {
  const before = await mark();
  await h.ok('PUT', '/_emulator/faults', { body: { cloud: { failWith: 503 } } });
  const failing = await mark();
  expect(failing).not.toBe(before);
  await h.ok('PUT', '/_emulator/faults', { body: { cloud: { delayMs: 5 } } });
  const slow = await mark();
  expect(slow).not.toBe(failing);
  await h.ok('PUT', '/_emulator/faults', { body: { cloud: null } });
  expect(await mark()).not.toBe(slow);
});

test('a SmartServer cut off from the Internet, and connected again, moves the mark', async () => {
  const server = await h.smartServer();
  const before = await mark();
  await h.ok('PUT', `/_emulator/smartservers/${server.installCode}/connection`, { body: { online: false } });
  const offline = await mark();
  expect(offline).not.toBe(before);
  await h.ok('PUT', `/_emulator/smartservers/${server.installCode}/connection`, { body: { online: true } });
  expect(await mark()).not.toBe(offline);
});
