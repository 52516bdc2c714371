import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { apiSurfaces } from '../drivers/api';
import { startTarget, type Target } from '../support/targets';
import { runGeneratedPaths, type MachineRun } from './runner';
import { generatedTransitionsOf, writeGeneratedTransitions } from './summary';

/**
 * The paths generated from the license, device and SmartServer machines, replayed on the
 * in-process target: every path passes, every transition of each machine is taken, every probe
 * is refused. One test per machine, so each test covers only its machine's code (mutation
 * testing runs the tests that cover a mutant). Once all three ran, their transitions are written
 * to reports/out/mock/generated-transitions.json for the conformance report.
 */
const ROOT = join(__dirname, '..', '..');
let target: Target;
const runs = new Map<string, MachineRun>();

beforeAll(async () => {
  target = await startTarget('mock');
});

afterAll(async () => {
  if (runs.size === 3)
    writeGeneratedTransitions(join(ROOT, 'reports', 'out'), { target: 'mock', machines: ['license', 'device', 'smartserver'].map((m) => runs.get(m)!) });
  await target?.stop();
});

async function runMachine(machine: string): Promise<MachineRun> {
  const [run] = (await runGeneratedPaths(apiSurfaces(target.baseUrl, target.transport), { target: 'mock', machines: [machine] })).machines;
  runs.set(machine, run);
  expect(run.paths.filter((p) => p.failure).map((p) => p.failure!.gherkin)).toEqual([]);
  expect(run.uncovered).toEqual([]);
  expect(run.covered).toBe(run.edges);
  return run;
}

test('the license paths pass, take every license transition and have their probes refused for the machine reasons', async () => {
  const run = await runMachine('license');
  expect(run.edges).toBe(11);
  expect(run.refusals).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ state: 'active', event: 'TRANSFER', code: 'license-active' }),
      expect.objectContaining({ state: 'retired', event: 'TRANSFER', code: 'license-retired' }),
      expect.objectContaining({ state: 'retired', event: 'ACTIVATE(online)', code: 'license-retired' }),
      expect.objectContaining({ state: 'retired', event: 'ISSUE_OFFLINE_FILE(customer-portal)', code: 'license-retired' }),
      expect.objectContaining({ state: 'withCustomer', event: 'WITHDRAW_OFFLINE_FILE', code: 'no-offline-file' }),
      expect.objectContaining({ state: 'offlineFileIssued', event: 'ACTIVATE(offline)', code: 'offline-file-foreign' }),
      expect.objectContaining({ state: 'withCustomer', event: 'ACTIVATE(online)', code: 'core-needs-pi' }),
      expect.objectContaining({ state: 'withCustomer', event: 'ACTIVATE(online)', code: 'maintenance-capacity-mismatch' }),
    ]),
  );
  expect(run.paths.reduce((n, p) => n + p.probes, 0)).toBeGreaterThan(25);
}, 120_000);

test('the device paths pass and take every device transition, the spinner and a failed provisioning included', async () => {
  const run = await runMachine('device');
  expect(run.edges).toBe(14);
  expect(run.transitions).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ from: 'provisioning', event: 'PROVISIONING_FAILED', to: 'provisioning' }),
      expect.objectContaining({ from: 'provisioning', event: 'UNLICENSE', to: 'unlicensed' }),
      expect.objectContaining({ from: 'provisioned.down', event: 'HEALTH_MARGINAL', to: 'provisioned.marginal' }),
    ]),
  );
  expect(run.refusals.map((r) => r.code)).toEqual(expect.arrayContaining(['device-unlicensed', 'device-state', 'license-already-active', 'no-licenses']));
}, 120_000);

test('the SmartServer paths pass, and what they exercised is recorded in the coverage-log shape', async () => {
  const run = await runMachine('smartserver');
  expect(run.edges).toBe(6);
  expect(run.refusals).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ state: 'unlicensed', event: 'RETURN_ALL', code: 'no-licenses' }),
      expect.objectContaining({ state: 'licensed', event: 'ACTIVATE(cloud capacity)', code: 'smartserver-offline' }),
    ]),
  );
  const file = generatedTransitionsOf({ target: 'mock', machines: [run] });
  expect(file.machines.smartserver).toEqual({ paths: run.paths.length, failed: 0, edges: 6, covered: 6 });
  expect(file.transitions).toContainEqual({ machine: 'smartserver', from: 'unlicensed', event: 'RETURN_ALL', to: 'unlicensed', count: 1 });
  for (const t of file.transitions) expect(t.count).toBeGreaterThan(0);
}, 120_000);
