import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import WebSocket from 'ws';
import { readFleetFile } from '../control-plane/fleets/description';
import { freePortRange, urlOf } from './fleet/topology';
import { Problem } from '../kernel/problems';
import { firstPage } from '../kernel/paging';
import { HttpLicensingCloud } from '../services/licensing-cloud';
import { ApiClient, problemOf } from '../testing/http-test-kit';
import { listen } from '../testing/mqtt-test-kit';
import { serveEmulator, type RunningEmulator } from './serve';

/**
 * A sharded emulator in this process: the portal-and-cloud process in front of two shard
 * processes, each a real server on loopback. Clients use the cloud's URL alone.
 */
const ROOT = join(__dirname, '..', '..');
const SEED = JSON.parse(readFileSync(join(ROOT, 'features', 'fixtures', 'real-seed.json'), 'utf8')) as unknown;
const CUSTOMER_ID = '2133c667-af41-4518-94df-a2bb3b775330';
const CAPACITY_50 = '348c8800-440c-446e-bbce-dbda67f56e90';
const MAINTENANCE_50 = 'eb3a41a4-0a38-4698-940b-2014a99643b9';

let cloud: RunningEmulator;
let shards: RunningEmulator[];
let api: ApiClient;

beforeAll(async () => {
  const port = await freePortRange(3, 21_000);
  const shardUrls = [urlOf(port + 1), urlOf(port + 2)];
  const tokenSecret = randomBytes(32).toString('base64');
  cloud = await serveEmulator({ role: 'cloud', port, dataFile: ':memory:', seed: SEED, shardUrls, tokenSecret });
  shards = await Promise.all(
    [0, 1].map((index) =>
      serveEmulator({
        role: 'shard',
        port: port + 1 + index,
        dataFile: ':memory:',
        seed: SEED,
        cloudUrl: cloud.url,
        shard: { index, count: 2 },
        tokenSecret,
      }),
    ),
  );
  api = new ApiClient(cloud.url);
});

afterAll(async () => {
  await Promise.all([cloud, ...(shards ?? [])].filter(Boolean).map((s) => s.stop()));
});

async function login(installCode: string, username: string, password: string): Promise<string> {
  return (await api.ok('POST', `/smartservers/${installCode}/login`, { body: { username, password } })).token;
}

test('the seed splits across the processes: accounts in the cloud, its SmartServers over the shards, each reached through the one URL', async () => {
  expect(cloud.emulator.ctx.db.prepare('SELECT COUNT(*) AS n FROM smartservers').get()).toEqual({ n: 0 });
  expect((await api.ok('GET', '/_emulator/smartservers')).map((s: { installCode: string }) => s.installCode).sort()).toEqual(['17q5t6a', '17qanut']);
  expect(shards[0].emulator.ctx.db.prepare('SELECT install_code FROM smartservers').all()).toEqual([{ install_code: '17q5t6a' }]);
  expect(shards[1].emulator.ctx.db.prepare('SELECT install_code FROM smartservers').all()).toEqual([{ install_code: '17qanut' }]);
  const token = await login('17qanut', 'owner', 'Owner-Seed-2026!');
  expect(await api.ok('GET', '/smartservers/17qanut/iap/devs', { token })).toHaveLength(2);
  expect(await api.ok('GET', '/_emulator/topology')).toEqual({
    role: 'cloud',
    shards: [
      { index: 0, url: shards[0].url },
      { index: 1, url: shards[1].url },
    ],
  });
  problemOf(await api.get('/smartservers/17qzzzz/dashboard', token), 403);
  problemOf(await api.post('/smartservers/17qzzzz/login', { username: 'owner', password: 'x' }), 404, 'smartserver-not-found');
});

