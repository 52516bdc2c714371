import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { reportsDir } from '../../../reports/out-dir';
import { launchChromium } from '../../../steps/drivers/browser/chromium';
import { seedReference, SEED_FILE } from '../../../steps/support/reference-data';
import { WORD_TABLES } from '../../kernel/plain-words';
import { startTestServer, type TestServer } from '../../testing/http-test-kit';

/*
 * Every page state a partner, a customer and a SmartServer Owner reach, walked once in headless
 * Chromium. At each state: axe finds no violation, the text a person reads holds no internal
 * identifier, and (at 390 px) no form control sits outside the window and nothing scrolls sideways;
 * a picture is taken at 1280 and at 390 px. Every request of the walk stays on loopback.
 */

// A folder of its own: the browser run's gallery (reports/out/screenshots) is written beside this walk in npm test.
const SCREENSHOTS = join(reportsDir(), 'page-states');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const seed = seedReference();

/** What a person must never read: the API's state names, the HTTP reason phrases as titles, and API field syntax. */
const INTERNAL_WORDS = [
  ...Object.values(WORD_TABLES).flatMap((table) => Object.keys(table).filter((key) => /[A-Z.-]/.test(key))),
  'Unauthenticated',
  'Conflict',
  'Bad request',
  'Business rule broken',
  'Forbidden',
];
/**
 * The two long walks run axe and take two pictures at a dozen states each: seconds on an idle
 * machine, but beside the rest of npm test on two busy cores they came near the 30 s default.
 */
const WALK_TIMEOUT = 90_000;
const FIELD_SYNTAX = /(^|\s)(body\.)?[a-z]+(?:[A-Z][a-z]*)*: (is|must|give)\b/;

let server: TestServer;
let browser: Browser;
let page: Page;
const offLoopback: string[] = [];
const walked: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ seed: JSON.parse(readFileSync(SEED_FILE, 'utf8')), passwordCost: 'fast' });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:'].includes(url.protocol) && !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) offLoopback.push(request.url());
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const idle = () => page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0);

/** The text a person reads on the page as it is now: what shows, and the names and hints of what shows. */
const readableText = () =>
  page.evaluate(() => {
    const visible = (element: Element) => (element as HTMLElement).offsetParent !== null || element.closest('dialog[open]') !== null;
    const hints = [...document.querySelectorAll('[title], [aria-label], [placeholder]')]
      .filter(visible)
      .flatMap((element) => ['title', 'aria-label', 'placeholder'].map((name) => element.getAttribute(name) ?? ''));
    const open = [...document.querySelectorAll('dialog[open]')].map((dialog) => (dialog as HTMLElement).innerText);
    return [document.body.innerText, ...open, ...hints].join('\n');
  });

async function axeViolations(): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const { violations } = await axe.run(document);
    return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** At the current width: form controls outside the window, and whether the page scrolls sideways. */
const sidewaysTrouble = () =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const trouble = [...document.querySelectorAll('input, select, textarea, button, form')]
      .filter((element) => (element as HTMLElement).offsetParent !== null || element.closest('dialog[open]'))
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && (box.left < -1 || box.right > width + 1);
      })
      .map((element) => `${element.tagName.toLowerCase()}#${element.id || (element as HTMLInputElement).name || element.textContent?.trim().slice(0, 20)}`);
    if (document.documentElement.scrollWidth > width + 1) trouble.push(`the page is ${document.documentElement.scrollWidth}px wide`);
    return trouble;
  });

/** Checks the page state and takes its pictures; `name` names them. */
async function state(name: string): Promise<void> {
  await idle();
  walked.push(name);
  const text = await readableText();
  expect(
    INTERNAL_WORDS.filter((word) => text.includes(word)),
    `${name} shows internal words`,
  ).toEqual([]);
  expect(FIELD_SYNTAX.exec(text)?.[0], `${name} shows API field syntax`).toBeUndefined();
  expect(await axeViolations(), `${name}: axe`).toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-1280.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await sidewaysTrouble(), `${name} at 390 px`).toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-390.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
}

const focused = () => page.evaluate(() => `${document.activeElement?.tagName.toLowerCase()}#${document.activeElement?.id}`);

