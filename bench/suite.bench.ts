import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Bench, BenchFigure } from './types';

/**
 * The conformance suite's wall time on the in-process target (mock) and over HTTP (emulator),
 * against cucumber running the same number of scenarios, with as many steps each, whose one step
 * definition does nothing: same cucumber, same TypeScript register (bin/register.js), same formatters, same process
 * start, in the same run. What is left after the baseline is the suite's own cost: its support
 * code loading, the target's start and the work each scenario does.
 */
const ROOT = join(__dirname, '..');
const WORK = join(ROOT, 'reports', 'out', 'bench-suite');
const CUCUMBER = join(ROOT, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');

type Profile = Record<string, unknown> & { format?: string[] };

/** A profile of cucumber.json with its report files moved into the bench folder. */
function relocated(profile: Profile, name: string): Profile {
  const format = (profile.format ?? []).map((f) => {
    const at = f.indexOf(':');
    return at < 0 ? f : `${f.slice(0, at)}:${join(WORK, name, f.slice(at + 1).split('/').pop()!)}`;
  });
  return { ...profile, format };
}

interface Run {
  wallMs: number;
  scenarios: number;
  steps: number;
  failed: number;
}

interface CucumberJson {
  elements?: { type: string; steps?: { hidden?: boolean; keyword: string; result?: { status: string } }[] }[];
}

/** Counts scenarios, their own steps (not hooks) and the scenarios that did not pass. */
function tally(file: string): Omit<Run, 'wallMs'> {
  const features = JSON.parse(readFileSync(file, 'utf8')) as CucumberJson[];
  let scenarios = 0;
  let steps = 0;
  let failed = 0;
  for (const feature of features) {
    for (const element of feature.elements ?? []) {
      if (element.type !== 'scenario') continue;
      scenarios++;
      const own = (element.steps ?? []).filter((s) => !s.hidden && s.keyword !== 'Before' && s.keyword !== 'After');
      steps += own.length;
      if ((element.steps ?? []).some((s) => s.result?.status !== 'passed')) failed++;
    }
  }
  return { scenarios, steps, failed };
}

function cucumber(profile: string, env: Record<string, string>, extra: string[] = []): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CUCUMBER, '--config', relative(ROOT, join(WORK, 'cucumber.json')), '-p', profile, ...extra], {
      cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('exit', (code) => (code === 0 || extra.includes('--dry-run') ? resolve(performance.now() - started) : reject(new Error(`cucumber -p ${profile} exited with ${code}`))));
  });
}

async function measured(profile: string, env: Record<string, string>): Promise<Run> {
  const wallMs = await cucumber(profile, env);
  return { wallMs, ...tally(join(WORK, profile, 'cucumber.json')) };
}

/** N scenarios of `steps` steps each, all matching one step definition that does nothing. */
function writeEmptySuite(scenarios: number, steps: number): void {
  mkdirSync(join(WORK, 'empty-features'), { recursive: true });
  const body = Array.from({ length: steps }, (_, i) => `    ${i === 0 ? 'Given' : 'And'} nothing happens`).join('\n');
  const text = Array.from({ length: scenarios }, (_, i) => `  Scenario: empty ${i + 1}\n${body}\n`).join('\n');
  writeFileSync(join(WORK, 'empty-features', 'empty.feature'), `Feature: Empty scenarios for the benchmark baseline\n\n${text}`);
  writeFileSync(join(WORK, 'empty.steps.ts'), "import { Given } from '@cucumber/cucumber';\n\nGiven('nothing happens', function () {});\n");
}

const seconds = (ms: number) => Math.round(ms / 10) / 100;

export const bench: Bench = {
  name: 'Conformance suite wall time against empty scenarios',
  async run(log) {
    rmSync(WORK, { recursive: true, force: true });
    mkdirSync(WORK, { recursive: true });
    const profiles = JSON.parse(readFileSync(join(ROOT, 'cucumber.json'), 'utf8')) as Record<string, Profile>;
    const config: Record<string, Profile> = {
      mock: relocated(profiles.default, 'mock'),
      emulator: relocated(profiles.emulator, 'emulator'),
    };
    writeFileSync(join(WORK, 'cucumber.json'), JSON.stringify(config));
    try {
      log('suite, in-process target (mock)…');
      const mock = await measured('mock', { SSLAB_TARGET: 'mock' });
      log('suite, emulator process over HTTP…');
      const http = await measured('emulator', { SSLAB_TARGET: 'emulator' });
      log('suite support code alone (--dry-run)…');
      const load = await cucumber('mock', { SSLAB_TARGET: 'mock' }, ['--dry-run']);
      const stepsPerScenario = Math.max(1, Math.round(mock.steps / mock.scenarios));
      log(`baseline: ${mock.scenarios} empty scenarios of ${stepsPerScenario} steps…`);
      writeEmptySuite(mock.scenarios, stepsPerScenario);
      config.empty = { ...relocated(profiles.default, 'empty'), require: [join(ROOT, 'bin', 'register.js'), join(WORK, 'empty.steps.ts')], paths: [join(WORK, 'empty-features', '*.feature')], worldParameters: {} };
      writeFileSync(join(WORK, 'cucumber.json'), JSON.stringify(config));
      const empty = await measured('empty', {});
      const emptyLoad = await cucumber('empty', {}, ['--dry-run']);
      const perScenario = (run: Run) => Math.round(((run.wallMs - empty.wallMs) / run.scenarios) * 10) / 10;
      const ratio = (run: Run) => Math.round((run.wallMs / empty.wallMs) * 100) / 100;
      const figures: BenchFigure[] = [
        { name: 'scenarios in the suite', value: mock.scenarios, unit: 'scenarios', note: `${mock.steps} steps; the baseline runs as many scenarios of ${stepsPerScenario} no-op steps` },
        { name: 'scenarios that did not pass (mock, emulator)', value: mock.failed + http.failed, unit: 'scenarios', target: { op: '<=', value: 0 } },
        { name: 'baseline: cucumber on the empty scenarios, wall time', value: seconds(empty.wallMs), unit: 's', note: 'cucumber and the TypeScript register start, parse, run and write the same four reports' },
        { name: 'suite on the in-process target (mock), wall time', value: seconds(mock.wallMs), unit: 's' },
        { name: 'suite over HTTP (a spawned emulator process), wall time', value: seconds(http.wallMs), unit: 's' },
        { name: 'suite support code loaded without running (--dry-run), wall time', value: seconds(load), unit: 's', note: 'the steps, drivers and the whole emulator compiled on load: paid once per run' },
        {
          name: 'in-process suite wall time / empty-scenario baseline', value: ratio(mock), unit: '×', target: { op: '<=', value: 2 },
          note: 'each real scenario resets the emulator and drives the domain through HTTP-shaped calls; the baseline does nothing per step',
        },
        { name: 'suite over HTTP wall time / empty-scenario baseline', value: ratio(http), unit: '×' },
        { name: 'overhead per scenario over the baseline, in-process', value: perScenario(mock), unit: 'ms' },
        { name: 'overhead per scenario over the baseline, over HTTP', value: perScenario(http), unit: 'ms' },
        {
          name: 'overhead per scenario, in-process, leaving out the one-off loading', value: Math.round((((mock.wallMs - load) - (empty.wallMs - emptyLoad)) / mock.scenarios) * 10) / 10, unit: 'ms',
          note: 'each wall time less its own --dry-run, the difference per scenario: what running one scenario costs',
        },
      ];
      return { name: 'Conformance suite wall time against empty scenarios', figures };
    } finally {
      rmSync(WORK, { recursive: true, force: true });
    }
  },
};