test("each shard runs an IAP/MQ broker of its own, which the front door names per SmartServer; a CMS user there follows its SmartServer's statuses", async () => {
  expect(await api.ok('GET', '/_emulator/iap-mq')).toEqual({ url: null, embedded: false, dropped: 0 });
  const brokers = shards.map((s) => s.iapMq!.url);
  expect(new Set(brokers).size).toBe(2);
  for (const [shard, installCode] of ['17q5t6a', '17qanut'].entries()) {
    const { url } = await api.ok('GET', `/_emulator/smartservers/${installCode}/iap-mq`);
    expect(url).toBe(brokers[shard]);
    const sub = await listen(url, { username: `owner@${installCode}`, password: 'Owner-Seed-2026!' }, ['glp/0/././sid', `glp/0/${installCode}/fb/dev/+/+/sts`]);
    try {
      expect((await sub.next((m) => m.topic === 'glp/0/././sid')).body).toBe(installCode);
      const status = await sub.next((m) => m.topic === `glp/0/${installCode}/fb/dev/lon/LON-1/sts`);
      expect(status.body).toMatchObject({ lic: { licensed: false } });
    } finally {
      await sub.client.endAsync();
    }
  }
  problemOf(await api.get('/_emulator/smartservers/17qnone/iap-mq'), 404, 'smartserver-not-found');
});

test("a SmartServer of a shard activates and returns licenses through the cloud over HTTP, and the cloud's refusals come back unchanged", async () => {
  await api.ok('POST', '/_emulator/reset');
  const token = await login('17q5t6a', 'owner', 'Owner-Seed-2026!');
  const base = '/smartservers/17q5t6a/iap/lic';
  await api.ok('PUT', `${base}/accounts`, { token, body: { customerId: CUSTOMER_ID } });
  expect((await api.ok('GET', `${base}/cloud`, { token })).map((l: { licenseId: string }) => l.licenseId).sort()).toEqual([CAPACITY_50, MAINTENANCE_50].sort());
  await api.ok('POST', `${base}/cloud/download`, { token, body: { licenseIds: [CAPACITY_50, MAINTENANCE_50] } });
  expect(cloud.emulator.ctx.licenses.get(CAPACITY_50)).toMatchObject({ state: 'active', context: { installCode: '17q5t6a' } });
  expect(await api.ok('GET', '/smartservers/17q5t6a/dashboard', { token })).toMatchObject({ capacity: 50, licensedDevices: 6 });
  problemOf(await api.post(`${base}/cloud/download`, { licenseIds: [CAPACITY_50] }, token), 409, 'license-already-active');
  // Customer Success, in the cloud process, sees the maintenance the SmartServer on its shard holds.
  expect(await api.ok('GET', '/backoffice/api/support/17q5t6a')).toMatchObject({ support: 'priority', maintenanceEnd: '2029-01-05' });
  expect((await api.ok('POST', `${base}/cloud/upload`, { token })).returned).toHaveLength(2);
  expect(cloud.emulator.ctx.licenses.get(CAPACITY_50)?.state).toBe('withCustomer');
  const coverage = (await api.ok('GET', '/_emulator/coverage')).transitions as { machine: string; from: string; to: string; count: number }[];
  // License transitions happened in the cloud, device transitions on the shard: the front door shows both.
  expect(coverage).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ machine: 'license', from: 'withCustomer', to: 'active' }),
      expect.objectContaining({ machine: 'device', from: 'unlicensed', to: 'unprovisioned', count: 6 }),
    ]),
  );
});

