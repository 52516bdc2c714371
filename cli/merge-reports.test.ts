import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readCucumberJson } from '../reports/scenarios';
import { tallyJunit } from './junit-summary';
import { main } from './main';
import { MERGE_REPORTS_HELP } from './merge-reports';
import { commandOutput } from './testing/command-output';

/**
 * The suite on the mock target run as two shards and merged, against the same scenarios run at once:
 * the same scenarios with the same results, the same counts in every format, the same conformance
 * report. It runs in a copy of the project, so its reports/out is its own and not the one other
 * tests and the developer's last run use.
 */
const ROOT = join(__dirname, '..');
/** Two areas, 40 scenarios: enough for two shards to differ, quick enough to run three times. */
const TAGS = '@area:capacity or @area:order-intake';

let project = '';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function sslab(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(project, 'bin', 'sslab.js'), ...args], { cwd: project, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const read = (...path: string[]) => readFileSync(join(project, ...path), 'utf8');

/** A finished shard's reports/out, kept aside as a CI job would upload it. */
const keep = (name: string) => cpSync(join(project, 'reports', 'out', 'mock'), join(project, 'shards', name, 'mock'), { recursive: true });

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'sslab-shards-'));
  cpSync(ROOT, project, {
    recursive: true,
    filter: (source) => !/^(node_modules|reports\/out|\.git)(\/|$)/.test(relative(ROOT, source).replace(/\\/g, '/')),
  });
  symlinkSync(realpathSync(join(ROOT, 'node_modules')), join(project, 'node_modules'), 'dir');
});

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

test('two shards merged report what one unsharded run reports', { timeout: 300_000 }, async () => {
  for (const shard of ['1/2', '2/2']) {
    const run = await sslab('conformance', '--targets', 'mock', '--tags', TAGS, '--shard', shard);
    expect(run.code, run.stderr).toBe(0);
    keep(shard.replace('/', '-of-'));
  }
  const shards = [1, 2].map((i) => JSON.parse(read('shards', `${i}-of-2`, 'mock', 'shard.json')) as { features: string[]; generatedPaths: boolean });
  expect(shards.every((s) => s.features.length > 0 && !s.generatedPaths)).toBe(true);

  const whole = await sslab('conformance', '--targets', 'mock', '--tags', TAGS);
  expect(whole.code, whole.stderr).toBe(0);
  const merge = await sslab('merge-reports', 'shards', '--out', 'merged');
  expect(merge.code, merge.stderr).toBe(0);

  const results = (dir: string) => readCucumberJson(read(dir, 'mock', 'cucumber.json')).map((r) => `${r.key} ${r.status}`);
  expect(results('merged')).toEqual(results('reports/out'));
  expect(results('merged')).toHaveLength(40);
  expect(tallyJunit(read('merged', 'mock', 'cucumber-junit.xml'))).toEqual(tallyJunit(read('reports/out', 'mock', 'cucumber-junit.xml')));
  const finishedCases = (dir: string) => read(dir, 'mock', 'cucumber.ndjson').match(/^\{"testCaseFinished"/gm)?.length;
  expect(finishedCases('merged')).toBe(finishedCases('reports/out'));
  // The whole report, requirement by requirement and transition by transition.
  expect(read('merged', 'conformance.md')).toBe(read('reports/out', 'conformance.md'));
  expect(existsSync(join(project, 'merged', 'mock', 'cucumber.html'))).toBe(true);
  expect(Object.keys(JSON.parse(read('merged', 'timings.json')).mock)).toHaveLength(40);

  // Without shard 2 nothing is merged and nothing is written.
  const partial = await sslab('merge-reports', 'shards/1-of-2', '--out', 'partial');
  expect(partial.code).toBe(2);
  expect(partial.stderr).toBe('sslab merge-reports: shard 2/2 of the mock target is missing (given: 1/2)\n');
  expect(existsSync(join(project, 'partial'))).toBe(false);
});

test('only shard 1 replays the generated paths, so a merged run counts them once', { timeout: 300_000 }, async () => {
  // --dry-run skips the scenarios; the replay of the generated paths is sslab's own and runs all the same.
  const second = await sslab('conformance', '--targets', 'mock', '--shard', '2/2', '--', '--dry-run');
  expect(second.stdout).not.toContain('paths generated from the machines');
  expect(JSON.parse(read('reports', 'out', 'mock', 'shard.json')).generatedPaths).toBe(false);
  const first = await sslab('conformance', '--targets', 'mock', '--shard', '1/2', '--', '--dry-run');
  expect(first.stdout).toContain('paths generated from the machines');
  expect(JSON.parse(read('reports', 'out', 'mock', 'shard.json')).generatedPaths).toBe(true);
});

// The usage problems below are the commands' own checks, run in this process; the runs above spawn them.
test('a bad --shard exits 2 with the rule and no stack trace, before anything runs', async () => {
  const run = await commandOutput(() => main(['conformance', '--shard', '5/4']));
  expect(run.code).toBe(2);
  expect(run.err).toBe('sslab conformance: --shard 5/4: shards are numbered from 1 to 4, like 1/4 … 4/4\n');
  expect(run.out).toBe('');
});

test('merge-reports is listed in the CLI help and refuses a folder without shards', async () => {
  const written: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => written.push(chunk) > 0) as typeof process.stdout.write;
  try {
    expect(await main(['help'])).toBe(0);
    expect(await main(['merge-reports', '--help'])).toBe(0);
  } finally {
    process.stdout.write = write;
  }
  expect(written.join('')).toMatch(/merge-reports +join the reports of a sharded conformance run/);
  expect(written.join('')).toContain(MERGE_REPORTS_HELP);
  const features = join(ROOT, 'features');
  const empty = await commandOutput(() => main(['merge-reports', features]));
  expect(empty.code).toBe(2);
  expect(empty.err.startsWith(`sslab merge-reports: no shard.json under ${features}: `)).toBe(true);
});
