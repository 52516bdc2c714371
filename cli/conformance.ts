import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { describeOptions, parseOptions, UsageError, type OptionSpec } from './args';
import { clearPreviousRun, reportConformance } from './conformance-report';
import { runPlace, type RunPlace } from './project';
import { browserMissing } from '../steps/drivers/browser/chromium';
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
  { name: 'config', type: 'string', help: 'the project configuration file (default: sslab.config.json in this folder, when there is one)' },
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

In a project of your own, sslab.config.json (written by "sslab init") adds your features and
steps to the bundled suite and says where the reports go (instead of reports/out).
`;

const PROFILE: Record<RunName, string> = { mock: 'default', emulator: 'emulator', real: 'real', browser: 'browser' };

/** cucumber-js's command, wherever npm placed the package (beside sslab in a project's node_modules, or inside it). */
const CUCUMBER = join(dirname(require.resolve('@cucumber/cucumber/package.json')), 'bin', 'cucumber.js');

function runCucumber(place: RunPlace, target: RunName, tags: string | undefined, url: string | undefined, extra: string[]): Promise<number> {
  const config = place.cucumberConfig ? ['--config', place.cucumberConfig] : [];
  const args = [CUCUMBER, ...config, '-p', PROFILE[target], ...(tags ? ['--tags', tags] : []), ...extra];
  const run = target === 'browser' ? { SSLAB_TARGET: 'emulator', SSLAB_DRIVER: 'browser' } : { SSLAB_TARGET: target };
  const env = { ...process.env, ...place.env, ...run, ...(url ? { SSLAB_URL: url } : {}) };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', env, cwd: place.cwd });
    child.on('exit', (code) => resolve(code ?? 1));
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
  const targets = String(options.targets)
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean) as RunName[];
  for (const t of targets) if (!RUNS.includes(t)) throw new UsageError(`unknown target "${t}"; use ${RUNS.join(', ')}`);
  const missing = targets.includes('browser') ? browserMissing() : undefined;
  if (missing) throw new UsageError(`the browser target ${missing}`);
  const place = runPlace(process.cwd(), options.config as string | undefined);
  let failed = 0;
  for (const target of targets) {
    console.log(`\n== conformance suite on the ${target} target ==`);
    clearPreviousRun(target, place.reports);
    const code = await runCucumber(place, target, options.tags as string | undefined, options.url as string | undefined, extra);
    if (code !== 0) failed++;
    if (target === 'mock' && options.paths && options.tags === undefined) {
      console.log('\n== paths generated from the machines, on the mock target ==');
      if ((await runGeneratedPaths(place)) !== 0) failed++;
    }
  }
  reportConformance(targets, options.tags as string | undefined, place);
  return failed === 0 ? 0 : 1;
}