test('the clock, faults and reset reach every shard; a new SmartServer goes to a shard and is found there', async () => {
  await api.ok('PUT', '/_emulator/clock', { body: { now: '2026-06-01' } });
  for (const shard of shards) expect(shard.emulator.ctx.clock.today()).toBe('2026-06-01');
  await api.ok('POST', '/_emulator/clock/advance', { body: { days: 2 } });
  expect(shards[1].emulator.ctx.clock.today()).toBe('2026-06-03');

  const created = await api.ok('POST', '/_emulator/smartservers', {
    body: { name: 'New', devices: { lon: 2 }, users: [{ username: 'owner', userType: 'Owner', password: 'new-owner-password' }] },
  });
  const holder = shards.findIndex((s) => s.emulator.ctx.db.prepare('SELECT 1 FROM smartservers WHERE install_code = ?').get(created.installCode));
  expect(holder).toBeGreaterThanOrEqual(0);
  const token = await login(created.installCode, 'owner', 'new-owner-password');
  await api.ok('PUT', `/_emulator/smartservers/${created.installCode}/connection`, { body: { online: false } });
  expect((await api.ok('GET', `/_emulator/smartservers/${created.installCode}`)).online).toBe(false);
  problemOf(await api.post('/_emulator/smartservers', { installCode: created.installCode }), 409, 'smartserver-exists');

  await api.ok('PUT', '/_emulator/faults', { body: { cloud: { failWith: 503 } } });
  const seeded = await login('17q5t6a', 'owner', 'Owner-Seed-2026!');
  await api.ok('PUT', '/smartservers/17q5t6a/iap/lic/accounts', { token: seeded, body: { customerId: CUSTOMER_ID } });
  problemOf(await api.get('/smartservers/17q5t6a/iap/lic/cloud', seeded), 503, 'cloud-unavailable');
  await api.ok('PUT', '/_emulator/faults', { body: { cloud: null } });

  await api.ok('POST', '/_emulator/reset');
  for (const shard of shards) expect(shard.emulator.ctx.clock.today()).toBe('2026-01-05');
  // The reset reached the shard: its sessions ended, and the SmartServer is gone.
  problemOf(await api.get(`/smartservers/${created.installCode}/dashboard`, token), 401, 'unauthenticated');
  problemOf(await api.get(`/_emulator/smartservers/${created.installCode}`), 404, 'smartserver-not-found');
  expect(await api.ok('GET', '/_emulator/smartservers')).toHaveLength(2);
});

test('a fleet created through the cloud is planned there and shared out: every SmartServer answers through the one URL', async () => {
  await api.ok('POST', '/_emulator/reset');
  const fleet = readFleetFile(join(ROOT, 'emulator', 'control-plane', 'fleets', 'examples', 'campus.yaml'));
  const summary = await api.ok('POST', '/_emulator/fleets', { body: fleet });
  expect(summary).toMatchObject({
    name: 'campus',
    smartServers: 21,
    shards: 2,
    groups: expect.arrayContaining([expect.objectContaining({ group: 'library', customerId: CUSTOMER_ID })]),
  });
  const members = await api.ok('GET', '/_emulator/fleets/campus/smartservers');
  expect(members).toHaveLength(21);
  for (const m of members as { installCode: string; position: number; shard: number; shardUrl: string }[]) {
    expect(m.shard).toBe(m.position % 2);
    expect(m.shardUrl).toBe(shards[m.shard].url);
  }
  expect(shards.map((s) => (s.emulator.ctx.db.prepare('SELECT COUNT(*) AS n FROM smartservers').get() as { n: number }).n)).toEqual([12, 11]);
  const library = (members as { installCode: string }[])[1];
  const token = await login(library.installCode, 'owner', 'Campus-Fleet-2026!');
  expect((await api.ok('GET', `/smartservers/${library.installCode}/iap/lic/accounts`, { token }))[0].customerId).toBe(CUSTOMER_ID);
  problemOf(await api.post('/_emulator/fleets', fleet), 409, 'fleet-exists');
  expect(await api.ok('DELETE', '/_emulator/fleets/campus')).toEqual({ name: 'campus', removedSmartServers: 21 });
  expect(await api.ok('GET', '/_emulator/smartservers')).toHaveLength(2);
  problemOf(await api.post(`/_emulator/fleets/campus/share`, {}), 409, 'fleet-share-on-cloud');
  problemOf(await new ApiClient(shards[0].url).post('/_emulator/fleets', fleet), 409, 'fleet-through-cloud');
});