test('the partner portal, from login to a refused and a completed transfer, reads plainly and works by keyboard and at 390 px', {
  timeout: WALK_TIMEOUT,
}, async () => {
  await page.goto(`${server.url}/`);
  await state('landing-page');

  await page.goto(`${server.url}/partner/`);
  expect(await focused(), 'the first field has focus on load').toBe('input#email');
  await state('partner-portal-login');
  await page.getByRole('button', { name: 'LOGIN' }).click();
  await page.getByRole('alert').waitFor();
  expect(await page.getByRole('alert').innerText()).toMatch(/^Check what was entered\s+Email is required\.$/);
  await state('partner-portal-login-refused');

  await page.getByLabel('Email', { exact: true }).fill(seed.partner.email);
  await page.getByLabel('Password', { exact: true }).fill(seed.partner.password);
  await page.getByRole('button', { name: 'LOGIN' }).click();
  await page.getByRole('table', { name: 'My Inventory' }).waitFor();
  expect(await focused(), 'the main heading has focus after logging in').toBe('h1#');
  await state('partner-portal-my-inventory');
  await expect.poll(() => page.getByRole('table', { name: 'My Inventory' }).innerText()).toContain('Retired — kept for tracking');

  await page.getByRole('button', { name: 'Find' }).click();
  await page.getByRole('table', { name: 'Matching customers' }).waitFor();
  const customerIdCell = page.getByRole('table', { name: 'Matching customers' }).getByRole('cell', { name: seed.customer.customerId });
  expect(await customerIdCell.innerText(), 'the full Customer ID shows').toBe(seed.customer.customerId);
  await page.getByRole('button', { name: `Copy Customer ID ${seed.customer.customerId}` }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText()), 'the copy button copies the whole ID').toBe(seed.customer.customerId);
  await state('partner-portal-find-customer-id');

  await page.getByRole('tab', { name: 'Customer Inventory' }).click();
  await page.getByRole('table', { name: 'Customer Inventory' }).waitFor();
  await state('partner-portal-customer-inventory');
  await page.getByRole('tab', { name: 'Search' }).click();
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('table', { name: 'Search results' }).waitFor();
  await state('partner-portal-search');

  // A retired License ID says it is kept for tracking only, where the Transfer form would be.
  await page.getByRole('tab', { name: 'My Inventory' }).click();
  await idle();
  const inventory = page.getByRole('table', { name: 'My Inventory' });
  await inventory.locator('tbody tr', { hasText: seed.licenses.retired }).getByRole('button').first().click();
  await page.getByText('kept for tracking only').first().waitFor();
  expect(await page.getByRole('button', { name: 'Transfer', exact: true }).isVisible()).toBe(false);
  await state('partner-portal-retired-license');

  await page.getByRole('button', { name: 'Back to inventory' }).click();
  await idle();
  await inventory.locator('tbody tr', { hasText: seed.licenses.inventory }).getByRole('button').first().click();
  const customerName = page.getByRole('combobox', { name: 'Customer Name' });
  await customerName.waitFor();
  expect(await customerName.getByRole('option').allInnerTexts()).toEqual([
    'Choose a customer',
    `${seed.customer.name} (Customer ID ${seed.customer.customerId})`,
    'New customer…',
  ]);
  await state('partner-portal-order-details');

  // A new customer whose contact email another customer holds: refused, and nothing typed is lost.
  await customerName.selectOption({ label: 'New customer…' });
  await page.getByRole('textbox', { name: 'New customer name' }).fill('P-Building 2');
  await page.getByRole('button', { name: 'Transfer', exact: true }).click();
  const notFound = page.getByRole('dialog', { name: 'Customer account not found' });
  await notFound.getByLabel('Contact Email').fill(seed.customer.contactEmail);
  await notFound.getByLabel('Contact Name').fill('Dana Facilities');
  await state('partner-portal-customer-account-not-found');
  await notFound.getByRole('button', { name: 'Next' }).click();
  const confirm = page.getByRole('dialog', { name: 'Confirm transfer' });
  await state('partner-portal-confirm-transfer');
  await confirm.getByRole('button', { name: 'Transfer', exact: true }).click();
  await confirm.getByRole('alert').waitFor();
  expect(await confirm.getByRole('alert').innerText()).toMatch(/^That contact email belongs to another customer/);
  await state('partner-portal-transfer-refused');
  await confirm.getByRole('button', { name: 'Back' }).click();
  expect(await notFound.getByLabel('Contact Email').inputValue()).toBe(seed.customer.contactEmail);
  expect(await notFound.getByLabel('Contact Name').inputValue()).toBe('Dana Facilities');
  await notFound.getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(focused, { message: 'the heading has focus once the dialog closes' }).toBe('h2#order-title');
  expect(await page.getByRole('textbox', { name: 'New customer name' }).inputValue()).toBe('P-Building 2');

  // To the existing customer: the banner gives every ID in full, each with its copy button.
  await customerName.selectOption({ label: `${seed.customer.name} (Customer ID ${seed.customer.customerId})` });
  await page.getByRole('button', { name: 'Transfer', exact: true }).click();
  await confirm.getByRole('button', { name: 'Transfer', exact: true }).click();
  const banner = page.getByRole('status').filter({ hasText: 'transferred to' });
  await banner.waitFor();
  expect(await banner.innerText()).toContain(seed.customer.customerId);
  expect(await banner.getByRole('button', { name: /^Copy / }).count()).toBe(3);
  await state('partner-portal-transfer-completed');

  // Logging out leaves nothing of the partner's in the page, shown or hidden, for whoever uses the tab next.
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  const left = (await page.evaluate(() => document.body.textContent)) ?? '';
  for (const shown of [seed.customer.customerId, seed.customer.name, seed.licenses.inventory, seed.licenses.retired]) expect(left).not.toContain(shown);
});

