import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import { SlowFilesFirst } from './vitest.sequencer';

/**
 * Test files that need a process of their own: each loads cucumber's support code in-process, and
 * cucumber registers step definitions only as Node first loads the step files, so a second such
 * file in one process would find none.
 */
const OWN_PROCESS = ['steps/library.test.ts', 'cli/steps.test.ts', 'steps/drivers/browser/locator-usage.test.ts'];

const INCLUDE = [
  'bin/**/*.test.ts',
  'models/**/*.test.ts',
  'emulator/**/*.test.ts',
  'steps/**/*.test.ts',
  'cli/**/*.test.ts',
  'reports/**/*.test.ts',
  'partner-kit/**/*.test.ts',
  'examples/**/*.test.ts',
];
// Generated output (mutation-testing sandboxes among it) holds copies of the tests.
const EXCLUDE = [...configDefaults.exclude, 'reports/out/**'];

// The projects share the settings here; each names its own files (lists given here too would be joined to theirs).
export default defineConfig({
  test: {
    reporters: ['default', 'junit'],
    outputFile: { junit: 'reports/out/vitest-junit.xml' },
    testTimeout: 30_000,
    // Hooks start emulator processes; on a busy 2-core machine that can take many seconds.
    hookTimeout: 60_000,
    restoreMocks: true,
    // A worker per core (vitest's own default leaves one core out, so a 2-core machine ran one file
    // at a time). Not more: beside the conformance targets `npm test` runs, a third worker made the
    // whole run no faster (3 min 8–15 s in CI, against 2 min 51 s – 3 min 17 s) and slowed the
    // Docker engine's image import in the Swarm test (107–115 s, against 49–72 s).
    maxWorkers: Math.max(2, availableParallelism()),
    sequence: { sequencer: SlowFilesFirst },
    // Emulators the tests start, in-process or as child processes, hash passwords at the fast
    // scrypt cost; the standard cost has tests of its own (emulator/kernel/passwords.test.ts and
    // the standard-cost logins of emulator/gateway/sessions.test.ts), which ask for it by name.
    env: { SSLAB_PASSWORD_COST: 'fast' },
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: INCLUDE,
          exclude: [...EXCLUDE, ...OWN_PROCESS],
          // A worker runs one file after another in one module graph: loading the emulator,
          // fastify and the models again for each of 150 files cost more than most files' tests.
          // The files leave nothing behind (every server stopped, every spy restored, the clock real).
          isolate: false,
        },
      },
      { extends: true, test: { name: 'own-process', include: OWN_PROCESS } },
    ],
  },
});
