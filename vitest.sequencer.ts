import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take seconds to minutes, longest first: a packed install, browser walks, fleets
 * of processes, whole conformance runs, then the fuzzing and the API document's round trips.
 * Started first, they run beside the many short files; started last (as on a fresh checkout,
 * where vitest has no timings yet to sort by and takes the biggest files first), the run would
 * wait on them alone at the end. The install both packed-install files share comes first; the
 * file that only waits for it comes after the others have taken the workers.
 */
export const SLOW_FILES = [
  'cli/package.test.ts',
  'emulator/runtime/fleet/swarm-stack.test.ts',
  'cli/doctor.test.ts',
  'cli/merge-reports.test.ts',
  'emulator/gateway/pages/pages-in-chromium.test.ts',
  'emulator/runtime/fleet/fleet-up.test.ts',
  'examples/qa-project/qa-project.test.ts',
  'emulator/gateway/fuzz.test.ts',
  'emulator/runtime/inject-parity.test.ts',
  'emulator/gateway/openapi-lint.test.ts',
  'emulator/runtime/crash.test.ts',
  'emulator/gateway/docs-page.test.ts',
  'reports/reports-in-browser.test.ts',
];

export class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    // A file renamed or removed would silently drop out of the order; say so instead.
    const gone = SLOW_FILES.filter((file) => !existsSync(join(root, file)));
    if (gone.length > 0) throw new Error(`vitest.sequencer.ts lists test files that do not exist: ${gone.join(', ')}`);
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const index = SLOW_FILES.indexOf(relative(root, spec.moduleId).replace(/\\/g, '/'));
      return index === -1 ? SLOW_FILES.length : index;
    };
    // A stable sort: the other files keep vitest's own order (by last duration when it knows them).
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