test('the customer portal says plainly why a login is refused and where a maintenance file comes from', async () => {
  await page.goto(`${server.url}/customer/`);
  expect(await focused()).toBe('input#eid');
  await state('customer-portal-login');
  await page.getByRole('button', { name: 'LOG IN WITH EID' }).click();
  await page.getByRole('alert').waitFor();
  expect(await page.getByRole('alert').innerText()).toContain('Enter the EID (a License ID) or the email address your partner added.');
  await state('customer-portal-login-refused');

  await page.getByRole('textbox', { name: 'Email' }).fill(seed.customer.contactEmail);
  await page.getByRole('button', { name: 'LOG IN WITH EMAIL' }).click();
  const licenses = page.getByRole('table', { name: 'My licenses' });
  await licenses.waitFor();
  expect(await focused()).toBe('h1#');
  const maintenance = licenses.locator('tbody tr', { hasText: seed.licenses.maintenance });
  expect(await maintenance.getByRole('button', { name: /^Create offline activation file/ }).count()).toBe(0);
  expect(await maintenance.innerText()).toContain('Ask Customer Success');
  await state('customer-portal-licenses');

  await page.getByRole('button', { name: `Create offline activation file for ${seed.licenses.capacity}` }).click();
  await page.getByRole('dialog', { name: 'Create offline activation file' }).waitFor();
  await state('customer-portal-offline-activation-file');
  await page.getByRole('button', { name: 'CLOSE' }).click();
  await expect.poll(focused).toBe('h2#licenses-title');

  // Logging out leaves nothing of the customer's in the page, shown or hidden, for whoever uses the tab next.
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('button', { name: 'LOG IN WITH EID' }).waitFor();
  const left = (await page.evaluate(() => document.body.textContent)) ?? '';
  for (const shown of [seed.customer.customerId, seed.customer.name, seed.licenses.capacity, seed.licenses.maintenance]) expect(left).not.toContain(shown);
});

