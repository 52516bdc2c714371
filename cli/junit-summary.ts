import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

/** Counts test cases in one JUnit XML document: failed (failure or error), skipped, passed. */
export function tallyJunit(xml: string): Tally {
  const tally: Tally = { passed: 0, failed: 0, skipped: 0 };
  const cases = xml.match(/<testcase\b[\s\S]*?(?:\/>|<\/testcase>)/g) ?? [];
  for (const testcase of cases) {
    const selfClosing = /^<testcase\b[^>]*\/>$/.test(testcase);
    if (!selfClosing && /<(failure|error)\b/.test(testcase)) tally.failed++;
    else if (!selfClosing && /<skipped\b/.test(testcase)) tally.skipped++;
    else tally.passed++;
  }
  return tally;
}

function junitFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return junitFiles(path);
    return /junit.*\.xml$/.test(name) ? [path] : [];
  });
}

/** Sums every JUnit report under `dir` and prints one line: "N passed, N failed". */
export function junitSummaryCommand(argv: string[]): number {
  const dir = argv[0] ?? 'reports/out';
  const total: Tally = { passed: 0, failed: 0, skipped: 0 };
  for (const file of junitFiles(dir)) {
    const t = tallyJunit(readFileSync(file, 'utf8'));
    total.passed += t.passed;
    total.failed += t.failed;
    total.skipped += t.skipped;
  }
  console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
  return 0;
}
