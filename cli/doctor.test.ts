import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { DoctorReport } from './doctor';
import { startEmulator } from '../steps/start-emulator';
import { main } from './main';
import { commandOutput } from './testing/command-output';

/**
 * These run the doctor as a QA person does: it starts its own seeded emulator on 127.0.0.1 and
 * walks it in the system Chromium (CI installs it; SSLAB_CHROMIUM names another).
 */
const BIN = join(__dirname, '..', 'bin', 'sslab.js');

/** The command in a process of its own; not waited for synchronously, so an emulator in this process can answer it. */
function doctor(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'doctor', ...args], { encoding: 'utf8', timeout: 170_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const overridesFile = (overrides: Record<string, unknown>) => {
  const file = join(mkdtempSync(join(tmpdir(), 'sslab-doctor-')), 'locators.json');
  writeFileSync(file, JSON.stringify(overrides));
  return file;
};

test('against the emulator every locator is found', async () => {
  const run = await doctor(['--json']);
  expect(run.stderr).toBe('');
  const report = JSON.parse(run.stdout) as DoctorReport;
  expect(report.locators.filter((l) => l.status !== 'found')).toEqual([]);
  expect(report.found).toBeGreaterThan(150);
  expect(run.status).toBe(0);
}, 180_000);

test('a locator the page lacks is reported missing with the scenarios it would break, and the run exits 1', async () => {
  // The test above has the doctor start its own emulator; this walk goes to one in this process (--url),
  // and gives up on the missing button after two seconds instead of the default five.
  const emulator = await startEmulator();
  let run: Awaited<ReturnType<typeof doctor>>;
  try {
    run = await doctor(['--url', emulator.url, '--wait', '2000', '--locators', overridesFile({ 'cms.button.activate': 'ACTIVATE NOW' })]);
  } finally {
    await emulator.stop();
  }
  expect(run.status).toBe(1);
  expect(run.stdout).toMatch(/1 missing/);
  const missing = run.stdout.slice(run.stdout.indexOf('MISSING'), run.stdout.indexOf('NOT REACHED'));
  expect(missing).toContain('cms.button.activate: button "ACTIVATE NOW" ([AON]), looked for on cms.cloud');
  expect(missing).toContain('used by: cloud.activate()');
  expect(missing).toContain('features/smartserver-cms/downloading_from_the_cloud.feature:24  Only the selected licenses are activated');
  // The walk could not activate a license, so the screens after it are named as not reached, not as missing.
  expect(run.stdout).toContain('not reached: the walk stopped because cms.button.activate is missing');
}, 180_000);

// The usage problems are the command's own checks before any browser or emulator starts: run in this process.
const doctorHere = (args: string[]) => commandOutput(() => main(['doctor', ...args]));

test('bad overrides and a missing Chromium are usage problems: exit 2, a plain message, no stack trace', async () => {
  const unknown = await doctorHere(['--locators', overridesFile({ 'partnerPortal.tab.serch': 'Find' })]);
  expect(unknown.code).toBe(2);
  expect(unknown.err).toContain('"partnerPortal.tab.serch" is not a locator key; did you mean "partnerPortal.tab.search"');
  const notText = await doctorHere(['--locators', overridesFile({ 'cms.button.back': 3 })]);
  expect(notText.code).toBe(2);
  expect(notText.err).toContain('"cms.button.back" must be a string of words');
  const noWait = await doctorHere(['--wait', '0']);
  expect(noWait.code).toBe(2);
  expect(noWait.err).toBe('sslab doctor: --wait 0: must be a whole number of milliseconds, at least 1\n');

  const chromium = process.env.SSLAB_CHROMIUM;
  process.env.SSLAB_CHROMIUM = '/nowhere/chromium';
  try {
    const noChromium = await doctorHere([]);
    expect(noChromium.code).toBe(2);
    expect(noChromium.err).toContain('no Chromium to drive the pages');
    expect(noChromium.err).toContain('SSLAB_CHROMIUM=/path/to/chromium');
    expect(noChromium.err).not.toMatch(/\n\s+at /);
  } finally {
    if (chromium === undefined) delete process.env.SSLAB_CHROMIUM;
    else process.env.SSLAB_CHROMIUM = chromium;
  }
}, 60_000);
