import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium } from './chromium';
import { TabPool } from './tab-pool';

/*
 * Tabs handed from one scenario to the next, in headless Chromium: what a scenario left in a tab
 * (its session in the tab's storage, a cookie) is gone when the next one takes it, and a tab that
 * showed another origin is not handed on.
 */

const PAGE =
  '<!doctype html><title>sslab</title><p id="session"></p><script>document.getElementById("session").textContent = sessionStorage.getItem("sslab.partner") ?? "none";</script>';

let servers: Server[] = [];
let first: string;
let second: string;
let browser: Browser;
let launches = 0;

async function serve(): Promise<string> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html', 'set-cookie': 'visited=yes; Path=/' });
    response.end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  first = await serve();
  // Another port is another origin.
  second = await serve();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  servers = [];
});

const pool = () =>
  new TabPool(async () => {
    launches++;
    return browser;
  });

test('a tab given back is handed to the next scenario with no session, storage or cookie of the one before', async () => {
  const tabs = pool();
  const page = await tabs.take();
  await page.goto(first);
  await page.evaluate(() => {
    sessionStorage.setItem('sslab.partner', '{"token":"t-1"}');
    localStorage.setItem('kept', 'yes');
  });
  expect(await page.context().cookies()).toHaveLength(1);
  await tabs.giveBack([page]);

  const next = await tabs.take();
  expect(next).toBe(page);
  expect(await next.context().cookies()).toHaveLength(0);
  await next.goto(first);
  expect(await next.locator('#session').textContent()).toBe('none');
  expect(await next.evaluate(() => localStorage.getItem('kept'))).toBeNull();
  await tabs.close();
});

test('a scenario holding several tabs gets as many, and a tab that showed two origins is closed instead of handed on', async () => {
  const tabs = pool();
  const [a, b] = [await tabs.take(), await tabs.take()];
  expect(a).not.toBe(b);
  await a.goto(first);
  await b.goto(first);
  await b.goto(second);
  await tabs.giveBack([a, b]);
  expect(b.isClosed()).toBe(true);
  expect(a.isClosed()).toBe(false);
  expect(await tabs.take()).toBe(a);
  expect(await tabs.take()).not.toBe(b);
  await tabs.close();
});

test('the pool starts its browser context once, and again after it was closed', async () => {
  launches = 0;
  const tabs = pool();
  tabs.prepare();
  const page = await tabs.take();
  await tabs.giveBack([page]);
  await tabs.take();
  expect(launches).toBe(1);
  await tabs.close();
  const again = await tabs.take();
  expect(again.isClosed()).toBe(false);
  expect(launches).toBe(2);
  await tabs.close();
}, 30_000);

test('a tab given back showing a page with no dialog open is handed on as it stands for that page only, once', async () => {
  const tabs = pool();
  const [plain, covered] = [await tabs.take(), await tabs.take()];
  await plain.goto(`${first}/portal/`);
  await covered.goto(`${first}/cms/`);
  await covered.evaluate(() => {
    const dialog = document.body.appendChild(document.createElement('dialog'));
    dialog.showModal();
  });
  await tabs.giveBack([plain, covered]);

  expect(await tabs.takeShowing(`${first}/other/`)).toBeUndefined();
  // A dialog left open would stand between the next login and the form.
  expect(await tabs.takeShowing(`${first}/cms/`)).toBeUndefined();
  const shown = await tabs.takeShowing(`${first}/portal/`);
  expect(shown).toBe(plain);
  expect(shown?.url()).toBe(`${first}/portal/`);
  expect(await shown?.evaluate(() => sessionStorage.length)).toBe(0);
  expect(await tabs.takeShowing(`${first}/portal/`)).toBeUndefined();
  await tabs.close();
});
