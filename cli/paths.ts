import { relative } from 'node:path';
import { describeOptions, parseOptions, UsageError, type OptionSpec } from './args';
import { apiSurfaces } from '../steps/drivers/api';
import { BINDINGS, runGeneratedPaths } from '../steps/generated/runner';
import { summarizeRun, writeGeneratedTransitions } from '../steps/generated/summary';
import { startTarget, type TargetName } from '../steps/support/targets';
import { reportsDir } from '../reports/out-dir';

/** `sslab paths`: the paths generated from the machines, replayed on one target. */
const MACHINES = BINDINGS.map((b) => b.machine);
/** The paths set up through the back office and the control plane, which real services do not offer. */
const PATH_TARGETS: TargetName[] = ['mock', 'emulator'];

const OPTIONS: OptionSpec[] = [
  { name: 'target', type: 'string', help: `where to run: ${PATH_TARGETS.join(', ')}`, default: 'mock' },
  { name: 'url', type: 'string', help: 'for the emulator target: a running emulator instead of starting one' },
  { name: 'machines', type: 'string', help: `comma-separated machines: ${MACHINES.join(', ')}`, default: MACHINES.join(',') },
  { name: 'quiet', type: 'boolean', help: 'print only the summary, not a line per path', default: false },
  { name: 'help', type: 'boolean', help: 'show this help', default: false },
];

export const PATHS_HELP = `sslab paths: replay the paths generated from the license, device and SmartServer machines

Usage: sslab paths [options]

${describeOptions(OPTIONS)}

Every path starts from a reset target; after each step the target must show the machine's state,
and each event the machine refuses ("probe") must be refused. Prints per machine the paths run,
the transitions covered out of the machine's total and the failures, each as a Gherkin scenario
to paste into a feature file. Writes reports/out/<target>/generated-transitions.json for the
conformance report. Exits with 1 when a path fails.
`;

export async function pathsCommand(argv: string[]): Promise<number> {
  const options = parseOptions(argv, OPTIONS);
  if (options.help) {
    process.stdout.write(PATHS_HELP);
    return 0;
  }
  const target = String(options.target) as TargetName;
  if (!PATH_TARGETS.includes(target)) throw new UsageError(`unknown target "${target}"; use ${PATH_TARGETS.join(' or ')} (the paths need the control plane)`);
  const machines = String(options.machines)
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
  for (const m of machines) if (!MACHINES.includes(m)) throw new UsageError(`unknown machine "${m}"; use ${MACHINES.join(', ')}`);
  if (options.url !== undefined && target !== 'emulator') throw new UsageError('--url goes with --target emulator');

  const running = await startTarget(target, options.url as string | undefined);
  try {
    const run = await runGeneratedPaths(apiSurfaces(running.baseUrl, running.transport), {
      target,
      machines,
      onPath: options.quiet
        ? undefined
        : (p) => console.log(`${p.failure ? '✖' : '✔'} ${p.machine} path ${p.number} (${p.start}): ${p.transitions} transitions, ${p.probes} probes`),
    });
    const file = writeGeneratedTransitions(reportsDir(), run);
    process.stdout.write(`\n${summarizeRun(run)}`);
    console.log(`Transitions recorded in ${relative(process.cwd(), file)}`);
    return run.machines.some((m) => m.paths.some((p) => p.failure)) ? 1 : 0;
  } finally {
    await running.stop();
  }
}
