import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { newPartner, newSmartServer, startTestServer, transfer, type TestServer } from '../../../emulator/testing/http-test-kit';
import { ChangeMarks, emulatorMarks } from './change-marks';
import { launchChromium } from './chromium';
import { DOCUMENTED_LOCATORS } from './locators';
import { CmsPage } from './pages/cms.page';
import { CustomerPortalPage } from './pages/customer-portal.page';

/*
 * A dashboard read, and a read of My licenses in the Customer Portal, skips the page's Refresh
 * only while the emulator's change mark stays as it was when the tab last read it. Each kind of
 * state a page shows (rows written, the clock, the faults on the way to the cloud, a SmartServer's
 * connection) must make the next read refresh; so must a target that offers no mark, on every read.
 */

let server: TestServer;
let browser: Browser;
let page: Page;
/** The dashboard readings the page asked for: a Refresh asks at least once, a read of the page as it stands never. */
let readings = 0;
let installCode: string;
let token: string;

beforeAll(async () => {
  server = await startTestServer({ passwordCost: 'fast' });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A fresh SmartServer with two devices, its Owner signed in to the CMS in a fresh tab. */
async function signedIn(marks: ChangeMarks): Promise<CmsPage> {
  const created = await newSmartServer(server.api, { devices: { lon: 2 } });
  installCode = created.installCode;
  token = created.token;
  const owner = created.server.users[0] as { username: string; password: string };
  page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(10_000);
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === `/smartservers/${installCode}/dashboard`) readings += 1;
  });
  const cms = new CmsPage(page, server.url, installCode, DOCUMENTED_LOCATORS, undefined, marks);
  await cms.logIn(owner.username, owner.password);
  return cms;
}

/** Whether the page read its dashboard again during `read`, and what `read` answered. */
async function refreshing<T>(read: () => Promise<T>): Promise<{ value: T; refreshed: boolean }> {
  const before = readings;
  const value = await read();
  return { value, refreshed: readings > before };
}

beforeEach(async () => {
  await page?.context().close();
});

test('with nothing changed a read takes the page as it stands; a write, a clock move, a fault and a connection change each make the next read refresh', async () => {
  const cms = await signedIn(new ChangeMarks(emulatorMarks(server.url)));
  expect((await refreshing(() => cms.dashboard())).refreshed).toBe(true);
  expect((await refreshing(() => cms.dashboard())).refreshed).toBe(false);
  expect((await refreshing(() => cms.devices())).refreshed).toBe(false);

  await server.api.ok('POST', `/smartservers/${installCode}/iap/devs`, { token, body: { name: 'AHU-7', protocol: 'bacnet' } });
  const afterWrite = await refreshing(() => cms.devices());
  expect(afterWrite.refreshed).toBe(true);
  expect(afterWrite.value.map((d) => d.name)).toContain('AHU-7');
  expect((await refreshing(() => cms.dashboard())).refreshed).toBe(false);

  await server.api.ok('POST', '/_emulator/clock/advance', { body: { days: 1 } });
  expect((await refreshing(() => cms.dashboard())).refreshed).toBe(true);

  await server.api.ok('PUT', '/_emulator/faults', { body: { cloud: { failWith: 503 } } });
  expect((await refreshing(() => cms.dashboard())).refreshed).toBe(true);
  await server.api.ok('PUT', '/_emulator/faults', { body: { cloud: null } });
  expect((await refreshing(() => cms.dashboard())).refreshed).toBe(true);

  await server.api.ok('PUT', `/_emulator/smartservers/${installCode}/connection`, { body: { online: false } });
  expect((await refreshing(() => cms.dashboard())).refreshed).toBe(true);
  expect((await refreshing(() => cms.dashboard())).refreshed).toBe(false);
}, 60_000);

test('a device action reads the dashboard again on the page, so the next read needs no Refresh until something changes', async () => {
  const cms = await signedIn(new ChangeMarks(emulatorMarks(server.url)));
  await cms.dashboard();
  await cms.operateDevice(1, 'define-connections');
  expect((await refreshing(() => cms.dashboard())).refreshed).toBe(false);
  await server.api.ok('POST', '/_emulator/clock/advance', { body: { days: 1 } });
  expect((await refreshing(() => cms.dashboard())).refreshed).toBe(true);
}, 60_000);

test('a target that offers no change mark has every read press Refresh', async () => {
  const cms = await signedIn(new ChangeMarks(emulatorMarks(`${server.url}/no-such-place`)));
  for (let i = 0; i < 3; i += 1) expect((await refreshing(() => cms.dashboard())).refreshed).toBe(true);
}, 60_000);

test('My licenses in the Customer Portal skips Refresh while nothing changed, and presses it after a write or a clock move', async () => {
  const { token: partner, order } = await newPartner(server.api, {
    poNumber: 'PO-MARKS-1',
    email: 'marks@partner.example',
    lines: [{ model: '72220-10', quantity: 2 }],
  });
  const moved = await transfer(server.api, partner, order.licenses[0].licenseId, 'P-Marks', {});
  page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(10_000);
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/customer/api/licenses') readings += 1;
  });
  const portal = new CustomerPortalPage(page, server.url, DOCUMENTED_LOCATORS, undefined, new ChangeMarks(emulatorMarks(server.url)));
  await portal.logIn({ eid: moved.license.licenseId });
  expect((await refreshing(() => portal.licenses())).refreshed).toBe(true);
  const unchanged = await refreshing(() => portal.licenses());
  expect(unchanged.refreshed).toBe(false);
  expect(unchanged.value.map((l) => l.licenseId)).toContain(moved.license.licenseId);

  await transfer(server.api, partner, order.licenses[1].licenseId, 'P-Marks');
  const afterWrite = await refreshing(() => portal.licenses());
  expect(afterWrite.refreshed).toBe(true);
  expect(afterWrite.value).toHaveLength(2);
  expect((await refreshing(() => portal.licenses())).refreshed).toBe(false);

  await server.api.ok('POST', '/_emulator/clock/advance', { body: { days: 1 } });
  expect((await refreshing(() => portal.licenses())).refreshed).toBe(true);
}, 60_000);
