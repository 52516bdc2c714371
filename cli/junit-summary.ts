import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Tally {
  passed: number;
  failed: number;
  skipped: number;
  /** Why cases were skipped, each reason once, as far as the reports say. */
  skipReasons: string[];
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (text: string) => text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => XML_ENTITIES[name]);

/**
 * Why a skipped case was skipped: the standard `<skipped message="...">`, or the skip-reason
 * property vitest writes for a test that annotated its reason before skipping itself.
 */
function skipReason(testcase: string): string | undefined {
  const found = /<skipped\b[^>]*\bmessage="([^"]*)"/.exec(testcase) ?? /<property\b[^>]*\bname="skip-reason"[^>]*\bvalue="([^"]*)"/.exec(testcase);
  return found?.[1] ? unescapeXml(found[1]) : undefined;
}

/** Counts test cases in one JUnit XML document: failed (failure or error), skipped, passed. */
export function tallyJunit(xml: string): Tally {
  const tally: Tally = { passed: 0, failed: 0, skipped: 0, skipReasons: [] };
  // Whole cases: a `<skipped/>` inside must not end one before the properties that follow it.
  const cases = xml.match(/<testcase\b[^>]*?(?:\/>|>[\s\S]*?<\/testcase>)/g) ?? [];
  for (const testcase of cases) {
    const selfClosing = /^<testcase\b[^>]*\/>$/.test(testcase);
    if (!selfClosing && /<(failure|error)\b/.test(testcase)) tally.failed++;
    else if (!selfClosing && /<skipped\b/.test(testcase)) {
      tally.skipped++;
      const reason = skipReason(testcase);
      if (reason && !tally.skipReasons.includes(reason)) tally.skipReasons.push(reason);
    } else tally.passed++;
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

/**
 * The closing line: "N passed, N failed", then ", N skipped" when any were. It stays exactly that,
 * since CI reads the counts from it; why cases were skipped goes on the lines before it.
 */
export function summaryLine(total: Tally): string {
  return `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`;
}

/**
 * Sums every JUnit report under `dir`: prints why cases were skipped ("skipped because: ..."), one
 * reason a line, then the closing line "N passed, N failed[, N skipped]".
 */
export function junitSummaryCommand(argv: string[]): number {
  const dir = argv[0] ?? 'reports/out';
  const total: Tally = { passed: 0, failed: 0, skipped: 0, skipReasons: [] };
  for (const file of junitFiles(dir)) {
    const t = tallyJunit(readFileSync(file, 'utf8'));
    total.passed += t.passed;
    total.failed += t.failed;
    total.skipped += t.skipped;
    for (const reason of t.skipReasons) if (!total.skipReasons.includes(reason)) total.skipReasons.push(reason);
  }
  for (const reason of total.skipReasons) console.log(`skipped because: ${reason}`);
  console.log(summaryLine(total));
  return 0;
}
