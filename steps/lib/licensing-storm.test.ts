import { afterAll, beforeAll, expect, test } from 'vitest';
import type { FleetDescription } from '../../emulator/control-plane/fleets/description';
import { type RunningEmulator, serveEmulator } from '../../emulator/runtime/serve';
import { licensingStorm } from './licensing-storm';

/** A storm over a small fleet on one emulator: every phase reaches every SmartServer, and the fleet is whole afterwards. */

const STORM_FLEET: FleetDescription = {
  name: 'storm-test',
  seed: 7,
  password: 'Storm-Fleet-2026!',
  // Between 20 and 80 devices against a capacity of 50: some SmartServers license every device, some not all.
  smartServers: [{ group: 'sites', count: 60, version: '4.0', online: true, devices: { lon: { uniform: [20, 60] }, bacnet: { uniform: [0, 20] } } }],
};

let running: RunningEmulator;
beforeAll(async () => {
  running = await serveEmulator({ port: 0, dataFile: ':memory:', fleet: STORM_FLEET, passwordCost: 'fast' });
});
afterAll(() => running?.stop());

test('every SmartServer activates one license and returns it; no license is active twice and every device shows its capacity', async () => {
  const result = await licensingStorm({ url: running.url, fleet: 'storm-test', password: STORM_FLEET.password!, concurrency: 16 });
  expect(result.violations).toEqual([]);
  expect(result.smartServers).toBe(60);
  expect(result.heldAfterActivation).toBe(60);
  expect(result.heldAfterReturn).toBe(0);
  expect(result.phases.map((p) => [p.phase, p.requests])).toEqual([
    ['log in', 60],
    ['save Customer ID', 60],
    ['download and activate', 60],
    ['transfer to cloud', 60],
  ]);
  for (const p of result.phases) expect(p.p99Ms).toBeGreaterThanOrEqual(p.p50Ms);
});

test('a storm against a fleet that is not there names it', async () => {
  await expect(licensingStorm({ url: running.url, fleet: 'nowhere', password: 'any' })).rejects.toThrow(/nowhere/);
});
