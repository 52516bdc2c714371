import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readFleetFile, withSeed } from './description';
import { planFleet } from './generate';
import { HttpLicensingCloud } from '../../services/licensing-cloud';
import { firstPage, readPageRequest } from '../../kernel/paging';
import { newPartner, problemOf, startTestServer, transfer, type TestServer } from '../../testing/http-test-kit';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const campus = () => readFleetFile(join(__dirname, 'examples', 'campus.yaml'));

test('a fleet is made, listed, shown, its SmartServers used and removed through the admin API, every answer as documented', async () => {
  const { api } = server;
  await api.ok('POST', '/_emulator/reset');
  const summary = await api.ok('POST', '/_emulator/fleets', { body: campus() });
  const plan = planFleet(withSeed(campus()));
  expect(summary).toMatchObject({ name: 'campus', seed: 2026, smartServers: 21, shards: 1, devices: plan.totals.devices });
  // The password is shown in the answer that made the fleet, and never again.
  const { password: _shownOnce, ...listed } = summary;
  expect(await api.ok('GET', '/_emulator/fleets')).toEqual([listed]);
  expect(await api.ok('GET', '/_emulator/fleets/campus')).toEqual(listed);
  const members = await api.ok('GET', '/_emulator/fleets/campus/smartservers');
  expect(members.map((m: { installCode: string }) => m.installCode)).toEqual(plan.installCodes);
  expect(members[0]).toEqual({ installCode: plan.installCodes[0], group: 'library', position: 0, shard: null, path: `/smartservers/${plan.installCodes[0]}` });
  expect(await api.ok('GET', `/_emulator/smartservers/${plan.installCodes[5]}`)).toMatchObject({
    installCode: plan.installCodes[5],
    name: 'Lab 2',
    fleet: 'campus',
  });

  const owner = (await api.ok('POST', `/smartservers/${plan.installCodes[0]}/login`, { body: { username: 'owner', password: summary.password } })).token;
  expect(await api.ok('GET', `/smartservers/${plan.installCodes[0]}/iap/devs/count`, { token: owner })).toEqual({
    value: plan.smartServers[0].devices.lon + plan.smartServers[0].devices.bacnet + plan.smartServers[0].devices.modbus,
  });

  problemOf(await api.post('/_emulator/fleets', campus()), 409, 'fleet-exists');
  expect(await api.ok('DELETE', '/_emulator/fleets/campus')).toEqual({ name: 'campus', removedSmartServers: 21 });
  problemOf(await api.get('/_emulator/fleets/campus'), 404, 'fleet-not-found');
  problemOf(await api.get(`/_emulator/smartservers/${plan.installCodes[0]}`), 404, 'smartserver-not-found');
});

test('a bad fleet description is a 400 problem naming the field and the rule', async () => {
  const answer = problemOf(
    await server.api.post('/_emulator/fleets', { name: 'lab', smartServers: [{ count: 2, devices: { lon: { uniform: [10] } } }] }),
    400,
    'invalid-input',
  );
  expect(answer.field).toBe('smartServers[0].devices.lon');
  expect(answer.detail).toMatch(/must be a whole number of devices from 0 to 100000, \{uniform: \[min, max\]\}/);
  expect(problemOf(await server.api.post('/_emulator/fleets', { name: 'lab', smartServers: [{ version: '2.9x' }] }), 400).field).toBe(
    'smartServers[0].version',
  );
});

test('a Customer ID is looked up by customer name, for shards that keep no accounts', async () => {
  const { api } = server;
  await api.ok('POST', '/_emulator/reset');
  expect(await api.ok('GET', '/_emulator/customer-ids?name=P-Nobody')).toEqual({ name: 'P-Nobody', customerId: null });
  const { token, order } = await newPartner(api, {
    poNumber: 'PO-FLEET-1',
    email: 'fleet@partner.example',
    partnerName: 'Fleet Partner',
    lines: [{ model: '72220-10', quantity: 1 }],
  });
  const moved = await transfer(api, token, order.licenses[0].licenseId, 'P-Fleet', { contactEmail: 'facility@p-fleet.example' });
  expect(await api.ok('GET', '/_emulator/customer-ids?name=P-Fleet&partner=fleet@partner.example')).toEqual({
    name: 'P-Fleet',
    customerId: moved.customer.customerId,
  });
  problemOf(await api.get('/_emulator/customer-ids'), 400, 'invalid-input');
});

