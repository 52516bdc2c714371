import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test, vi } from 'vitest';
import { junitSummaryCommand, summaryLine, tallyJunit } from './junit-summary';

/** Shaped as vitest writes a test that annotated its reason and then skipped itself. */
const VITEST_REPORT = `<?xml version="1.0" encoding="UTF-8" ?>
<testsuites name="vitest tests" tests="4" failures="1" errors="0" time="3">
    <testsuite name="emulator/runtime/fleet/fleet-up.test.ts" tests="2" failures="0" errors="0" skipped="1" time="2">
        <testcase classname="emulator/runtime/fleet/fleet-up.test.ts" name="a fleet with --runtime process" time="2">
        </testcase>
        <testcase classname="emulator/runtime/fleet/fleet-up.test.ts" name="a fleet with --runtime docker" time="0">
            <skipped/>
            <properties>
                <property name="skip-reason" value="no Docker engine: connect ENOENT /var/run/docker.sock &amp; no &quot;DOCKER_HOST&quot;">
                </property>
            </properties>
        </testcase>
    </testsuite>
    <testsuite name="cli/other.test.ts" tests="2" failures="1" errors="0" skipped="0" time="1">
        <testcase classname="cli/other.test.ts" name="works" time="0.1"/>
        <testcase classname="cli/other.test.ts" name="breaks" time="0.1">
            <failure message="expected 1 to be 2" type="AssertionError"/>
        </testcase>
    </testsuite>
</testsuites>
`;

/** Shaped as cucumber-js writes a skipped scenario: no reason given. */
const CUCUMBER_REPORT = `<?xml version="1.0"?>
<testsuite name="cucumber-js" tests="2" skipped="1" failures="0" errors="0">
  <testcase classname="Online activation" name="activates one license" time="0.1"><system-out/></testcase>
  <testcase classname="Online activation" name="needs the clock" time="0"><skipped/></testcase>
</testsuite>
`;

const folders: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

test('a case skipped with a reason is counted as skipped, and its reason read back unescaped', () => {
  expect(tallyJunit(VITEST_REPORT)).toEqual({
    passed: 2,
    failed: 1,
    skipped: 1,
    skipReasons: ['no Docker engine: connect ENOENT /var/run/docker.sock & no "DOCKER_HOST"'],
  });
  expect(tallyJunit(CUCUMBER_REPORT)).toEqual({ passed: 1, failed: 0, skipped: 1, skipReasons: [] });
  expect(tallyJunit('<testcase name="x"><skipped message="not on this platform"/></testcase>').skipReasons).toEqual(['not on this platform']);
});

test('the closing line is "N passed, N failed", with ", N skipped" when cases were skipped', () => {
  expect(summaryLine({ passed: 3, failed: 0, skipped: 0, skipReasons: [] })).toBe('3 passed, 0 failed');
  expect(summaryLine({ passed: 3, failed: 1, skipped: 2, skipReasons: [] })).toBe('3 passed, 1 failed, 2 skipped');
  expect(summaryLine({ passed: 3, failed: 1, skipped: 2, skipReasons: ['no Docker engine: x', 'y'] })).toBe('3 passed, 1 failed, 2 skipped');
});

test('junit-summary says why cases were skipped, then adds up every JUnit report under the folder into the closing line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sslab-junit-summary-'));
  folders.push(dir);
  writeFileSync(join(dir, 'vitest-junit.xml'), VITEST_REPORT);
  mkdirSync(join(dir, 'mock'));
  writeFileSync(join(dir, 'mock', 'cucumber-junit.xml'), CUCUMBER_REPORT);
  writeFileSync(join(dir, 'mock', 'cucumber.json'), '[]');
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  expect(junitSummaryCommand([dir])).toBe(0);
  expect(log.mock.calls).toEqual([
    ['skipped because: no Docker engine: connect ENOENT /var/run/docker.sock & no "DOCKER_HOST"'],
    ['3 passed, 1 failed, 2 skipped'],
  ]);
});
