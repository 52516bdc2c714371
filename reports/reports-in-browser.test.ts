import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { tallyJunit } from '../cli/junit-summary';
import { launchChromium } from '../steps/drivers/browser/chromium';
import { parseRequirements } from './requirements';
import { readCucumberJson } from './scenarios';

/**
 * One real run of part of the suite on the mock target, in a project folder of its own, then both
 * reports it wrote (the conformance report and cucumber's) opened in Chromium: the headline says
 * what the run's own cucumber JSON and JUnit say, axe-core finds nothing, and neither page asks
 * for anything outside this machine.
 */
const ROOT = join(__dirname, '..');
const TAGS = '@area:order-intake';
/** A 1×1 PNG, standing in for the browser run's screenshots so the gallery is drawn and checked. */
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk+A8AAQUBAScY42YAAAAASUVORK5CYII=', 'base64');

let project = '';
let out = '';
let browser: Browser | undefined;

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'sslab-reports-'));
  out = join(project, 'out');
  writeFileSync(join(project, 'sslab.config.json'), JSON.stringify({ bundledSuite: true, reports: 'out' }));
  mkdirSync(join(out, 'screenshots'), { recursive: true });
  writeFileSync(join(out, 'screenshots', 'cms-dashboard.png'), PIXEL);
  await new Promise<void>((resolve) => {
    // It exits 1 since a part of the suite leaves requirements uncovered; the reports are written all the same.
    execFile(
      process.execPath,
      [join(ROOT, 'bin', 'sslab.js'), 'conformance', '--targets', 'mock', '--tags', TAGS],
      { cwd: project, maxBuffer: 64 * 1024 * 1024 },
      () => resolve(),
    );
  });
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

const read = (...path: string[]) => readFileSync(join(out, ...path), 'utf8');

test("the headline's numbers are the run's own counts", async () => {
  const results = readCucumberJson(read('mock', 'cucumber.json'));
  const junit = tallyJunit(read('mock', 'cucumber-junit.xml'));
  const { requirements, conflicts } = parseRequirements(readFileSync(join(ROOT, 'reports', 'requirements.md'), 'utf8'));
  expect(results.length).toBeGreaterThanOrEqual(3);

  const page = await browser!.newPage();
  await page.goto(`file://${join(out, 'conformance.html')}`);
  const headline = page.locator('#headline');
  const figure = (name: string) => headline.locator(`.figures [data-count="${name}"]`).innerText();
  const mock = headline.locator('tr[data-target="mock"]');
  const cell = async (name: string) => Number(await mock.locator(`[data-count="${name}"]`).innerText());

  expect(Number(await figure('requirements'))).toBe(requirements.length);
  expect(Number(await figure('conflicts'))).toBe(conflicts.length);
  expect(Number(await figure('inferred'))).toBe(requirements.filter((r) => r.inferred).length);
  expect(await cell('scenarios')).toBe(results.length);
  expect(await cell('passed')).toBe(results.filter((r) => r.status === 'passed').length);
  expect(await cell('passed')).toBe(junit.passed);
  expect(await cell('failed')).toBe(results.filter((r) => r.status === 'failed').length);
  expect(await cell('failed')).toBe(junit.failed);
  expect(await cell('requirements')).toBe(requirements.length);
  // A requirement is covered on mock when a scenario carrying its tag passed there.
  const passedTags = new Set(results.filter((r) => r.status === 'passed').flatMap((r) => r.tags));
  expect(await cell('covered')).toBe(requirements.filter((r) => passedTags.has(`@REQ-${r.id}`)).length);
  await page.close();
});

test.each([
  ['the conformance report', 'conformance.html'],
  ["cucumber's report", join('mock', 'cucumber.html')],
])('%s passes axe-core with no violation and asks for nothing outside this machine', async (_name, file) => {
  expect(existsSync(join(out, file))).toBe(true);
  const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
  const outside: string[] = [];
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (['file:', 'data:', 'blob:', 'about:'].includes(url.protocol) || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return route.continue();
    outside.push(url.href);
    return route.abort();
  });
  await page.goto(`file://${join(out, file)}`);
  await page.locator('main').first().waitFor();
  await page.waitForLoadState('networkidle');
  await page.addScriptTag({ content: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return (await axe.run()).violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
  expect(violations).toEqual([]);
  expect(outside).toEqual([]);
  await page.close();
});
