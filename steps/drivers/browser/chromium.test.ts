import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from 'vitest';
import { browserMissing, CHROMIUM_ARGS, chooseChromium, type InstalledBrowsers, launchChromium, PACKAGED_CHROMIUM, SYSTEM_CHROMIUM } from './chromium';

const PLAYWRIGHT_OWN = '/root/.cache/ms-playwright/chromium-1234/chrome-linux/chrome';

const present =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path);

const machine = (playwright: string | undefined, packaged: boolean): InstalledBrowsers => ({
  playwrightChromium: () => playwright,
  packagedChromium: () => packaged,
});

test('SSLAB_CHROMIUM wins over the system Chromium, and naming a missing file is an error that says which', () => {
  expect(chooseChromium({ SSLAB_CHROMIUM: '/opt/chrome/chrome' }, present('/opt/chrome/chrome', SYSTEM_CHROMIUM), machine(PLAYWRIGHT_OWN, true))).toEqual({
    executablePath: '/opt/chrome/chrome',
    source: 'SSLAB_CHROMIUM',
  });
  expect(() => chooseChromium({ SSLAB_CHROMIUM: '/nowhere/chrome' }, present(SYSTEM_CHROMIUM))).toThrow('/nowhere/chrome');
});

test("the order is the system Chromium, Playwright's own, then the one shipped in an npm package", () => {
  const everything = machine(PLAYWRIGHT_OWN, true);
  expect(chooseChromium({}, present(SYSTEM_CHROMIUM, PLAYWRIGHT_OWN), everything)).toEqual({ executablePath: SYSTEM_CHROMIUM, source: 'system' });
  expect(chooseChromium({ SSLAB_CHROMIUM: '  ' }, present(PLAYWRIGHT_OWN), everything)).toEqual({ executablePath: PLAYWRIGHT_OWN, source: 'playwright' });
  expect(chooseChromium({}, present(), everything)).toEqual({ source: 'packaged' });
  expect(chooseChromium({}, present(), machine(undefined, true))).toEqual({ source: 'packaged' });
});

test('with no Chromium anywhere, the message names each place tried and what to install', () => {
  expect(() => chooseChromium({}, present(), machine(PLAYWRIGHT_OWN, false))).toThrow(
    `No Chromium to drive; tried ${SYSTEM_CHROMIUM} (not installed), Playwright's own at ${PLAYWRIGHT_OWN} (not downloaded), ${PACKAGED_CHROMIUM} (not installed).`,
  );
  expect(() => chooseChromium({}, present(), machine(undefined, false))).toThrow("Playwright's own (playwright-core@1.65.1 not installed)");
  expect(browserMissing({}, present(), machine(undefined, false))).toMatch(
    /^needs a Chromium: No Chromium to drive; .*npm install @sparticuz\/chromium@147\.0\.0/,
  );
  expect(browserMissing({}, present(), machine(undefined, true))).toBeUndefined();
});

test('Chromium runs headless and without a sandbox, GPU or background traffic', () => {
  expect(CHROMIUM_ARGS).toEqual(
    expect.arrayContaining(['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage']),
  );
});

test('on a machine with no system or Playwright Chromium, the packaged one launches and renders a loopback page', async () => {
  // Every path looked up is missing, as on a fresh machine; the npm package is really installed.
  const choice = chooseChromium({}, () => false);
  expect(choice).toEqual({ source: 'packaged' });
  const server = createServer((_request, response) => response.end('<!doctype html><title>sslab</title><h1>Packaged Chromium</h1>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await launchChromium(choice);
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    expect(await page.textContent('h1')).toBe('Packaged Chromium');
    expect(browser.version()).toMatch(/^\d+\./);
  } finally {
    await browser.close();
    server.close();
  }
}, 60_000);
