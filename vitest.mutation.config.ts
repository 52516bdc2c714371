import { defineConfig } from 'vitest/config';

/**
 * The tests mutation testing runs (npm run mutation; see stryker.config.json): the models' and the
 * domain core's own tests, the HTTP tests that drive the core in-process, and the generated
 * machine paths on the in-process target. Left out: tests that spawn processes or browsers (a
 * mutant lives only in the process that runs the tests), the cucumber check of printed paths, and
 * the API fuzzer.
 */
export default defineConfig({
  test: {
    include: [
      'models/**/*.test.ts',
      'emulator/kernel/**/*.test.ts',
      'emulator/services/**/*.test.ts',
      'emulator/control-plane/**/*.test.ts',
      'emulator/gateway/**/*.test.ts',
      'steps/generated/paths.test.ts',
    ],
    // The API fuzzer drives hundreds of requests per operation: rerun for every mutant it reaches it
    // would take hours. The session tests hash at the standard cost on purpose, and what they test
    // (passwords, tokens, login throttling) is not mutated.
    exclude: ['emulator/gateway/fuzz.test.ts', 'emulator/gateway/sessions.test.ts', '**/node_modules/**'],
    // Accounts made by the tests hash their passwords at the fast scrypt cost (see emulator/runtime/emulator.ts);
    // the HTTP test files share one server (see emulator/testing/licensing-harness.ts).
    env: { SSLAB_PASSWORD_COST: 'fast', SSLAB_SHARED_TEST_SERVER: '1' },
    // One module graph for every run: a mutant is switched on at run time, so nothing has to load again per mutant.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
