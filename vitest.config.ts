import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'bin/**/*.test.ts',
      'models/**/*.test.ts',
      'emulator/**/*.test.ts',
      'steps/**/*.test.ts',
      'cli/**/*.test.ts',
      'reports/**/*.test.ts',
      'partner-kit/**/*.test.ts',
      'examples/**/*.test.ts',
    ],
    // Generated output (mutation-testing sandboxes among it) holds copies of the tests.
    exclude: [...configDefaults.exclude, 'reports/out/**'],
    reporters: ['default', 'junit'],
    outputFile: { junit: 'reports/out/vitest-junit.xml' },
    testTimeout: 30_000,
    // Hooks start emulator processes; on a busy 2-core machine that can take many seconds.
    hookTimeout: 60_000,
  },
});
