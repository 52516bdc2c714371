import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { EventObject } from 'xstate';
import type { DeviceEvent } from '../../models/device.machine';
import { generateAllPaths } from '../../models/paths';
import type { GeneratedPath } from '../../models/paths/generate';
import { apiSurfaces } from '../drivers/api';
import { startTarget, type Target } from '../support/targets';
import { REPORTS_VARIABLE } from '../../reports/out-dir';
import { printFeature, type PrintableScenario } from './gherkin';
import { runGeneratedPaths, type PathResult } from './runner';

/**
 * A path printed as Gherkin and pasted into a feature file must do in cucumber, through the
 * suite's own step definitions, what the runner did: pass where it passed, and fail at the same
 * step where it failed. Checked on generated paths that use every kind of printed step, and on
 * two paths made to fail.
 */
const ROOT = join(__dirname, '..', '..');
let target: Target;
let results: PathResult[];

/** Two device paths made to fail: an event the target accepts offered as a probe, and one it refuses offered as a transition. */
const broken: GeneratedPath<DeviceEvent>[] = [
  {
    machine: 'device',
    start: 'a device on a SmartServer without capacity',
    initial: 'unlicensed',
    steps: [{ event: { type: 'LICENSE' }, variant: 'LICENSE', from: 'unlicensed', to: 'unlicensed', kind: 'probe' }],
  },
  {
    machine: 'device',
    start: 'a device on a SmartServer without capacity',
    initial: 'unlicensed',
    steps: [{ event: { type: 'PROVISION' }, variant: 'PROVISION', from: 'unlicensed', to: 'provisioning', kind: 'transition' }],
  },
];

beforeAll(async () => {
  target = await startTarget('mock');
  const plans = generateAllPaths();
  // The longest path of each license subject and of each other machine: between them every phrase the adapters print.
  const longest = <T extends EventObject>(paths: readonly GeneratedPath<T>[]) => [...paths].sort((a, b) => b.steps.length - a.steps.length)[0];
  const license = [...new Set(plans.license.paths.map((p) => p.start))].map((start) => longest(plans.license.paths.filter((p) => p.start === start)));
  const run = await runGeneratedPaths(apiSurfaces(target.baseUrl, target.transport), {
    target: 'mock',
    paths: {
      license: license as GeneratedPath<EventObject>[],
      device: [longest(plans.device.paths), ...broken] as GeneratedPath<EventObject>[],
      smartserver: plans.smartserver.paths as GeneratedPath<EventObject>[],
    },
  });
  results = run.machines.flatMap((m) => m.paths);
}, 180_000);

afterAll(async () => target?.stop());

test('a failing path stops at the failing step and is printed as a scenario ending there', () => {
  const [, accepted, refused] = results.filter((r) => r.machine === 'device');
  expect(accepted.failure?.message).toBe('the activation was expected to be refused (the device machine refuses LICENSE in unlicensed) but it succeeded.');
  expect(accepted.scenario.steps.at(-1)?.text).toBe('the activation is refused because the system answers "refused"');
  expect(refused.failure?.message).toMatch(/^a user of "Plant room" runs provision on its first device: the target answered 409 device-unlicensed/);
  expect(refused.failure?.gherkin).toContain('# Generated from the device machine (models/paths); it fails at its last step:');
  expect(refused.failure?.gherkin.trimEnd().endsWith('When a user of "Plant room" runs provision on its first device')).toBe(true);
  expect(results.filter((r) => r.failure)).toHaveLength(2);
});

interface CucumberScenario {
  name: string;
  steps: { name?: string; keyword: string; result: { status: string } }[];
}

/**
 * Runs scenarios through cucumber on the in-process target. The run's report files (the hooks'
 * target.json and transitions.json) go to a folder of its own: a conformance run may be writing
 * reports/out/mock at the same time.
 */
function runInCucumber(scenarios: readonly PrintableScenario[]): CucumberScenario[] {
  const dir = mkdtempSync(join(tmpdir(), 'sslab-printed-'));
  try {
    writeFileSync(join(dir, 'printed.feature'), printFeature('Scenarios printed from generated paths', scenarios));
    const config = {
      default: {
        require: ['bin/register.js', 'steps/parameter-types.ts', 'steps/support/!(*.test).ts', 'steps/*.steps.ts'],
        paths: [relative(ROOT, join(dir, 'printed.feature'))],
        format: [`json:${relative(ROOT, join(dir, 'report.json'))}`],
        worldParameters: { target: 'mock' },
      },
    };
    writeFileSync(join(dir, 'cucumber.json'), JSON.stringify(config));
    const cucumber = join(ROOT, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');
    const env: NodeJS.ProcessEnv = { ...process.env, SSLAB_TARGET: 'mock', SSLAB_DRIVER: 'api', [REPORTS_VARIABLE]: join(dir, 'reports') };
    delete env.SSLAB_URL;
    spawnSync(process.execPath, [cucumber, '--config', relative(ROOT, join(dir, 'cucumber.json'))], { cwd: ROOT, encoding: 'utf8', env });
    const [feature] = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { elements: CucumberScenario[] }[];
    expect(existsSync(join(dir, 'reports', 'mock', 'target.json')), 'the hooks wrote their summary where SSLAB_REPORTS said').toBe(true);
    return feature.elements;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('printed scenarios pasted into a feature file pass and fail in cucumber where the run did', () => {
  const ran = runInCucumber(results.map((p) => p.scenario));
  expect(ran.map((r) => r.name)).toEqual(results.map((p) => p.scenario.title));
  ran.forEach((scenario, i) => {
    const steps = scenario.steps.filter((s) => s.keyword !== 'Before' && s.keyword !== 'After');
    const notPassed = steps.find((s) => s.result.status !== 'passed');
    if (results[i].failure) {
      expect(notPassed?.result.status, scenario.name).toBe('failed');
      expect(notPassed?.name, scenario.name).toBe(results[i].scenario.steps.at(-1)!.text);
    } else {
      expect(notPassed, `${scenario.name}: ${notPassed?.name} ${notPassed?.result.status}`).toBeUndefined();
      expect(steps).toHaveLength(results[i].scenario.steps.length);
    }
  });
}, 120_000);
