import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium } from '../../../steps/drivers/browser/chromium';
import { readFleetFile } from '../../control-plane/fleets/description';
import { type RunningEmulator, serveEmulator } from '../../runtime/serve';

/**
 * The fleet overview in Chromium with the example campus fleet: the tiles say what the API says,
 * the filters and the sort reach the server and the address, the pages follow one another, each
 * row opens its CMS, and axe-core finds nothing at 1280 and 390 pixels.
 */
const CAMPUS = join(__dirname, '..', '..', 'control-plane', 'fleets', 'examples', 'campus.yaml');
const READY = '#fleet[aria-busy="false"] tbody tr';

let running: RunningEmulator;
let browser: Browser;

beforeAll(async () => {
  running = await serveEmulator({ port: 0, dataFile: ':memory:', fleet: readFleetFile(CAMPUS) });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await running?.stop();
});

async function open(path: string, width = 1280): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(`${running.url}${path}`);
  await page.locator(READY).first().waitFor();
  return page;
}

const tile = (page: Page, label: string) =>
  page
    .locator('#tiles li')
    .filter({ has: page.locator('.label').getByText(label, { exact: true }) })
    .locator('.value')
    .innerText();

test('the tiles and bars show the fleet the API sums up', async () => {
  const overview = await (await fetch(`${running.url}/fleet/api/overview`)).json();
  const page = await open('/fleet/');
  expect(await tile(page, 'SmartServers')).toBe(String(overview.summary.smartServers));
  expect(await tile(page, 'Online')).toBe(String(overview.summary.online));
  expect(await tile(page, 'With the red badge')).toBe(String(overview.summary.badge));
  expect(await tile(page, 'Devices')).toBe(new Intl.NumberFormat('en').format(overview.summary.definedDevices));
  expect(await page.locator('#group-bars li').count()).toBe(4);
  expect(await page.getByRole('img', { name: /^Devices by colour: / }).getAttribute('aria-label')).toContain('unlicensed');
  await page.close();
});

test('filters and sorting are asked of the server, kept in the address, and each row opens its CMS', async () => {
  const page = await open('/fleet/');
  await page.selectOption('#f-group', 'campus / laboratories');
  await page.waitForFunction(
    () => document.querySelectorAll('#fleet tbody tr').length === 10 && document.getElementById('fleet')?.getAttribute('aria-busy') === 'false',
  );
  expect(new URL(page.url()).searchParams.get('group')).toBe('campus / laboratories');
  expect(await tile(page, 'Online')).toBe('8');
  await page.selectOption('#f-connection', 'offline');
  await page.waitForFunction(() => document.querySelectorAll('#fleet tbody tr').length === 2);
  await page.selectOption('#f-connection', '');
  await page.selectOption('#f-sort', 'name');
  await page.waitForFunction(() => document.querySelector('#fleet tbody tr a')?.textContent === 'Lab 1');
  const names = await page.locator('#fleet tbody tr td:first-child a').allInnerTexts();
  expect(names.slice(0, 3)).toEqual(['Lab 1', 'Lab 2', 'Lab 3']);

  // Reloading the address shows the same view.
  await page.reload();
  await page.locator(READY).first().waitFor();
  expect(await page.locator('#f-group').inputValue()).toBe('campus / laboratories');
  expect(await page.locator('#fleet tbody tr td:first-child a').first().innerText()).toBe('Lab 1');

  const first = page.locator('#fleet tbody tr td:first-child a').first();
  const href = await first.getAttribute('href');
  expect(href).toMatch(/^\/smartservers\/17q[0-9a-z]{4}\/cms\/$/);
  await first.click();
  await page.waitForURL(`${running.url}${href}`);
  await page.close();
});

test('pages of rows follow one another with the pager', async () => {
  const page = await open('/fleet/?sort=installCode&limit=8');
  const showing = () => page.locator('#showing').innerText();
  const codes = async () => page.locator('#fleet tbody tr td:nth-child(2)').allInnerTexts();
  expect(await showing()).toBe('Showing 1–8 of 21 SmartServers.');
  expect(await page.locator('#previous').isDisabled()).toBe(true);
  const seen = await codes();
  for (const expected of ['Showing 9–16 of 21 SmartServers.', 'Showing 17–21 of 21 SmartServers.']) {
    await page.locator('#next').click();
    await page.waitForFunction((text) => document.getElementById('showing')?.textContent === text, expected);
    seen.push(...(await codes()));
  }
  expect(await page.locator('#next').isDisabled()).toBe(true);
  expect(new URL(page.url()).searchParams.get('offset')).toBe('16');
  expect(new Set(seen).size).toBe(21);
  expect(seen).toEqual([...seen].sort());
  await page.locator('#previous').click();
  await page.waitForFunction(() => document.getElementById('showing')?.textContent === 'Showing 9–16 of 21 SmartServers.');
  await page.close();
});

test('axe-core finds nothing on the overview, filtered, at 1280 and at 390 pixels, where no form runs off the screen', async () => {
  const axe = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  for (const width of [1280, 390]) {
    const page = await open('/fleet/?attention=true', width);
    // Evaluated rather than added as a script tag, which the pages' content security policy refuses.
    await page.evaluate(axe);
    const violations = await page.evaluate(async () => {
      const { axe } = window as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } };
      return (await axe.run()).violations.map((v) => `${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    });
    expect(violations, `at ${width} px`).toEqual([]);
    const overflowing = await page.evaluate(() =>
      [...document.querySelectorAll('form, .tiles, .group-bars')]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
        .map((e) => e.id || e.className),
    );
    expect(overflowing, `at ${width} px`).toEqual([]);
    await page.close();
  }
});
