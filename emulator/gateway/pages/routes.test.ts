import { afterAll, beforeAll, expect, test } from 'vitest';
import { cmsLogin, newSmartServer, problemOf, startTestServer, type TestServer } from '../../testing/http-test-kit';
import { assetFiles } from './routes';

let server: TestServer;
let noAdmin: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  noAdmin = await startTestServer({ admin: false });
});

afterAll(async () => {
  await server?.stop();
  await noAdmin?.stop();
});

const raw = (base: string, path: string) => fetch(`${base}${path}`, { redirect: 'manual' });

test('each page is served as HTML that runs only its own scripts, and each script it names is served', async () => {
  const { api } = server;
  const { installCode } = await newSmartServer(api, { name: 'Pages' });
  for (const path of ['/', '/partner/', '/customer/', '/fleet/', `/smartservers/${installCode}/cms/`]) {
    const page = await api.get(path);
    expect(page.status, path).toBe(200);
    expect(page.contentType, path).toMatch(/^text\/html/);
    const response = await raw(server.url, path);
    expect(response.headers.get('content-security-policy'), path).toContain("script-src 'self'");
    for (const [, asset] of page.text.matchAll(/(?:src|href)="(\/ui\/[^"]+)"/g)) {
      const answer = await api.get(asset);
      expect(answer.status, `${path} names ${asset}`).toBe(200);
      expect(answer.contentType, asset).toMatch(/^text\/(javascript|css)/);
    }
  }
});

test('every script module imports only modules that are served, each at its current version, which the browser may keep', async () => {
  // words.js is made from the emulator's vocabulary when the app is built; every other script is a file.
  const scripts = [...[...assetFiles().keys()].filter((name) => name.endsWith('.js')), 'words.js'];
  expect(scripts).toEqual(expect.arrayContaining(['api.js', 'dom.js', 'say.js', 'partner.js', 'customer.js', 'cms.js', 'fleet.js']));
  let imports = 0;
  for (const name of scripts) {
    const source = await (await server.api.get(`/ui/${name}`)).text;
    for (const [, imported] of source.matchAll(/from '\.\/([^']+)'/g)) {
      imports++;
      expect(imported, `${name} imports ${imported}`).toMatch(/^[\w.-]+\.js\?v=[\w-]+$/);
      const answer = await raw(server.url, `/ui/${imported}`);
      expect(answer.status, `${name} imports ${imported}`).toBe(200);
      expect(answer.headers.get('cache-control'), imported).toBe('public, max-age=31536000, immutable');
    }
  }
  expect(imports).toBeGreaterThan(5);
});

