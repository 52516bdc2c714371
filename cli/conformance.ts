import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describeOptions, parseOptions, UsageError, type OptionSpec } from './args';
import { TARGETS, type TargetName } from '../steps/support/targets';

const OPTIONS: OptionSpec[] = [
  { name: 'targets', type: 'string', help: `comma-separated targets to run: ${TARGETS.join(', ')}`, default: 'mock' },
  { name: 'tags', type: 'string', help: 'cucumber tag expression, e.g. "@REQ-CAP-3" or "@area:partner-portal and not @clock"' },
  { name: 'url', type: 'string', help: 'for the emulator target: a running emulator instead of starting one' },
  { name: 'help', type: 'boolean', help: 'show this help', default: false },
];

export const CONFORMANCE_HELP = `sslab conformance: run the Gherkin suite against one or more targets and write reports

Usage: sslab conformance [options] [-- extra cucumber-js arguments]

${describeOptions(OPTIONS)}

Reports go to reports/out/<target>/ (cucumber HTML, JSON, JUnit XML and messages).
`;

const PROFILE: Record<TargetName, string> = { mock: 'default', emulator: 'emulator' };

function runCucumber(target: TargetName, tags: string | undefined, url: string | undefined, extra: string[]): Promise<number> {
  const cucumber = join(__dirname, '..', 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');
  const args = [cucumber, '-p', PROFILE[target], ...(tags ? ['--tags', tags] : []), ...extra];
  const env = { ...process.env, SSLAB_TARGET: target, ...(url ? { SSLAB_URL: url } : {}) };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', env, cwd: join(__dirname, '..') });
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
  const targets = String(options.targets).split(',').map((t) => t.trim()).filter(Boolean) as TargetName[];
  for (const t of targets) if (!TARGETS.includes(t)) throw new UsageError(`unknown target "${t}"; use ${TARGETS.join(', ')}`);
  let failed = 0;
  for (const target of targets) {
    console.log(`\n== conformance suite on the ${target} target ==`);
    const code = await runCucumber(target, options.tags as string | undefined, options.url as string | undefined, extra);
    if (code !== 0) failed++;
  }
  return failed === 0 ? 0 : 1;
}
