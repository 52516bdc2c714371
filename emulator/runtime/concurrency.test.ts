import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { newPartner, problemOf, startTestServer, transfer, type TestServer } from '../testing/http-test-kit';

const SMARTSERVERS = 100;
const dir = mkdtempSync(join(tmpdir(), 'sslab-race-'));
let server: TestServer;

beforeAll(async () => {
  // The fast password cost keeps 100 CMS users from spending seconds in scrypt; the race is the point here.
  server = await startTestServer({ dataFile: join(dir, 'race.sqlite'), passwordCost: 'fast' });
});

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test(`${SMARTSERVERS} SmartServers downloading the same license at once: exactly one gets it, the rest are refused with 409`, async () => {
  const { api, running } = server;
  const { token: partner, order } = await newPartner(api, { poNumber: 'PO-RACE-1', email: 'race@partner.example', lines: [{ model: '72220-50' }] });
  const moved = await transfer(api, partner, order.licenses[0].licenseId, 'P-Race', {});
  const licenseId: string = moved.license.licenseId;

  // The fleet is set up through the admin API and each Owner logs in to its own CMS.
  const fleet = await Promise.all(
    Array.from({ length: SMARTSERVERS }, async (_, i) => {
      const created = await api.ok('POST', '/_emulator/smartservers', {
        body: { name: `Race ${i}`, devices: { lon: 1 }, users: [{ username: 'owner', userType: 'Owner', password: 'race-owner-password' }] },
      });
      const { token } = await api.ok('POST', `/smartservers/${created.installCode}/login`, { body: { username: 'owner', password: 'race-owner-password' } });
      await api.ok('PUT', `/smartservers/${created.installCode}/iap/lic/accounts`, { token, body: { customerId: moved.customer.customerId } });
      return { installCode: created.installCode as string, token };
    }),
  );

  const answers = await Promise.all(
    fleet.map((ss) => api.post(`/smartservers/${ss.installCode}/iap/lic/cloud/download`, { licenseIds: [licenseId] }, ss.token)),
  );
  const winners = fleet.filter((_, i) => answers[i].status >= 200 && answers[i].status < 300);
  expect(winners).toHaveLength(1);
  for (const answer of answers.filter((a) => a.status >= 300)) problemOf(answer, 409, 'license-already-active');

  const holders = [];
  for (const ss of fleet) {
    const held = await api.ok('GET', `/smartservers/${ss.installCode}/iap/lic`, { token: ss.token });
    if (held.some((l: { licenseId: string }) => l.licenseId === licenseId)) holders.push(ss.installCode);
    const board = await api.ok('GET', `/smartservers/${ss.installCode}/dashboard`, { token: ss.token });
    expect(board.capacity, ss.installCode).toBe(ss.installCode === winners[0].installCode ? 50 : 0);
  }
  expect(holders).toEqual([winners[0].installCode]);
  const inventory = await api.ok('GET', '/partner/api/customer-inventory', { token: partner });
  expect(inventory).toEqual([expect.objectContaining({ licenseId, status: 'active', activated: 1, installCode: winners[0].installCode })]);
  // The stored rows agree: one active license, held by exactly the winner.
  const { db } = running.emulator.ctx;
  expect(db.prepare('SELECT license_id, install_code FROM held_licenses').all()).toEqual([{ license_id: licenseId, install_code: winners[0].installCode }]);
  expect(db.prepare("SELECT id, install_code FROM licenses WHERE state = 'active'").all()).toEqual([{ id: licenseId, install_code: winners[0].installCode }]);
}, 60_000);
