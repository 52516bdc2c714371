import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { median, type Bench, type BenchFigure } from './types';

/**
 * The conformance suite's wall time on the in-process target (mock) and over HTTP (emulator),
 * against cucumber running the same number of scenarios, with as many steps each, whose one step
 * definition does nothing: same cucumber, same TypeScript register (bin/register.js), same
 * formatters, same process start, in the same run, each the median of a few runs. What is left
 * after the baseline is the suite's own cost: its support code loading, the target's start and
 * the work each scenario does. Beside it, what the in-process transport alone costs per request,
 * times the requests the in-process run sent: the part of that cost no emulator work can remove.
 * Then where a scenario's running cost goes, as the in-process run counted it (starting the
 * emulator, answering requests, resetting, the rest), and what the scenarios take when the same
 * process runs them a second time: the share of the cost that is paid once per process, the first
 * time each path runs.
 */
const ROOT = join(__dirname, '..');
const WORK = join(ROOT, 'reports', 'out', 'bench-suite');
const CUCUMBER = join(ROOT, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');

type Profile = Record<string, unknown> & { format?: string[] };

/** A profile of cucumber.json with its report files moved into the bench folder. */
function relocated(profile: Profile, name: string): Profile {
  const format = (profile.format ?? []).map((f) => {
    const at = f.indexOf(':');
    return at < 0
      ? f
      : `${f.slice(0, at)}:${join(
          WORK,
          name,
          f
            .slice(at + 1)
            .split('/')
            .pop()!,
        )}`;
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
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('exit', (code) =>
      code === 0 || extra.includes('--dry-run') ? resolve(performance.now() - started) : reject(new Error(`cucumber -p ${profile} exited with ${code}`)),
    );
  });
}

/** Runs a profile this many times, one after the other: the machine's other load varies from run to run. */
const RUNS = Number(process.env.BENCH_SUITE_RUNS ?? 3);

/** The median of RUNS timings, taken one after the other (each a fresh process). */
async function medianOfRuns(time: () => Promise<number>): Promise<number> {
  const walls: number[] = [];
  for (let i = 0; i < RUNS; i++) walls.push(await time());
  return median(walls);
}

/** A profile's median wall time, with the last run's tally. */
async function measured(profile: string, env: Record<string, string>): Promise<Run> {
  const wallMs = await medianOfRuns(() => cucumber(profile, env));
  return { wallMs, ...tally(join(WORK, profile, 'cucumber.json')) };
}

/** A profile's median time to load its support code and run nothing. */
const loadOnly = (profile: string, env: Record<string, string>) => medianOfRuns(() => cucumber(profile, env, ['--dry-run']));

/** N scenarios of `steps` steps each, all matching one step definition that does nothing. */
function writeEmptySuite(scenarios: number, steps: number): void {
  mkdirSync(join(WORK, 'empty-features'), { recursive: true });
  const body = Array.from({ length: steps }, (_, i) => `    ${i === 0 ? 'Given' : 'And'} nothing happens`).join('\n');
  const text = Array.from({ length: scenarios }, (_, i) => `  Scenario: empty ${i + 1}\n${body}\n`).join('\n');
  writeFileSync(join(WORK, 'empty-features', 'empty.feature'), `Feature: Empty scenarios for the benchmark baseline\n\n${text}`);
  writeFileSync(join(WORK, 'empty.steps.ts'), "import { Given } from '@cucumber/cucumber';\n\nGiven('nothing happens', function () {});\n");
}

const seconds = (ms: number) => Math.round(ms / 10) / 100;

interface TransportCost {
  injectGet: number;
  injectPost: number;
  transportGet: number;
  transportPost: number;
  mswGet: number;
  mswPost: number;
}

/** Microseconds per request to a minimal route: app.inject alone, the in-process transport, fetch with msw (bench/transport.child.ts). */
function transportCost(): TransportCost {
  const out = execFileSync(process.execPath, ['-r', join(ROOT, 'bin', 'register.js'), join(__dirname, 'transport.child.ts')], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as TransportCost;
}

/** What the in-process target counted in the run just made (written by the suite's hooks): its requests, and the milliseconds spent starting, answering and resetting. */
interface InProcessSummary {
  requestsAnswered?: number;
  startMs?: number;
  answeringMs?: number;
  resetMs?: number;
}

function inProcessSummary(): InProcessSummary {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'reports', 'out', 'mock', 'target.json'), 'utf8')) as InProcessSummary;
  } catch {
    return {};
  }
}

/** The folder a second copy of the features goes to, so one process runs every scenario twice. */
const SECOND_PASS = 'second-pass';

interface Envelope {
  pickle?: { id: string; uri: string };
  testCase?: { id: string; pickleId: string };
  testCaseStarted?: { id: string; testCaseId: string; timestamp: { seconds: number; nanos: number } };
  testCaseFinished?: { testCaseStartedId: string; timestamp: { seconds: number; nanos: number } };
}

/**
 * The scenarios' own time (their hooks and steps, from cucumber's messages) in a run of every
 * scenario twice in one process, per scenario: the first time, and the second, when the emulator,
 * the drivers and cucumber have run every path once (compiled, optimised, schemas compiled,
 * statements prepared, modules loaded).
 */
