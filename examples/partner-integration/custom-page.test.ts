import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type StartedEmulator, startEmulator } from '../../steps/start-emulator';
import { LoginNeeded, readTagged, rootOf, rowsOf } from './custom-page/datapoints.js';

/*
 * The custom page is uploaded to an emulated SmartServer over HTTP, reached through its login page
 * with the session cookie it sets, and its script reads the tagged datapoints page by page, as it
 * does in a browser: same paths, no token, the cookie going with every request.
 */

const PAGE_FILES = ['datapoints.html', 'datapoints.js'];
let emulator: StartedEmulator;
let server: { installCode: string; owner: { username: string; password: string }; token: string };

async function call(method: string, path: string, token?: string, body?: unknown): Promise<any> {
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${emulator.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  const text = await response.text();
  return text ? JSON.parse(text) : undefined;
}

beforeAll(async () => {
  emulator = await startEmulator({ seed: null });
  const created = await call('POST', '/_emulator/smartservers', undefined, { devices: { lon: 5 } });
  const owner = created.users[0];
  const { token } = await call('POST', `/smartservers/${created.installCode}/login`, undefined, owner);
  server = { installCode: created.installCode, owner, token };
  const order = await call('POST', '/backoffice/api/orders', undefined, {
    poNumber: 'PO-PAGE-1',
    partner: { email: 'ace@partners.example' },
    lines: [{ model: '72220-10', quantity: 1 }],
    customer: 'P2022-0208',
  });
  await call('PUT', `/smartservers/${server.installCode}/iap/lic/accounts`, token, { customerId: order.customer.customerId });
  await call('POST', `/smartservers/${server.installCode}/iap/lic/cloud/download`, token, { licenseIds: [order.licenses[0].licenseId] });
  await call('POST', `/smartservers/${server.installCode}/iap/devs/*+name==nvoTemp/tags`, token, ['temperatures']);
  for (const name of PAGE_FILES) {
    const type = name.endsWith('.js') ? 'text/javascript' : 'text/html';
    const upload = await fetch(`${emulator.url}/smartservers/${server.installCode}/user/pages/${name}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body: readFileSync(join(__dirname, 'custom-page', name), 'utf8'),
    });
    expect(upload.status).toBe(200);
  }
});
afterAll(async () => emulator.stop());

const pagePath = () => `/smartservers/${server.installCode}/user/pages/datapoints.html`;

/** Logs in through the SmartServer's login page, as a browser does, and answers the session cookie it set. */
async function logInWithThePage(): Promise<string> {
  const answer = await fetch(`${emulator.url}/smartservers/${server.installCode}/user/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...server.owner, next: pagePath() }),
  });
  expect(answer.status).toBe(303);
  expect(answer.headers.get('location')).toBe(pagePath());
  return answer.headers.get('set-cookie')!.split(';')[0];
}

/** The browser's fetch from the page: relative paths on the SmartServer, with its cookie. */
const browserFetch = (cookie?: string) => (path: string) => fetch(`${emulator.url}${path}`, { headers: cookie ? { cookie } : {} });

test('without a session the page sends the browser to the login page, which brings it back', async () => {
  const first = await fetch(`${emulator.url}${pagePath()}`, { redirect: 'manual' });
  expect(first.status).toBe(302);
  const login = first.headers.get('location')!;
  expect(login).toBe(`/smartservers/${server.installCode}/user/login.html?next=${encodeURIComponent(pagePath())}`);
  expect(await (await fetch(`${emulator.url}${login}`)).text()).toContain(`name="next" value="${pagePath()}"`);
  const cookie = await logInWithThePage();
  const page = await fetch(`${emulator.url}${pagePath()}`, { headers: { cookie } });
  expect(await page.text()).toBe(readFileSync(join(__dirname, 'custom-page', 'datapoints.html'), 'utf8'));
});

test("the page's script reads the tagged datapoints page by page with the session cookie alone", async () => {
  const cookie = await logInWithThePage();
  const root = rootOf(pagePath());
  expect(root).toBe(`/smartservers/${server.installCode}`);
  const { pages, resources } = await readTagged('temperatures', { root, pageSize: 2, fetchImpl: browserFetch(cookie) });
  expect(pages).toBe(3);
  expect(resources.map((r) => r.deviceName)).toEqual(['LON-1', 'LON-2', 'LON-3', 'LON-4', 'LON-5']);
  expect(rowsOf(resources)[0].slice(0, 3)).toEqual(['LON-1', 'tempSensor[0]', 'nvoTemp']);
});

test('after logout the script is told to send the browser to the login page', async () => {
  const cookie = await logInWithThePage();
  const out = await fetch(`${emulator.url}/smartservers/${server.installCode}/iap/auth/logout`, { method: 'POST', headers: { cookie } });
  expect(out.status).toBe(204);
  const refused = readTagged('temperatures', { root: rootOf(pagePath()), page: pagePath(), fetchImpl: browserFetch(cookie) });
  await expect(refused).rejects.toBeInstanceOf(LoginNeeded);
  await expect(refused).rejects.toMatchObject({ login: `/smartservers/${server.installCode}/user/login.html?next=${encodeURIComponent(pagePath())}` });
});
