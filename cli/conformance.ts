import { spawn, type StdioOptions } from 'node:child_process';
import { dirname, join } from 'node:path';
import { describeOptions, parseOptions, UsageError, type OptionSpec } from './args';
import { clearPreviousRun, reportConformance } from './conformance-report';
import { MIX_VARIABLE, tagExpression, type Mix } from '../steps/config/mix';
import { PRESET_NAMES } from '../steps/config/presets';
import { readProjectConfig } from '../steps/config/project-config';
import { browserMissing } from '../steps/drivers/browser/chromium';
import { runPlace, type RunPlace } from './project';
import { checkMixAtStart, describeMix, knownTargets, planRuns, writeCucumberConfig } from './runs';
import { parseShard, planShard, recordRunTimings, runShard } from './shard';
import { joinWorkerReports } from './worker-reports';

const OPTIONS: OptionSpec[] = [
  {
    name: 'targets',
    type: 'string',
    help: `comma-separated targets to run: the presets ${PRESET_NAMES.join(', ')}, or targets of sslab.config.json (default: its "run", else mock)`,
  },
  { name: 'config', type: 'string', help: 'the project configuration (default: sslab.config.json in this folder, when there is one)' },
  {
    name: 'systems',
    type: 'string',
    help: 'replace where systems live for this run: vendor=https://staging.example,smartservers=in-process (in-process, emulator or a URL)',
  },
  { name: 'surfaces', type: 'string', help: 'replace how surfaces are driven for this run: partnerPortal=browser,cms=./drivers/cms.ts' },
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

A target places each system (vendor, smartservers, ecostruxure) in this process, in a spawned
emulator or at a URL, and drives each surface through the API, the browser or a module of your
own (sslab.config.json, "targets"). A target leaves out the scenarios that need a control plane
or clock its systems do not offer (@backoffice, @clock, @faults), and the report says which and
why. The real preset is every system at SSLAB_REAL_URL with no control plane; the SSLAB_*
variables of features/fixtures/readme.md name the data it holds; without SSLAB_REAL_URL a seeded
emulator with its admin API off stands in for them.
The browser target runs the @ui scenarios through the emulator's web pages in headless Chromium:
SSLAB_CHROMIUM names the executable, else /usr/bin/chromium, else Playwright's own browser,
else the one shipped in the npm package @sparticuz/chromium.
It also saves a screenshot of each page under reports/out/screenshots/. Its scenarios run in one
cucumber worker per core, each worker with its own emulator and Chromium (one worker when the
emulator is at --url, which all would share); "-- --parallel N" sets the number.

Sharding: --shard i/n runs whole feature files, dealt out to n shards by the time their scenarios
took on earlier runs (reports/out/timings.json, which every unsharded run and merge-reports
update) or, with no timings, by scenario count; every machine with the same features, tags and
timings deals the same shards. A shard writes its reports where an unsharded run does, plus
reports/out/<target>/shard.json naming its features; only shard 1 replays the generated paths.
Keep each shard's reports/out (e.g. as a CI artifact) and join them with sslab merge-reports.

In a project of your own, sslab.config.json (written by "sslab init") adds your features and
steps to the bundled suite, defines your targets and says where the reports go (instead of
reports/out).
`;

/** cucumber-js's command, wherever npm placed the package (beside sslab in a project's node_modules, or inside it). */
const CUCUMBER = join(dirname(require.resolve('@cucumber/cucumber/package.json')), 'bin', 'cucumber.js');

/**
 * Runs cucumber on one mix: the mix goes to the hooks whole, and its left-out scenarios are
 * filtered out by tag. `features`: a shard's feature files instead of the whole suite.
 */
export function runCucumber(
  place: RunPlace,
  mix: Mix,
  userTags: string | undefined,
  extra: string[],
  features?: string[],
  stdio: StdioOptions = 'inherit',
): Promise<number> {
  const config = writeCucumberConfig(mix, place, features);
  const tags = tagExpression(mix, userTags);
  const args = [CUCUMBER, '--config', config, '-p', 'default', ...(tags ? ['--tags', tags] : []), ...extra];
  const env = { ...process.env, ...place.env, [MIX_VARIABLE]: JSON.stringify(mix) };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio, env, cwd: place.cwd });
    child.on('exit', (code) => {
      joinWorkerReports(join(place.reports, mix.name));
      resolve(code ?? 1);
    });
  });
}

function runGeneratedPaths(place: RunPlace): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(__dirname, '..', 'bin', 'sslab.js'), 'paths', '--target', 'mock', '--quiet'], {
      stdio: 'inherit',
      cwd: place.cwd,
      env: { ...process.env, ...place.env },
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
  const place = runPlace(process.cwd(), options.config as string | undefined);
  const config = place.config ?? readProjectConfig(process.cwd(), options.config as string | undefined, PRESET_NAMES);
  const targets =
    options.targets === undefined
      ? config.run.length > 0
        ? config.run
        : ['mock']
      : String(options.targets)
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean);
  if (targets.length === 0) throw new UsageError(`--targets names no target; use ${knownTargets(config).join(', ')}`);
  const mixes = planRuns(targets, config, options.url as string | undefined, {
    systems: options.systems as string | undefined,
    surfaces: options.surfaces as string | undefined,
  });
  const browserTargets = mixes.filter((mix) => Object.values(mix.surfaces).includes('browser')).map((mix) => mix.name);
  const missing = browserTargets.length > 0 ? browserMissing() : undefined;
  if (missing) throw new UsageError(`the ${browserTargets.join(', ')} target ${missing}`);
  for (const mix of mixes) await checkMixAtStart(mix, config.file);
  const shard = options.shard === undefined ? undefined : parseShard(String(options.shard));
  let failed = 0;
  for (const mix of mixes) {
    const target = mix.name;
    console.log(`\n== conformance suite on the ${target} target ==`);
    if (config.file || mix.leftOut.length > 0) console.log(describeMix(mix).join('\n'));
    const tags = options.tags as string | undefined;
    const replayPaths = target === 'mock' && options.paths === true && tags === undefined && (shard?.index ?? 1) === 1;
    const plan = shard && planShard(shard, target, tagExpression(mix, tags), tags, replayPaths, place);
    clearPreviousRun(target, place.reports);
    const code = plan ? await runShard(plan, (features) => runCucumber(place, mix, tags, extra, features), place) : await runCucumber(place, mix, tags, extra);
    if (!plan) recordRunTimings(target, place.reports);
    if (code !== 0) failed++;
    if (replayPaths) {
      console.log('\n== paths generated from the machines, on the mock target ==');
      if ((await runGeneratedPaths(place)) !== 0) failed++;
    }
  }
  reportConformance(targets, options.tags as string | undefined, place);
  if (shard) console.log(`This was shard ${shard.index}/${shard.total}: the report covers its share only; sslab merge-reports joins the shards.`);
  return failed === 0 ? 0 : 1;
}
