import { UsageError } from './args';
import { MissingDependency } from '../emulator/runtime/optional-dependency';
import { ConfigError } from '../steps/config/project-config';

const HELP = `sslab: a simulation and conformance harness for SmartServer license management

Usage: sslab <command> [options]

Commands:
  init           write a starter project here: sslab.config.json, an example scenario and step, npm scripts
  emulator       serve the emulated portals, licensing cloud and SmartServer fleet over HTTP
  conformance    run the Gherkin conformance suite against one or more targets and write reports
  merge-reports  join the reports of a sharded conformance run (--shard i/n) into one run's reports
  junit-summary  add up the JUnit reports under a folder: why any case was skipped, then "N passed, N failed[, N skipped]"
  fleet          describe, make and run fleets of SmartServers (create, list, show, remove, up, down)
  snapshot       save the emulator's whole state to a file and load it again (save, load, list)
  bench          measure the emulator against its speed and memory targets (reports/out/bench.json)
  paths          replay the paths generated from the machines on a target (mock or emulator)
  steps          the step glossary: parameters and their values, tables, examples, set-up, house rules
  doctor         check that the browser driver finds every locator on the portal and CMS pages
  help           show this help

Run "sslab <command> --help" for a command's options.
`;

type Command = (argv: string[]) => Promise<number> | number;

/**
 * Each command's module is loaded when that command runs: loading all of them (the emulator, the
 * Kubernetes models, the step glossary, the browser driver) took every run of any one about half a
 * second of CPU.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  init: async () => (await import('./init')).initCommand,
  emulator: async () => (await import('./emulator')).emulatorCommand,
  conformance: async () => (await import('./conformance')).conformanceCommand,
  'merge-reports': async () => (await import('./merge-reports')).mergeReportsCommand,
  'junit-summary': async () => (await import('./junit-summary')).junitSummaryCommand,
  fleet: async () => (await import('./fleet')).fleetCommand,
  snapshot: async () => (await import('./snapshot')).snapshotCommand,
  bench: async () => (await import('./bench')).benchCommand,
  paths: async () => (await import('./paths')).pathsCommand,
  steps: async () => (await import('./steps')).stepsCommand,
  doctor: async () => (await import('./doctor')).doctorCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(HELP);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) {
    process.stderr.write(`sslab: unknown command "${command}"\n\n${HELP}`);
    return 2;
  }
  try {
    return await (await load())(rest);
  } catch (error) {
    // A wrong option, a configuration that cannot be used or a missing optional package: said plainly, no stack trace.
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof MissingDependency) {
      process.stderr.write(`sslab ${command}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