function passTimes(messagesFile: string): { firstMs: number; secondMs: number } {
  const ms = (t: { seconds: number; nanos: number }) => t.seconds * 1000 + t.nanos / 1e6;
  const uriOf = new Map<string, string>();
  const pickleOf = new Map<string, string>();
  const started = new Map<string, { at: number; testCaseId: string }>();
  const passes = { first: { ms: 0, n: 0 }, second: { ms: 0, n: 0 } };
  for (const line of readFileSync(messagesFile, 'utf8').split('\n')) {
    if (!line) continue;
    const envelope = JSON.parse(line) as Envelope;
    if (envelope.pickle) uriOf.set(envelope.pickle.id, envelope.pickle.uri);
    if (envelope.testCase) pickleOf.set(envelope.testCase.id, envelope.testCase.pickleId);
    if (envelope.testCaseStarted)
      started.set(envelope.testCaseStarted.id, { at: ms(envelope.testCaseStarted.timestamp), testCaseId: envelope.testCaseStarted.testCaseId });
    if (envelope.testCaseFinished) {
      const start = started.get(envelope.testCaseFinished.testCaseStartedId)!;
      const uri = uriOf.get(pickleOf.get(start.testCaseId)!) ?? '';
      const pass = uri.includes(SECOND_PASS) ? passes.second : passes.first;
      pass.ms += ms(envelope.testCaseFinished.timestamp) - start.at;
      pass.n++;
    }
  }
  return { firstMs: passes.first.ms / Math.max(1, passes.first.n), secondMs: passes.second.ms / Math.max(1, passes.second.n) };
}

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
      log(`suite, in-process target (mock), ${RUNS} runs…`);
      const mock = await measured('mock', { SSLAB_TARGET: 'mock' });
      const counted = inProcessSummary();
      const requests = counted.requestsAnswered;
      log(`suite, emulator process over HTTP, ${RUNS} runs…`);
      const http = await measured('emulator', { SSLAB_TARGET: 'emulator' });
      log(`suite support code alone (--dry-run), ${RUNS} runs…`);
      const load = await loadOnly('mock', { SSLAB_TARGET: 'mock' });
      const stepsPerScenario = Math.max(1, Math.round(mock.steps / mock.scenarios));
      log(`baseline: ${mock.scenarios} empty scenarios of ${stepsPerScenario} steps, ${RUNS} runs…`);
      writeEmptySuite(mock.scenarios, stepsPerScenario);
      config.empty = {
        ...relocated(profiles.default, 'empty'),
        require: [join(ROOT, 'bin', 'register.js'), join(WORK, 'empty.steps.ts')],
        paths: [join(WORK, 'empty-features', '*.feature')],
        worldParameters: {},
      };
      writeFileSync(join(WORK, 'cucumber.json'), JSON.stringify(config));
      const empty = await measured('empty', {});
      const emptyLoad = await loadOnly('empty', {});
      log(`the in-process suite twice in one process, ${RUNS} runs…`);
      cpSync(join(ROOT, 'features'), join(WORK, SECOND_PASS), { recursive: true });
      config.twice = { ...relocated(profiles.default, 'twice'), paths: [...(profiles.default.paths as string[]), join(WORK, SECOND_PASS, '**', '*.feature')] };
      writeFileSync(join(WORK, 'cucumber.json'), JSON.stringify(config));
      const passes: { firstMs: number; secondMs: number }[] = [];
      await medianOfRuns(async () => {
        const wall = await cucumber('twice', { SSLAB_TARGET: 'mock' });
        passes.push(passTimes(join(WORK, 'twice', 'cucumber.ndjson')));
        return wall;
      });
      const firstPassMs = median(passes.map((p) => p.firstMs));
      const secondPassMs = median(passes.map((p) => p.secondMs));
      log('one request to a minimal route through app.inject, the in-process transport and fetch with msw…');
      const transport = transportCost();
      const perRequestUs = (transport.transportGet + transport.transportPost) / 2;
      const transportFigures: BenchFigure[] = [
        {
          name: 'one request to a minimal Fastify route through the in-process transport',
          value: Math.round(perRequestUs),
          unit: 'µs',
          target: { op: '<=', value: 100 },
          note: `GET ${Math.round(transport.transportGet)} µs, POST ${Math.round(transport.transportPost)} µs; app.inject alone ${Math.round(transport.injectGet)} and ${Math.round(transport.injectPost)} µs`,
        },
        {
          name: 'the same through the global fetch with msw in front (the partners’ kit)',
          value: Math.round((transport.mswGet + transport.mswPost) / 2),
          unit: 'µs',
          note: `GET ${Math.round(transport.mswGet)} µs, POST ${Math.round(transport.mswPost)} µs`,
        },
      ];
      // What the transport alone costs the in-process run, when the run said how many requests it sent.
      if (requests !== undefined) {
        transportFigures.push(
          {
            name: 'requests the in-process suite sent',
            value: requests,
            unit: 'requests',
            note: `${Math.round((requests / mock.scenarios) * 10) / 10} per scenario: the set-up, the action and the checks; the reset before each one is a call, not a request`,
          },
          {
            name: "the suite's requests at the transport's cost alone, with no emulator, step or report work",
            value: seconds((requests * perRequestUs) / 1000),
            unit: 's',
          },
        );
      }
      const perScenario = (run: Run) => Math.round(((run.wallMs - empty.wallMs) / run.scenarios) * 10) / 10;
      const runningMs = (mock.wallMs - load - (empty.wallMs - emptyLoad)) / mock.scenarios;
      const tenths = (ms: number) => Math.round(ms * 10) / 10;
      const each = (ms: number | undefined) => (ms === undefined ? undefined : ms / mock.scenarios);
      const starting = each(counted.startMs);
      const answering = each(counted.answeringMs);
      const resetting = each(counted.resetMs);
      // Where the running cost of a scenario goes, as the in-process run (its last run) timed it itself: beside the
      // running cost above, not taken from it, since those are medians of separate runs.
      const splitFigures: BenchFigure[] =
        starting === undefined || answering === undefined || resetting === undefined
          ? []
          : [
              {
                name: 'in the in-process run: starting the emulator, per scenario',
                value: tenths(starting),
                unit: 'ms',
                note: `the BeforeAll hook: create, seed, build the application, listen (${seconds(counted.startMs!)} s once)`,
              },
              {
                name: 'in the in-process run: answering its requests (transport, fastify, emulator), per scenario',
                value: tenths(answering),
                unit: 'ms',
                note: `${Math.round((counted.answeringMs! / Math.max(1, requests ?? 1)) * 1000)} µs a request on average, each route's first answer (schemas compiled, code compiled) included`,
              },
              { name: 'in the in-process run: the reset before each scenario', value: tenths(resetting), unit: 'ms' },
            ];
      const warmFigures: BenchFigure[] = [
        {
          name: "in-process scenarios' own time (hooks and steps), first time in a process, per scenario",
          value: tenths(firstPassMs),
          unit: 'ms',
          note: 'as cucumber’s messages time them (the reports’ work on each step’s messages included), in a run of every scenario twice in one process',
        },
        {
          name: 'the same scenarios run again in the same process, per scenario',
          value: tenths(secondPassMs),
          unit: 'ms',
          note: `${Math.round((secondPassMs / firstPassMs) * 100)} % of the first time: what is left once every path has run (compiled and optimised, schemas compiled, statements prepared, modules loaded)`,
        },
      ];
      const ratio = (run: Run) => Math.round((run.wallMs / empty.wallMs) * 100) / 100;
      const figures: BenchFigure[] = [
        {
          name: 'scenarios in the suite',
          value: mock.scenarios,
          unit: 'scenarios',
          note: `${mock.steps} steps; the baseline runs as many scenarios of ${stepsPerScenario} no-op steps`,
        },
        { name: 'scenarios that did not pass (mock, emulator)', value: mock.failed + http.failed, unit: 'scenarios', target: { op: '<=', value: 0 } },
        {
          name: 'baseline: cucumber on the empty scenarios, wall time',
          value: seconds(empty.wallMs),
          unit: 's',
          note: 'cucumber and the TypeScript register start, parse, run and write the same four reports',
        },
        { name: 'suite on the in-process target (mock), wall time', value: seconds(mock.wallMs), unit: 's' },
        { name: 'suite over HTTP (a spawned emulator process), wall time', value: seconds(http.wallMs), unit: 's' },
        {
          name: 'suite support code loaded without running (--dry-run), wall time',
          value: seconds(load),
          unit: 's',
          note: 'the steps, drivers and the whole emulator compiled on load: paid once per run',
        },
        {
          name: 'in-process suite wall time / empty-scenario baseline',
          value: ratio(mock),
          unit: '×',
          target: { op: '<=', value: 3 },
          note: 'each real scenario resets the emulator and drives the domain through HTTP-shaped calls; the baseline does nothing per step',
        },
        { name: 'suite over HTTP wall time / empty-scenario baseline', value: ratio(http), unit: '×' },
        {
          name: 'in-process suite wall time / the same suite over HTTP',
          value: Math.round((mock.wallMs / http.wallMs) * 100) / 100,
          unit: '×',
          target: { op: '<=', value: 0.5 },
          note: 'the same scenarios, the same emulator; what is left is the socket, the HTTP parsing and the spawned process',
        },
        { name: 'overhead per scenario over the baseline, in-process', value: perScenario(mock), unit: 'ms' },
        { name: 'overhead per scenario over the baseline, over HTTP', value: perScenario(http), unit: 'ms' },
        ...transportFigures,
        {
          name: 'overhead per scenario, in-process, leaving out the one-off loading',
          value: Math.round(runningMs * 10) / 10,
          unit: 'ms',
          target: { op: '<=', value: 3 },
          note: 'each wall time less its own --dry-run, the difference per scenario: what running one scenario costs',
        },
        ...splitFigures,
        ...warmFigures,
      ];
      return { name: 'Conformance suite wall time against empty scenarios', figures };
    } finally {
      rmSync(WORK, { recursive: true, force: true });
    }
  },
};