test('the cloud routes answer a SmartServer elsewhere as the in-process cloud would, refusals included', async () => {
  const { api } = server;
  await api.ok('POST', '/_emulator/reset');
  const { token, order } = await newPartner(api, {
    poNumber: 'PO-CLOUD-1',
    email: 'cloud@partner.example',
    partnerName: 'Cloud Partner',
    lines: [
      { model: '72220-50', quantity: 1 },
      { model: '92201R-P-200', quantity: 1 },
    ],
  });
  const capacity = await transfer(api, token, order.licenses[0].licenseId, 'P-Cloud', { contactEmail: 'facility@p-cloud.example' });
  const maintenance = await transfer(api, token, order.licenses[1].licenseId, 'P-Cloud');
  const customerId = capacity.customer.customerId;
  const cloud = new HttpLicensingCloud(server.url, server.running.emulator.ctx.tokens.cloudClientKey());
  expect((await cloud.available(customerId, firstPage())).items.map((l) => l.licenseId)).toEqual([capacity.license.licenseId, maintenance.license.licenseId]);
  // Over HTTP the cloud answers a page at a time too, with the total and where the next page starts.
  const first = await cloud.available(customerId, firstPage(1));
  expect(first).toMatchObject({ items: [{ licenseId: capacity.license.licenseId }], total: 2, nextCursor: expect.any(String) });
  const second = await cloud.available(customerId, readPageRequest({ limit: '1', cursor: first.nextCursor }));
  expect(second).toEqual({ items: [expect.objectContaining({ licenseId: maintenance.license.licenseId })], total: 2 });
  const server17 = { installCode: '17qfar1', edition: 'standard' as const, online: true, licenses: [], maintenanceRule: 'exact' as const };
  // 200-device maintenance does not match 50 devices of capacity: the whole batch is refused, nothing recorded.
  let recorded = 0;
  await expect(
    cloud.activate({ customerId, server: server17, licenseIds: [capacity.license.licenseId, maintenance.license.licenseId] }, () => (recorded += 1)),
  ).rejects.toMatchObject({ status: 422, code: 'maintenance-capacity-mismatch' });
  expect(recorded).toBe(0);
  const held = await cloud.activate({ customerId, server: server17, licenseIds: [capacity.license.licenseId] }, (licenses) => licenses);
  expect(held).toEqual([expect.objectContaining({ licenseId: capacity.license.licenseId, kind: 'capacity', capacity: 50, mode: 'online' })]);
  expect(server.running.emulator.ctx.licenses.get(capacity.license.licenseId)).toMatchObject({ state: 'active', context: { installCode: '17qfar1' } });
  await expect(cloud.giveBack({ installCode: '17qelse', licenseIds: [capacity.license.licenseId] }, () => undefined)).rejects.toMatchObject({
    status: 409,
    code: 'license-elsewhere',
  });
  expect(await cloud.giveBack({ installCode: '17qfar1', licenseIds: [capacity.license.licenseId] }, () => 'given back')).toBe('given back');
  await expect(
    cloud.activate({ customerId, server: { ...server17, edition: 'mini' as 'pi' }, licenseIds: [maintenance.license.licenseId] }, () => undefined),
  ).rejects.toMatchObject({ status: 400, code: 'invalid-input' });
  // Without the key the shards share, the cloud API answers no one, and nothing is activated.
  problemOf(
    await api.post('/cloud/api/activations', { customerId, server: server17, licenseIds: [maintenance.license.licenseId] }),
    401,
    'cloud-client-unknown',
  );
  await expect(new HttpLicensingCloud(server.url, 'not-the-shared-key').available(customerId, firstPage())).rejects.toMatchObject({
    status: 401,
    code: 'cloud-client-unknown',
  });
  expect(server.running.emulator.ctx.licenses.get(maintenance.license.licenseId)?.state).toBe('withCustomer');
});