test("the CMS shows the badge's shortfall, why an unlicensed device's actions are missing, and every dialog view", { timeout: WALK_TIMEOUT }, async () => {
  const cms = `${server.url}/smartservers/${seed.smartServer.installCode}/cms/`;
  await page.goto(cms);
  expect(await focused()).toBe('input#username');
  await state('cms-login');
  const [adminName, adminPassword] = seed.smartServer.users.Admin!;
  await page.getByRole('textbox', { name: 'User name' }).fill(adminName);
  await page.getByLabel('Password').fill(adminPassword);
  await page.getByRole('button', { name: 'LOG IN' }).click();
  await page.getByRole('region', { name: 'Dashboard' }).waitFor();
  await page
    .getByRole('button', { name: /^Manage Licenses/ })
    .first()
    .click();
  await page.getByRole('dialog', { name: 'Manage Licenses' }).getByRole('alert').waitFor();
  await state('cms-manage-licenses-refused');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Log out' }).click();

  const [ownerName, ownerPassword] = seed.smartServer.users.Owner!;
  await page.getByRole('textbox', { name: 'User name' }).fill(ownerName);
  await page.getByLabel('Password').fill(ownerPassword);
  await page.getByRole('button', { name: 'LOG IN' }).click();
  const manage = page.getByRole('dialog', { name: 'Manage Licenses' });
  await manage.getByRole('heading', { name: 'Manage Licenses' }).waitFor();
  await state('cms-manage-licenses-opened-at-start-up');

  for (const [button, view] of [
    ['Manage Customer Accounts', 'cms-manage-customer-accounts'],
    ['Download Licenses from the Cloud', 'cms-download-licenses-from-the-cloud'],
    ['Add License', 'cms-add-license'],
    ['Edit Notifications', 'cms-edit-notifications'],
  ]) {
    await manage.getByRole('button', { name: button, exact: true }).click();
    await idle();
    await state(view);
    if (view === 'cms-manage-customer-accounts') {
      // The entered Customer ID with Save Changes and Discard Changes beside it: all inside 390 px too.
      const field = manage.getByRole('textbox', { name: 'Customer ID' });
      await field.fill(seed.customer.customerId);
      await field.press('Enter');
      await manage.getByRole('button', { name: 'Save Changes' }).waitFor();
      await state('cms-customer-id-entered');
      await manage.getByRole('button', { name: 'Discard Changes' }).click();
      await idle();
    }
    await manage.getByRole('button', { name: 'BACK' }).click();
    await idle();
  }
  await manage.getByRole('button', { name: 'Transfer to Cloud' }).click();
  await state('cms-transfer-to-cloud');
  await page.getByRole('button', { name: 'CANCEL' }).click();
  await manage.getByRole('button', { name: 'CLOSE' }).click();
  await expect.poll(focused).toBe('h2#dashboard-title');

  const devices = page.getByRole('table', { name: 'Devices' });
  await devices.waitFor();
  const shortBy = seed.smartServer.devices;
  expect(await page.getByRole('region', { name: 'License Status' }).innerText()).toContain(`Capacity short by ${shortBy} devices`);
  const first = devices.locator('tbody tr').first();
  expect(await first.getByRole('button', { name: 'Provision', exact: true }).count()).toBe(0);
  expect(await first.innerText()).toContain('Unlicensed: add capacity to provision, read datapoints or write datapoints');
  await state('cms-dashboard');
});

test("the CMS's Refresh builds a part of the dashboard again only when its answer changed, and then shows the change", async () => {
  const { installCode } = seed.smartServer;
  await page.goto(`${server.url}/smartservers/${installCode}/cms/`);
  const dashboard = page.getByRole('region', { name: 'Dashboard' });
  if (await page.getByRole('textbox', { name: 'User name' }).isVisible()) {
    const [name, password] = seed.smartServer.users.Admin!;
    await page.getByRole('textbox', { name: 'User name' }).fill(name);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'LOG IN' }).click();
  }
  await dashboard.waitFor();
  await idle();
  if (await page.getByRole('dialog', { name: 'Manage Licenses' }).isVisible()) await page.keyboard.press('Escape');
  const figures = page.getByRole('region', { name: 'License Status' }).locator('dl');
  const devices = page.getByRole('table', { name: 'Devices' });
  // A mark on the elements as built: an element built again comes without it.
  const marked = async () => [
    await figures
      .locator('dd')
      .first()
      .evaluate((element) => (element as unknown as { sslabMark?: true }).sslabMark === true),
    await devices.evaluate((element) => (element as unknown as { sslabMark?: true }).sslabMark === true),
  ];
  const mark = async () => {
    for (const element of [figures.locator('dd').first(), devices]) await element.evaluate((e) => Object.assign(e, { sslabMark: true }));
  };
  const refresh = async () => {
    await dashboard.getByRole('button', { name: 'Refresh' }).click();
    await idle();
  };

  await mark();
  await refresh();
  expect(await marked()).toEqual([true, true]);

  await server.api.ok('PUT', `/_emulator/smartservers/${installCode}/connection`, { body: { online: false } });
  try {
    await refresh();
    expect((await marked())[0]).toBe(false);
    expect(await figures.innerText()).toContain('Not connected');
  } finally {
    await server.api.ok('PUT', `/_emulator/smartservers/${installCode}/connection`, { body: { online: true } });
  }
  await refresh();
  expect(await figures.innerText()).toContain('Connected');
  expect(await figures.innerText()).not.toContain('Not connected');
});

test('the fleet overview passes the same checks, and no page asked for anything beyond loopback', async () => {
  await page.goto(`${server.url}/fleet/`);
  await page.getByRole('table', { name: 'SmartServer fleet' }).waitFor();
  await state('fleet-overview');
  console.log(`page states checked: ${walked.length} (${walked.join(', ')}); screenshots in ${SCREENSHOTS}`);
  expect(offLoopback).toEqual([]);
});