test('a page links each asset at its current version; an asset asked for at another version, or none, is asked for again on every use', async () => {
  const page = await (await raw(server.url, '/partner/')).text();
  const links = [...page.matchAll(/(?:src|href)="(\/ui\/[^"]+)"/g)].map(([, link]) => link);
  expect(links).toEqual(
    expect.arrayContaining([expect.stringMatching(/^\/ui\/style\.css\?v=[\w-]+$/), expect.stringMatching(/^\/ui\/partner\.js\?v=[\w-]+$/)]),
  );
  const current = await raw(server.url, links.find((link) => link.startsWith('/ui/style.css'))!);
  expect(current.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  const body = await current.text();
  for (const path of ['/ui/style.css?v=an-older-one', '/ui/style.css']) {
    const answer = await raw(server.url, path);
    expect(answer.headers.get('cache-control'), path).toBe('no-cache');
    expect(await answer.text(), path).toBe(body);
  }
  problemOf(await server.api.get('/ui/style.css?version=1'), 400);
});

test('a page or script the browser already holds is answered 304 by its tag, and asked for again on every use', async () => {
  const { installCode } = await newSmartServer(server.api, { name: 'Tags' });
  for (const path of ['/partner/', `/smartservers/${installCode}/cms/`, '/ui/cms.js', '/ui/words.js', '/ui/style.css']) {
    const first = await raw(server.url, path);
    const tag = first.headers.get('etag');
    expect(tag, path).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control'), path).toBe('no-cache');
    const body = await first.text();
    const again = await fetch(`${server.url}${path}`, { headers: { 'if-none-match': tag! } });
    expect(again.status, path).toBe(304);
    expect(await again.text(), path).toBe('');
    expect(again.headers.get('content-security-policy'), path).toContain("script-src 'self'");
    const stale = await fetch(`${server.url}${path}`, { headers: { 'if-none-match': '"an-older-copy"' } });
    expect(stale.status, path).toBe(200);
    expect(await stale.text(), path).toBe(body);
  }
});

test('a page typed without its trailing slash is the same page', async () => {
  const { installCode } = await newSmartServer(server.api, { name: 'Slash' });
  for (const [path, withSlash] of [
    ['/partner', '/partner/'],
    ['/customer', '/customer/'],
    [`/smartservers/${installCode}/cms`, `/smartservers/${installCode}/cms/`],
  ]) {
    const response = await raw(server.url, path);
    expect(response.status, path).toBe(200);
    expect(response.headers.get('content-type'), path).toMatch(/^text\/html/);
    expect(await response.text(), path).toBe(await (await raw(server.url, withSlash)).text());
  }
});

test('only the files of the pages folder are served: anything else, a climb out of it included, is a 404 problem', async () => {
  const { api } = server;
  problemOf(await api.get('/ui/missing.js'), 404, 'page-asset-not-found');
  problemOf(await api.get('/ui/..%2Fapp.ts'), 404);
  problemOf(await api.get('/ui/..%2F..%2F..%2Fpackage.json'), 404);
  problemOf(await api.get('/smartservers/zzzzzzz/cms/'), 404, 'smartserver-not-found');
});

test('the fleet overview lists every SmartServer with the figures of its own dashboard', async () => {
  const { api } = server;
  const { installCode, token } = await newSmartServer(api, { name: 'Fleet A', devices: { lon: 2, bacnet: 1 } });
  const fleet = await api.ok('GET', '/fleet/api/overview?sort=name&limit=500');
  const entry = fleet.rows.find((s: { installCode: string }) => s.installCode === installCode);
  const { manageLicensesOpensAtStartup: _, services: __, ...dashboard } = await api.ok('GET', `/smartservers/${installCode}/dashboard`, { token });
  expect(entry).toEqual({
    ...dashboard,
    cmsPath: `/smartservers/${installCode}/cms/`,
    group: null,
    customerId: null,
    customerName: null,
    release: dashboard.version,
    attention: ['no capacity licensed'],
  });
  expect(entry.devicesByColour.purple).toBe(3);
  expect(entry.badge).toBe(true);
});

test('without the admin API there is no fleet overview, but the portals and the CMS pages are served', async () => {
  // Not in that emulator's API document either, so the contract-checked client cannot even ask.
  for (const path of ['/fleet/api/overview', '/fleet/']) expect((await raw(noAdmin.url, path)).status, path).toBe(404);
  expect(noAdmin.document.paths['/fleet/api/overview']).toBeUndefined();
  expect((await noAdmin.api.get('/partner/')).status).toBe(200);
  expect((await noAdmin.api.get('/customer/')).status).toBe(200);
});

test("the Devices widget's data gives each device the actions its state offers, disabled with the API's refusal when unlicensed", async () => {
  const { api } = server;
  const {
    installCode,
    token,
    server: created,
  } = await newSmartServer(api, {
    name: 'Menus',
    devices: { lon: 1 },
    users: [
      { username: 'owner', userType: 'Owner' },
      { username: 'tech', userType: 'User' },
    ],
  });
  problemOf(await api.get(`/smartservers/${installCode}/cms/api/devices`), 401);
  const other = await newSmartServer(api, { name: 'Other' });
  problemOf(await api.get(`/smartservers/${installCode}/cms/api/devices`, other.token), 403, 'not-this-smartserver');

  const [device] = await api.ok('GET', `/smartservers/${installCode}/cms/api/devices`, { token });
  const entry = (action: string) => device.actions.find((a: { action: string }) => a.action === action);
  expect(device.colour).toBe('purple');
  expect(entry('provision')).toMatchObject({ offered: true, allowed: false, refusal: { code: 'device-unlicensed' } });
  expect(entry('schedule')).toMatchObject({ offered: true, allowed: true });
  expect(entry('deprovision')).toMatchObject({ offered: false, allowed: false });
  const refused = problemOf(await api.post(`/smartservers/${installCode}/iap/devs/${device.id}/do`, { action: 'provision' }, token), 409);
  expect(refused.code).toBe(entry('provision').refusal.code);

  // Any CMS user of the SmartServer sees the widget, not only the Owner.
  const tech = await cmsLogin(api, created, 'tech');
  expect(await api.ok('GET', `/smartservers/${installCode}/cms/api/devices`, { token: tech.token })).toHaveLength(1);
  expect(await api.ok('GET', `/smartservers/${installCode}/cms/api/devices?sts=PROVISIONED`, { token })).toEqual([]);
  expect(problemOf(await api.get(`/smartservers/${installCode}/cms/api/devices?sts=done`, token), 400).field).toBe('sts');
});
