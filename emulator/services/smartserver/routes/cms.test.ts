import { afterAll, beforeAll, expect, test } from 'vitest';
import { cmsLogin, newSmartServer, placeOrder, problemOf, startTestServer, type TestServer } from '../../../testing/http-test-kit';

let server: TestServer;
let orders = 0;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

/** Licenses ordered straight into a new customer project: the Customer ID and the License IDs by model. */
async function customerWith(...models: string[]): Promise<{ customerId: string; ids: string[] }> {
  orders += 1;
  const order = await placeOrder(server.api, {
    poNumber: `PO-SS-${orders}`,
    email: `ss${orders}@partner.example`,
    customer: `Project ${orders}`,
    lines: models.map((model) => ({ model })),
  });
  return { customerId: order.customer.customerId, ids: order.licenses.map((l: { licenseId: string }) => l.licenseId) };
}

/** A SmartServer whose Owner has saved the Customer ID. */
async function ownedSmartServer(customerId: string, spec: Parameters<typeof newSmartServer>[1] = {}) {
  const ss = await newSmartServer(server.api, spec);
  await server.api.ok('PUT', `/smartservers/${ss.installCode}/iap/lic/accounts`, { token: ss.token, body: { customerId } });
  return { ...ss, path: (rest: string) => `/smartservers/${ss.installCode}${rest}` };
}

test('only the Owner may use Manage Licenses: the other user types get 403 owner-only, yet see the dashboard and devices', async () => {
  const { api } = server;
  const users = ['Owner', 'Admin', 'Supervisor', 'User'].map((userType) => ({ username: userType.toLowerCase(), userType }));
  const ss = await newSmartServer(api, { users, devices: { lon: 1 } });
  const base = `/smartservers/${ss.installCode}`;
  for (const userType of ['Admin', 'Supervisor', 'User']) {
    const { token } = await cmsLogin(api, ss.server, userType.toLowerCase());
    for (const [method, path] of [
      ['GET', '/iap/lic'],
      ['GET', '/iap/lic/status'],
      ['GET', '/iap/lic/accounts'],
      ['GET', '/iap/lic/cloud'],
      ['POST', '/iap/lic/cloud/upload'],
    ]) {
      const problem = problemOf(await api.call(method, `${base}${path}`, { token }), 403, 'owner-only');
      expect(problem.detail).toContain(userType);
    }
    problemOf(await api.put(`${base}/iap/lic/accounts`, { customerId: '2133c667-af41-4518-94df-a2bb3b775330' }, token), 403, 'owner-only');
    expect((await api.ok('GET', `${base}/dashboard`, { token })).manageLicensesOpensAtStartup).toBe(false);
    expect(await api.ok('GET', `${base}/iap/devs`, { token })).toHaveLength(1);
  }
  expect((await api.ok('GET', `${base}/dashboard`, { token: ss.token })).manageLicensesOpensAtStartup).toBe(true);
});

test('a CMS session is good for its own SmartServer only, and logins refuse wrong passwords and unknown SmartServers', async () => {
  const { api } = server;
  const one = await newSmartServer(api);
  const other = await newSmartServer(api);
  problemOf(await api.get(`/smartservers/${other.installCode}/iap/lic`, one.token), 403, 'not-this-smartserver');
  problemOf(await api.get(`/smartservers/${other.installCode}/dashboard`), 401, 'unauthenticated');
  problemOf(await api.post(`/smartservers/${one.installCode}/login`, { username: 'owner', password: 'wrong' }), 401, 'invalid-credentials');
  problemOf(await api.post('/smartservers/zzzzzzz/login', { username: 'owner', password: 'x' }), 404, 'smartserver-not-found');
});

test('a SmartServer without Internet cannot list, download or return: 409 smartserver-offline, and nothing changes', async () => {
  const { api } = server;
  const { customerId, ids } = await customerWith('72220-10');
  const ss = await ownedSmartServer(customerId);
  await api.ok('PUT', `/_emulator/smartservers/${ss.installCode}/connection`, { body: { online: false } });
  problemOf(await api.get(ss.path('/iap/lic/cloud'), ss.token), 409, 'smartserver-offline');
  const refused = problemOf(await api.post(ss.path('/iap/lic/cloud/download'), { licenseIds: ids }, ss.token), 409, 'smartserver-offline');
  expect(refused.detail).toMatch(/offline activation file/);
  problemOf(await api.post(ss.path('/iap/lic/cloud/upload'), undefined, ss.token), 409);
  expect(await api.ok('GET', ss.path('/iap/lic'), { token: ss.token })).toEqual([]);
  await api.ok('PUT', `/_emulator/smartservers/${ss.installCode}/connection`, { body: { online: true } });
  expect((await api.ok('GET', ss.path('/iap/lic/cloud'), { token: ss.token })).map((l: { licenseId: string }) => l.licenseId)).toEqual(ids);
});

