import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../testing/http-test-kit';

/**
 * The API reference at /docs, in headless Chromium: the viewer renders every operation of the
 * served document with its shapes, examples and statuses, and every request the page makes goes
 * to the emulator itself.
 */

let server: TestServer;
let browser: Browser;

function chromiumPath(): string | undefined {
  const chosen = process.env.SSLAB_CHROMIUM?.trim();
  if (chosen) return chosen;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

beforeAll(async () => {
  server = await startTestServer();
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const operationCount = () => Object.values(server.document.paths).reduce((sum, methods) => sum + Object.keys(methods).length, 0);

test('the page and its assets are served here, by name only, with their media types', async () => {
  const page = await server.api.get('/docs');
  expect(page.status).toBe(200);
  expect(page.contentType).toMatch(/^text\/html/);
  const loaded = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
  expect(loaded.filter((url) => !url.startsWith('/'))).toEqual([]);
  for (const url of loaded.filter((u) => u.startsWith('/docs/assets/'))) {
    const asset = await fetch(`${server.url}${url}`);
    expect(asset.status, url).toBe(200);
    expect(asset.headers.get('content-type'), url).toMatch(/^(text\/javascript|text\/css|image\/png)/);
  }
  const outside = await server.api.get('/docs/assets/..%2f..%2fpackage.json');
  expect(outside.status).toBe(400);
  expect(outside.body.field).toMatch(/file/);
});

test('in a browser, the viewer shows every operation, and the page asks nothing of any other host', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.goto(`${server.url}/docs`);
  await page.waitForSelector('.opblock', { timeout: 30_000 });
  expect(await page.locator('.opblock').count()).toBe(operationCount());

  // One operation opened: its request body, its response statuses and an example of its answer.
  const login = page.locator('#operations-partner_portal-postPartnerApiSession');
  await login.locator('.opblock-summary').click();
  await login.locator('.responses-table').waitFor();
  const opened = await login.innerText();
  expect(opened).toContain('Request body');
  expect(opened).toContain('200');
  // The recorded example, not a placeholder made from the schema.
  expect(opened).toContain('licensing@northwind-controls.example');
  expect(opened).toMatch(/"token"/);

  const foreign = requested.filter((url) => !url.startsWith(`${server.url}/`) && !url.startsWith('data:'));
  expect(foreign, 'requests that left the emulator').toEqual([]);
  expect(requested).toContain(`${server.url}/openapi.json`);
  await context.close();
}, 60_000);
