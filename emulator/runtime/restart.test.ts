import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { newPartner, newSmartServer, problemOf, startTestServer, transfer, type TestServer } from '../testing/http-test-kit';

const dir = mkdtempSync(join(tmpdir(), 'sslab-restart-'));
const running: TestServer[] = [];

afterAll(async () => {
  for (const server of running) await server.stop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

async function start(dataFile: string): Promise<TestServer> {
  const server = await startTestServer({ dataFile });
  running.push(server);
  return server;
}

test('a server restarted on the same data file has every account, license, SmartServer and the clock, and honours earlier tokens', async () => {
  const dataFile = join(dir, 'restart.sqlite');
  const before = await start(dataFile);
  const api = before.api;
  await api.ok('PUT', '/_emulator/clock', { body: { now: '2026-03-01' } });
  const { token: partner, order } = await newPartner(api, {
    poNumber: 'PO-RS-1',
    email: 'restart@partner.example',
    lines: [{ model: '72220-50' }, { model: '92201R-P-50' }],
  });
  const capacity = await transfer(api, partner, order.licenses[0].licenseId, 'P-Restart', { contactEmail: 'restart@customer.example' });
  const maintenance = await transfer(api, partner, order.licenses[1].licenseId, 'P-Restart');
  const ss = await newSmartServer(api, { name: 'Plant 7', devices: { lon: 4, modbus: 1 } });
  const base = `/smartservers/${ss.installCode}`;
  await api.ok('PUT', `${base}/iap/lic/accounts`, { token: ss.token, body: { customerId: capacity.customer.customerId } });
  await api.ok('POST', `${base}/iap/lic/cloud/download`, {
    token: ss.token,
    body: { licenseIds: [capacity.license.licenseId, maintenance.license.licenseId] },
  });
  const devices = await api.ok('GET', `${base}/iap/devs`, { token: ss.token });
  await api.ok('POST', `${base}/iap/devs/${devices[0].id}/do`, { token: ss.token, body: { action: 'provision' } });
  await api.ok('POST', '/_emulator/clock/advance', { body: { days: 45 } });

  const views = async (server: TestServer) => ({
    clock: await server.api.ok('GET', '/_emulator/clock'),
    inventory: await server.api.ok('GET', '/partner/api/inventory', { token: partner }),
    customers: await server.api.ok('GET', '/partner/api/customer-inventory', { token: partner }),
    fleet: await server.api.ok('GET', '/_emulator/smartservers'),
    held: await server.api.ok('GET', `${base}/iap/lic`, { token: ss.token }),
    devices: await server.api.ok('GET', `${base}/iap/devs`, { token: ss.token }),
    dashboard: await server.api.ok('GET', `${base}/dashboard`, { token: ss.token }),
  });
  const seen = await views(before);
  expect(seen.clock.today).toBe('2026-04-15');
  expect(seen.held).toHaveLength(2);
  expect(seen.devices[0].colour).toBe('green');
  await before.stop();
  running.splice(running.indexOf(before), 1);

  const after = await start(dataFile);
  expect(await views(after)).toEqual(seen);
  // The restarted server goes on from there: refusals and new work behave as before the stop.
  problemOf(
    await after.api.post(`/partner/api/licenses/${order.licenses[0].licenseId}/transfers`, { customerName: 'P-Restart' }, partner),
    409,
    'license-retired',
  );
  problemOf(await after.api.post(`${base}/iap/lic/cloud/download`, { licenseIds: [capacity.license.licenseId] }, ss.token), 409, 'license-already-active');
  await after.api.ok('POST', '/partner/api/session', { body: order.credentials });
  const returned = await after.api.ok('POST', `${base}/iap/lic/cloud/upload`, { token: ss.token });
  expect(returned.returned).toHaveLength(2);
});

test('a token issued by one data file is refused by a server on another', async () => {
  const one = await start(join(dir, 'one.sqlite'));
  const other = await start(join(dir, 'other.sqlite'));
  const { token } = await newPartner(one.api, { poNumber: 'PO-RS-2', email: 'elsewhere@partner.example', lines: [{ model: '72220-10' }] });
  await one.api.ok('GET', '/partner/api/inventory', { token });
  problemOf(await other.api.get('/partner/api/inventory', token), 401, 'unauthenticated');
});