test('the update WebSocket of a SmartServer on a shard opens through the front door and delivers UPD:LIC:CLOUD', async () => {
  await api.ok('POST', '/_emulator/reset');
  const token = await login('17qanut', 'owner', 'Owner-Seed-2026!');
  await api.ok('PUT', '/_emulator/smartservers/17qanut/connection', { body: { online: true } });
  await api.ok('PUT', '/smartservers/17qanut/iap/lic/accounts', { token, body: { customerId: CUSTOMER_ID } });
  const socket = new WebSocket(`${cloud.url.replace(/^http/, 'ws')}/smartservers/17qanut/iap/ws`, { headers: { authorization: `Bearer ${token}` } });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const update = new Promise<Record<string, unknown>>((resolve) =>
    socket.once('message', (data) => resolve(JSON.parse(data.toString()) as Record<string, unknown>)),
  );
  await api.ok('GET', '/smartservers/17qanut/iap/lic/cloud', { token });
  expect(await update).toMatchObject({ type: 'UPD:LIC:CLOUD', installCode: '17qanut', licenses: expect.any(Array) });
  socket.close();
});

test('an offline activation file from the customer portal activates its license on a SmartServer of a shard, once', async () => {
  await api.ok('POST', '/_emulator/reset');
  const customer = (await api.ok('POST', '/customer/api/session', { body: { eid: CAPACITY_50 } })).token;
  const file = (await api.ok('POST', `/customer/api/licenses/${CAPACITY_50}/offline-activation-files`, { token: customer, body: { installCode: '17qanut' } }))
    .text;
  const token = await login('17qanut', 'owner', 'Owner-Seed-2026!');
  const added = await api.ok('POST', '/smartservers/17qanut/iap/lic/files', { token, body: { file } });
  expect(added).toMatchObject({ activated: { licenseId: CAPACITY_50, mode: 'offline' }, licensing: { licenses: 1, capacity: 50 } });
  expect(cloud.emulator.ctx.licenses.get(CAPACITY_50)).toMatchObject({ state: 'active', context: { installCode: '17qanut', activationMode: 'offline' } });
  expect(await api.ok('GET', '/smartservers/17qanut/dashboard', { token })).toMatchObject({ capacity: 50, licensedDevices: 2 });
  problemOf(await api.post('/smartservers/17qanut/iap/lic/files', { file }, token), 409, 'offline-file-replayed');
  problemOf(
    await api.post('/smartservers/17qanut/iap/lic/files', { file: file.replace('"capacity": 50', '"capacity": 500') }, token),
    422,
    'offline-file-tampered',
  );
  const seeded = await login('17q5t6a', 'owner', 'Owner-Seed-2026!');
  problemOf(await api.post('/smartservers/17q5t6a/iap/lic/files', { file }, seeded), 422, 'offline-file-foreign');
});

test('a shard whose cloud cannot be reached answers 503 cloud-unavailable and changes nothing', async () => {
  const port = await freePortRange(1, 23_000);
  const unreachable = new HttpLicensingCloud(urlOf(port), 'any key', 2000);
  await expect(unreachable.available(CUSTOMER_ID, firstPage())).rejects.toMatchObject({ status: 503, code: 'cloud-unavailable' });
  let recorded = false;
  await expect(unreachable.giveBack({ installCode: '17q5t6a', licenseIds: [] }, () => (recorded = true))).rejects.toBeInstanceOf(Problem);
  expect(recorded).toBe(false);
});

test("the front door's change mark moves with a write on a shard, and stays put while only reads happen", async () => {
  const mark = async () => (await api.ok('GET', '/_emulator/changes')).mark as string;
  const token = await login('17q5t6a', 'owner', 'Owner-Seed-2026!');
  const before = await mark();
  await api.get('/smartservers/17q5t6a/dashboard', token);
  expect(await mark()).toBe(before);
  await api.ok('PUT', '/smartservers/17q5t6a/iap/lic/accounts', { token, body: { customerId: CUSTOMER_ID } });
  expect(await mark()).not.toBe(before);
});
