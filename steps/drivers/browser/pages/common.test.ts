import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium } from '../chromium';
import { closeEventOf, leaveSession, nameMatches, press, settled, shown, shownDialogs } from './common';

/*
 * The waits the page objects use, on small pages in headless Chromium: each ends on the change
 * that brings its state, and one that never comes fails naming what it waited for.
 */

const PAGES: Record<string, string> = {
  '/': '<section id="region" aria-label="Orders" aria-busy="true"><p>Loading</p></section>',
  '/next': '<p id="arrived">Arrived</p>',
  // As the CMS does: closing the dialog has the region behind it read its figures again, which takes a while.
  '/dialog': `<section id="board" aria-label="Board" aria-busy="false"><p id="figure">old</p></section>
    <dialog id="box" aria-label="Box"><p>Inside</p></dialog>
    <script>
      const box = document.getElementById('box');
      const board = document.getElementById('board');
      box.addEventListener('close', () => {
        board.setAttribute('aria-busy', 'true');
        setTimeout(() => { document.getElementById('figure').textContent = 'new'; board.setAttribute('aria-busy', 'false'); }, 150);
      });
      box.showModal();
    </script>`,
  // Buttons that count their presses: one a user can reach, one that starts disabled, one behind a modal dialog.
  '/buttons': `<p id="pressed"></p>
    <button id="free">Free</button><button id="late" disabled>Late</button><button id="covered">Covered</button>
    <dialog id="modal" aria-label="Modal"><p>In front</p></dialog>
    <script>
      for (const button of document.querySelectorAll('button')) {
        button.addEventListener('click', () => { document.getElementById('pressed').textContent += button.id + ' '; });
      }
    </script>`,
  // A portal signed in: Log out shows its login form in place, as the emulator's pages do.
  '/portal': `<header><button id="logout">Log out</button></header>
    <section id="login" aria-label="Log in" hidden><input aria-label="Email"></section>
    <section id="board" aria-label="Board"><p>Signed in</p></section>
    <script>
      document.getElementById('logout').addEventListener('click', () => {
        document.getElementById('board').hidden = true;
        document.getElementById('login').hidden = false;
      });
    </script>`,
};

let server: Server;
let base: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = createServer((request, response) => {
    response.writeHead(PAGES[request.url ?? ''] ? 200 : 404, { 'content-type': 'text/html' });
    response.end(PAGES[request.url ?? ''] ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** Has the page do `change` a little later, as its scripts do when an answer arrives. */
const later = (change: string) => page.evaluate((code) => setTimeout(() => new Function(code)(), 30), change);

test('settled ends when the region stops being busy, and a region that stays busy fails naming it', async () => {
  await page.goto(base);
  const region = page.getByRole('region', { name: 'Orders' });
  await later("document.getElementById('region').setAttribute('aria-busy', 'false')");
  await settled(region);
  expect(await region.getAttribute('aria-busy')).toBe('false');
  await page.evaluate(() => document.getElementById('region')!.setAttribute('aria-busy', 'true'));
  await expect(shown(region.and(page.locator('[aria-busy="false"]')), 'visible', 200)).rejects.toThrow(/Orders.*was not visible within 200 ms/);
});

test('a wait for hidden and for attached each end on the change that brings them', async () => {
  await page.goto(base);
  await later("document.getElementById('region').hidden = true");
  await shown(page.locator('#region'), 'hidden');
  expect(await page.locator('#region').isVisible()).toBe(false);
  await later("document.body.append(Object.assign(document.createElement('table'), { id: 'rows' }))");
  await shown(page.locator('#rows'), 'attached');
});

test("a dialog's close event is awaited, so what the page does on closing it is waited for before reading", async () => {
  await page.goto(`${base}/dialog`);
  const dialog = page.getByRole('dialog', { name: 'Box' });
  const closed = await closeEventOf(dialog);
  await page.keyboard.press('Escape');
  await shown(dialog, 'hidden');
  await closed();
  await settled(page.getByRole('region', { name: 'Board' }));
  expect(await page.locator('#figure').textContent()).toBe('new');
});

test('a wait carries on across a navigation and finds what the new page shows', async () => {
  await page.goto(base);
  await later(`location.href = '${base}/next'`);
  await shown(page.getByText('Arrived'));
  expect(page.url()).toBe(`${base}/next`);
});

test('press activates a button a user can reach, waits for a disabled one to be enabled, and never presses one behind a modal dialog', async () => {
  await page.goto(`${base}/buttons`);
  const pressed = () => page.locator('#pressed').textContent();
  await press(page.getByRole('button', { name: 'Free' }));
  expect(await pressed()).toBe('free ');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('free');

  await later("document.getElementById('late').disabled = false");
  await press(page.getByRole('button', { name: 'Late' }));
  expect(await pressed()).toBe('free late ');

  await page.evaluate(() => (document.getElementById('modal') as HTMLDialogElement).showModal());
  const covered = page.getByRole('button', { name: 'Covered', includeHidden: true });
  page.setDefaultTimeout(300);
  try {
    await expect(press(covered)).rejects.toThrow(/Timeout 300ms/);
  } finally {
    page.setDefaultTimeout(30_000);
  }
  expect(await pressed()).toBe('free late ');
});

test('leaveSession logs the page out where it stands, and leaves a page showing its login form as it is', async () => {
  await page.goto(`${base}/portal`);
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
  const logOut = page.getByRole('button', { name: 'Log out' });
  const login = page.getByRole('region', { name: 'Log in' });
  await leaveSession(logOut, login);
  expect(await login.isVisible()).toBe(true);
  expect(await page.getByRole('region', { name: 'Board' }).isVisible()).toBe(false);
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  await page.evaluate(() => document.getElementById('logout')!.addEventListener('click', () => document.body.append('pressed again')));
  await leaveSession(logOut, login);
  expect(await page.locator('body').textContent()).not.toContain('pressed again');
});

test('shownDialogs names the open dialogs in one look, matched as getByRole matches a name', async () => {
  await page.goto(`${base}/dialog`);
  expect(await shownDialogs(page)).toEqual(['Box']);
  expect(nameMatches('Manage Licenses', 'manage licenses')).toBe(true);
  expect(nameMatches('Transfer to Cloud', /^Transfer/)).toBe(true);
  expect(nameMatches('Box', 'Manage Licenses')).toBe(false);
  await page.keyboard.press('Escape');
  await shown(page.getByRole('dialog', { name: 'Box' }), 'hidden');
  expect(await shownDialogs(page)).toEqual([]);
});
