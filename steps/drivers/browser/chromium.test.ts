import { expect, test } from 'vitest';
import { CHROMIUM_ARGS, chooseChromium, SYSTEM_CHROMIUM } from './chromium';

const present =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path);

test('SSLAB_CHROMIUM wins over the system Chromium, and naming a missing file is an error that says which', () => {
  expect(chooseChromium({ SSLAB_CHROMIUM: '/opt/chrome/chrome' }, present('/opt/chrome/chrome', SYSTEM_CHROMIUM))).toEqual({
    executablePath: '/opt/chrome/chrome',
    source: 'SSLAB_CHROMIUM',
  });
  expect(() => chooseChromium({ SSLAB_CHROMIUM: '/nowhere/chrome' }, present(SYSTEM_CHROMIUM))).toThrow('/nowhere/chrome');
});

test("the system Chromium is used when installed, otherwise Playwright's own browser", () => {
  expect(chooseChromium({}, present(SYSTEM_CHROMIUM))).toEqual({ executablePath: SYSTEM_CHROMIUM, source: 'system' });
  expect(chooseChromium({ SSLAB_CHROMIUM: '  ' }, present())).toEqual({ source: 'playwright' });
});

test('Chromium runs headless and without a sandbox, GPU or background traffic', () => {
  expect(CHROMIUM_ARGS).toEqual(
    expect.arrayContaining(['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage']),
  );
});