test('a maintenance license must match the capacity: a mismatch is 422 and the whole batch stays in the cloud', async () => {
  const { api } = server;
  const {
    customerId,
    ids: [capacity200, maintenance50, maintenance200],
  } = await customerWith('72220-200', '92201R-P-50', '92201R-P-200');
  const ss = await ownedSmartServer(customerId);
  const problem = problemOf(
    await api.post(ss.path('/iap/lic/cloud/download'), { licenseIds: [capacity200, maintenance50] }, ss.token),
    422,
    'maintenance-capacity-mismatch',
  );
  expect(problem.detail).toContain('200');
  expect(await api.ok('GET', ss.path('/iap/lic'), { token: ss.token })).toEqual([]);
  expect(await api.ok('GET', ss.path('/iap/lic/cloud'), { token: ss.token })).toHaveLength(3);

  const activation = await api.call('POST', ss.path('/iap/lic/cloud/download'), { token: ss.token, body: { licenseIds: [capacity200, maintenance200] } });
  // The answer holds what this call activated and a summary; its Link header leads to the whole table.
  const held = await api.ok('GET', activation.headers.get('link')!.match(/^<([^>]+)>; rel="collection"$/)![1], { token: ss.token });
  expect(held.map((l: { description: string }) => l.description).sort()).toEqual(['200-device capacity', '3-year maintenance']);
  const { segmentController: _name, note: _note, ...row } = held.find((l: { licenseId: string }) => l.licenseId === maintenance200);
  expect(activation.body.activated).toEqual([expect.objectContaining({ licenseId: capacity200, kind: 'capacity', capacity: 200 }), { ...row, capacity: 200 }]);
  expect(activation.body.licensing).toEqual({ licenses: 2, capacity: 200, maintenanceEnds: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  expect((await api.ok('GET', ss.path('/dashboard'), { token: ss.token })).maintenance.status).toBe('Active');
  problemOf(await api.post(ss.path('/iap/lic/cloud/download'), { licenseIds: [maintenance50] }, ss.token), 422, 'maintenance-capacity-mismatch');
});

test('capacity licenses add up, the SmartServer takes one place, and the badge shows while capacity falls short', async () => {
  const { api } = server;
  const {
    customerId,
    ids: [trial, ten, fifty],
  } = await customerWith('72220-00', '72220-10', '72220-50');
  const ss = await ownedSmartServer(customerId, { devices: { lon: 8, bacnet: 4, modbus: 2 } });
  const board = () => api.ok('GET', ss.path('/dashboard'), { token: ss.token });
  expect(await board()).toMatchObject({
    capacity: 0,
    usedCapacity: 1,
    definedDevices: 14,
    licensedDevices: 0,
    badge: true,
    manageLicensesOpensAtStartup: true,
  });

  await api.ok('POST', ss.path('/iap/lic/cloud/download'), { token: ss.token, body: { licenseIds: [trial] } });
  expect(await board()).toMatchObject({ capacity: 5, usedCapacity: 5, licensedDevices: 4, badge: true });
  await api.ok('POST', ss.path('/iap/lic/cloud/download'), { token: ss.token, body: { licenseIds: [ten] } });
  const fifteen = await board();
  expect(fifteen).toMatchObject({ capacity: 15, usedCapacity: 15, licensedDevices: 14, badge: false, manageLicensesOpensAtStartup: false });
  expect(fifteen.devicesByColour).toMatchObject({ purple: 0, blue: 14 });
  await api.ok('POST', ss.path('/iap/lic/cloud/download'), { token: ss.token, body: { licenseIds: [fifty] } });
  expect(await board()).toMatchObject({ capacity: 65, usedCapacity: 15, badge: false });
  problemOf(await api.post(ss.path('/iap/lic/cloud/download'), { licenseIds: [fifty] }, ss.token), 409, 'license-already-active');
});

test('an unlicensed device cannot be provisioned; once licensed it can, and it turns green', async () => {
  const { api } = server;
  const {
    customerId,
    ids: [trial],
  } = await customerWith('72220-00');
  const ss = await ownedSmartServer(customerId, { devices: { bacnet: 6 } });
  const devices = await api.ok('GET', ss.path('/iap/devs'), { token: ss.token });
  problemOf(await api.post(ss.path(`/iap/devs/${devices[0].id}/do`), { action: 'provision' }, ss.token), 409, 'device-unlicensed');
  expect((await api.ok('POST', ss.path(`/iap/devs/${devices[0].id}/do`), { token: ss.token, body: { action: 'schedule' } })).colour).toBe('purple');
  await api.ok('POST', ss.path('/iap/lic/cloud/download'), { token: ss.token, body: { licenseIds: [trial] } });
  expect((await api.ok('POST', ss.path(`/iap/devs/${devices[0].id}/do`), { token: ss.token, body: { action: 'provision' } })).colour).toBe('green');
  problemOf(await api.post(ss.path(`/iap/devs/${devices[5].id}/do`), { action: 'provision' }, ss.token), 409, 'device-unlicensed');
  expect(problemOf(await api.post(ss.path(`/iap/devs/${devices[0].id}/do`), { action: 'dance' }, ss.token), 400).field).toBe('action');
});

test('Transfer to Cloud returns every license, leaves the devices purple, and the licenses download again elsewhere', async () => {
  const { api } = server;
  const { customerId, ids } = await customerWith('72220-50', '92201R-P-50');
  const first = await ownedSmartServer(customerId, { devices: { lon: 3 } });
  await api.ok('POST', first.path('/iap/lic/cloud/download'), { token: first.token, body: { licenseIds: ids } });
  expect(await api.ok('GET', first.path('/iap/lic/cloud'), { token: first.token })).toEqual([]);

  const answer = await api.call('POST', first.path('/iap/lic/cloud/upload'), { token: first.token });
  expect([...answer.body.returned].sort()).toEqual([...ids].sort());
  expect(answer.body.licensing).toEqual({ licenses: 0, capacity: 0, maintenanceEnds: null });
  expect(answer.headers.get('link')).toBe(`<${first.path('/iap/lic')}>; rel="collection"`);
  expect(await api.ok('GET', first.path('/iap/lic'), { token: first.token })).toEqual([]);
  expect(await api.ok('GET', first.path('/dashboard'), { token: first.token })).toMatchObject({ capacity: 0, badge: true, devicesByColour: { purple: 3 } });
  problemOf(await api.post(first.path('/iap/lic/cloud/upload'), undefined, first.token), 409, 'no-licenses');

  const second = await ownedSmartServer(customerId);
  expect((await api.ok('GET', second.path('/iap/lic/cloud'), { token: second.token })).map((l: { licenseId: string }) => l.licenseId).sort()).toEqual(
    [...ids].sort(),
  );
  await api.ok('POST', second.path('/iap/lic/cloud/download'), { token: second.token, body: { licenseIds: ids } });
  expect((await api.ok('GET', second.path('/dashboard'), { token: second.token })).capacity).toBe(50);
});

test('downloading needs a saved Customer ID, and a license of another customer is not offered', async () => {
  const { api } = server;
  const mine = await customerWith('72220-10');
  const theirs = await customerWith('72220-10');
  const bare = await newSmartServer(api);
  problemOf(await api.get(`/smartservers/${bare.installCode}/iap/lic/cloud`, bare.token), 409, 'no-customer-id');
  expect(problemOf(await api.put(`/smartservers/${bare.installCode}/iap/lic/accounts`, { customerId: 'P-1' }, bare.token), 400).field).toBe('customerId');
  const ss = await ownedSmartServer(mine.customerId);
  problemOf(await api.post(ss.path('/iap/lic/cloud/download'), { licenseIds: theirs.ids }, ss.token), 404);
  expect(problemOf(await api.post(ss.path('/iap/lic/cloud/download'), { licenseIds: [mine.ids[0], mine.ids[0]] }, ss.token), 400).field).toBe('licenseIds');
  problemOf(await api.post(ss.path('/iap/lic/accounts/draft/save'), undefined, ss.token), 409, 'no-pending-change');
});

test("the cloud's list answers a page at a time, with the total and a cursor to the next page; a bad limit or cursor is named", async () => {
  const { api } = server;
  const order = await placeOrder(api, {
    poNumber: 'PO-SS-PAGES',
    email: 'pages@partner.example',
    customer: 'Paged Project',
    lines: [{ model: '72220-10', quantity: 205 }],
  });
  const customerId: string = order.customer.customerId;
  const ids: string[] = order.licenses.map((l: { licenseId: string }) => l.licenseId);
  const ss = await ownedSmartServer(customerId);
  const get = (query: string) => fetch(`${server.url}${ss.path('/iap/lic/cloud')}${query}`, { headers: { authorization: `Bearer ${ss.token}` } });

  // No limit: the first 200 of 205, and where the rest starts.
  const first = await get('');
  const firstItems = (await first.json()) as { licenseId: string }[];
  expect(firstItems).toHaveLength(200);
  expect(first.headers.get('x-total-count')).toBe('205');
  const cursor = first.headers.get('x-next-cursor')!;
  expect(first.headers.get('link')).toBe(`<${ss.path('/iap/lic/cloud')}?cursor=${cursor}>; rel="next"`);
  const rest = await get(`?cursor=${cursor}`);
  expect(rest.headers.get('x-next-cursor')).toBeNull();
  expect([...firstItems, ...((await rest.json()) as { licenseId: string }[])].map((l) => l.licenseId)).toEqual(ids);

  // A page of two; an activated license leaves the list and the total.
  await api.ok('POST', ss.path('/iap/lic/cloud/download'), { token: ss.token, body: { licenseIds: [ids[0]] } });
  const small = await get('?limit=2');
  expect(((await small.json()) as { licenseId: string }[]).map((l) => l.licenseId)).toEqual([ids[1], ids[2]]);
  expect(small.headers.get('x-total-count')).toBe('204');

  for (const [query, field] of [
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['cursor=not-a-cursor', 'cursor'],
  ]) {
    expect(problemOf(await api.get(`${ss.path('/iap/lic/cloud')}?${query}`, ss.token), 400, 'invalid-input').field, query).toBe(field);
  }
});
