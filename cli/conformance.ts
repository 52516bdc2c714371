import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describeOptions, parseOptions, UsageError, type OptionSpec } from './args';
import { clearPreviousRun, reportConformance } from './conformance-report';
import { parseShard, planShard, recordRunTimings, runShard } from './shard';
import { TARGETS } from '../steps/support/targets';

/** Besides the targets, the browser run: the @ui scenarios through the emulator's web pages in headless Chromium. */
const RUNS = [...TARGETS, 'browser'] as const;
type RunName = (typeof RUNS)[number];

const OPTIONS: OptionSpec[] = [
  { name: 'targets', type: 'string', help: `comma-separated targets to run: ${RUNS.join(', ')}`, default: 'mock' },
  { name: 'tags', type: 'string', help: 'cucumber tag expression, e.g. "@REQ-CAP-3" or "@area:partner-portal and not @clock"' },
  { name: 'url', type: 'string', help: 'for the emulator target: a running emulator instead of starting one' },
  {
    name: 'paths',
    type: 'boolean',
    help: "after the mock run, replay the paths generated from the machines there too (sslab paths), for the report's transition coverage",
    default: true,
  },
  { name: 'shard', type: 'string', help: 'run shard i of n, e.g. 2/4: a share of the feature files (see Sharding below)' },
  { name: 'help', type: 'boolean', help: 'show this help', default: false },
];

export const CONFORMANCE_HELP = `sslab conformance: run the Gherkin suite against one or more targets and write reports

Usage: sslab conformance [options] [-- extra cucumber-js arguments]

${describeOptions(OPTIONS)}

Reports go to reports/out/<target>/ (cucumber HTML, JSON, JUnit XML and messages); then the
conformance report (requirements, scenarios and results per target, machine diagrams) goes to
reports/out/conformance.html and conformance.md, and its summary is printed. When the mock
target runs the whole suite (no --tags), the paths generated from the machines are replayed there
as well (a few seconds; --no-paths leaves them out), so the report shows which transitions only
they exercised.

The real target leaves out scenarios tagged @backoffice, @clock or @faults (they need the
emulator's control plane). SSLAB_REAL_URL names the real services, and the SSLAB_* variables of
features/fixtures/readme.md name the data they hold; without SSLAB_REAL_URL a seeded emulator
with its admin API off stands in for them.
The browser target runs the @ui scenarios through the emulator's web pages in headless Chromium:
SSLAB_CHROMIUM names the executable, else /usr/bin/chromium, else Playwright's own browser.
It also saves a screenshot of each page under reports/out/screenshots/.

Sharding: --shard i/n runs whole feature files, dealt out to n shards by the time their scenarios
took on earlier runs (reports/out/timings.json, which every unsharded run and merge-reports
update) or, with no timings, by scenario count; every machine with the same features, tags and
timings deals the same shards. A shard writes its reports where an unsharded run does, plus
reports/out/<target>/shard.json naming its features; only shard 1 replays the generated paths.
Keep each shard's reports/out (e.g. as a CI artifact) and join them with sslab merge-reports.
`;

const PROFILE: Record<RunName, string> = { mock: 'default', emulator: 'emulator', real: 'real', browser: 'browser' };

function runCucumber(target: RunName, tags: string | undefined, url: string | undefined, extra: string[]): Promise<number> {
  const cucumber = join(__dirname, '..', 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');
  const args = [cucumber, '-p', PROFILE[target], ...(tags ? ['--tags', tags] : []), ...extra];
  const run = target === 'browser' ? { SSLAB_TARGET: 'emulator', SSLAB_DRIVER: 'browser' } : { SSLAB_TARGET: target };
  const env = { ...process.env, ...run, ...(url ? { SSLAB_URL: url } : {}) };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', env, cwd: join(__dirname, '..') });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

function runGeneratedPaths(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(__dirname, '..', 'bin', 'sslab.js'), 'paths', '--target', 'mock', '--quiet'], {
      stdio: 'inherit',
      cwd: join(__dirname, '..'),
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

export async function conformanceCommand(argv: string[]): Promise<number> {
  const split = argv.indexOf('--');
  const extra = split >= 0 ? argv.slice(split + 1) : [];
  const options = parseOptions(split >= 0 ? argv.slice(0, split) : argv, OPTIONS);
  if (options.help) {
    process.stdout.write(CONFORMANCE_HELP);
    return 0;
  }
  const targets = String(options.targets)
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean) as RunName[];
  for (const t of targets) if (!RUNS.includes(t)) throw new UsageError(`unknown target "${t}"; use ${RUNS.join(', ')}`);
  const shard = options.shard === undefined ? undefined : parseShard(String(options.shard));
  let failed = 0;
  for (const target of targets) {
    console.log(`\n== conformance suite on the ${target} target ==`);
    const tags = options.tags as string | undefined;
    const replayPaths = target === 'mock' && options.paths === true && tags === undefined && (shard?.index ?? 1) === 1;
    const plan = shard && planShard(shard, target, PROFILE[target], tags, replayPaths);
    clearPreviousRun(target);
    const cucumber = (args: string[]) => runCucumber(target, tags, options.url as string | undefined, [...args, ...extra]);
    const code = plan ? await runShard(plan, PROFILE[target], cucumber) : await cucumber([]);
    if (!plan) recordRunTimings(target);
    if (code !== 0) failed++;
    if (replayPaths) {
      console.log('\n== paths generated from the machines, on the mock target ==');
      if ((await runGeneratedPaths()) !== 0) failed++;
    }
  }
  reportConformance(targets, options.tags as string | undefined);
  if (shard) console.log(`This was shard ${shard.index}/${shard.total}: the report covers its share only; sslab merge-reports joins the shards.`);
  return failed === 0 ? 0 : 1;
}