test('a fleet file without a password gets a random one per emulator, not one worked out from its seed, stored hashed', async () => {
  const { api, running } = server;
  await api.ok('POST', '/_emulator/reset');
  const description = { name: 'no-password', seed: 7, smartServers: [{ count: 2 }] };
  const made = await api.ok('POST', '/_emulator/fleets', { body: description });
  expect(made.password).toMatch(/^([a-zA-Z2-9]{4}-){3}[a-zA-Z2-9]{4}$/);
  const elsewhere = await startTestServer({ passwordCost: 'fast' });
  try {
    const there = await elsewhere.api.ok('POST', '/_emulator/fleets', { body: description });
    expect(there.password).not.toBe(made.password);
  } finally {
    await elsewhere.stop();
  }
  const members = await api.ok('GET', '/_emulator/fleets/no-password/smartservers');
  await api.ok('POST', `/smartservers/${members[0].installCode}/login`, { body: { username: 'owner', password: made.password } });
  expect((await api.ok('GET', '/_emulator/fleets/no-password')).password).toBeUndefined();
  const rows = JSON.stringify(running.emulator.ctx.db.prepare('SELECT * FROM fleets').all());
  expect(rows).not.toContain(made.password);
});

test('a second fleet made from the same seed is a 409 naming the seed and the fleet it collides with, and leaves nothing behind', async () => {
  const { api } = server;
  await api.ok('POST', '/_emulator/reset');
  await api.ok('POST', '/_emulator/fleets', { body: { name: 'first', seed: 11, smartServers: [{ count: 3 }] } });
  const refused = problemOf(await api.post('/_emulator/fleets', { name: 'second', seed: 11, smartServers: [{ count: 3 }] }), 409, 'fleet-seed-in-use');
  expect(refused.field).toBe('seed');
  expect(refused.detail).toContain('fleet first');
  problemOf(await api.get('/_emulator/fleets/second'), 404, 'fleet-not-found');
  expect((await api.ok('GET', '/_emulator/smartservers')).length).toBe(3);
  await api.ok('POST', '/_emulator/fleets', { body: { name: 'second', seed: 12, smartServers: [{ count: 3 }] } });
});

test("a fleet's SmartServers are answered a page at a time when a limit or cursor is given, in fleet order, with the total and the next page", async () => {
  const { api, url } = server;
  await api.ok('POST', '/_emulator/reset');
  await api.ok('POST', '/_emulator/fleets', { body: campus() });
  const plan = planFleet(withSeed(campus()));
  const seen: string[] = [];
  let path: string | undefined = '/_emulator/fleets/campus/smartservers?limit=8';
  const totals: string[] = [];
  while (path) {
    const response: Response = await fetch(`${url}${path}`);
    const page = (await response.json()) as { installCode: string; position: number }[];
    expect(await api.ok('GET', path)).toEqual(page);
    seen.push(...page.map((m) => m.installCode));
    totals.push(response.headers.get('x-total-count')!);
    const cursor: string | null = response.headers.get('x-next-cursor');
    path = cursor ? `/_emulator/fleets/campus/smartservers?limit=8&cursor=${cursor}` : undefined;
  }
  expect(seen).toEqual(plan.installCodes);
  expect(totals).toEqual(['21', '21', '21']);
  expect(problemOf(await api.get('/_emulator/fleets/campus/smartservers?limit=0'), 400).field).toBe('limit');
  expect(problemOf(await api.get('/_emulator/fleets/campus/smartservers?cursor=bad!'), 400).field).toBe('cursor');
  await api.ok('DELETE', '/_emulator/fleets/campus');
});
