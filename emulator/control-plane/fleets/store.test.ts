import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { readFleetFile, withSeed, type FleetDescription } from './description';
import { planFleet } from './generate';
import { createFleetHere, loadShareHere } from './service';
import { placeOrder } from '../../services/backoffice';
import { listDevices, cmsLogin, getSmartServer, listSmartServers, dashboard } from '../../services/smartserver';
import { createEmulator } from '../../runtime/emulator';
import type { Emulator } from '../../kernel/emulator';
import { fleetMembers, fleetMembership, getFleet, listFleets, removeFleet } from './store';
import { Problem } from '../../kernel/problems';

let emulator: Emulator | undefined;
afterEach(() => emulator?.close());

const campus = () => withSeed(readFleetFile(join(__dirname, 'examples', 'campus.yaml')));

function withCustomer(e: Emulator, name: string): string {
  return placeOrder(e.ctx, {
    poNumber: `PO-${name}`,
    partner: { name: 'Fleet Partner', email: 'fleet@partner.example' },
    customer: name,
    lines: [{ model: '72220-10', quantity: 1 }],
  }).customer!.customerId;
}

test('a fleet makes every planned SmartServer with its devices, users, customer and fleet, and reports its counts', () => {
  emulator = createEmulator({ dataFile: ':memory:' });
  const { ctx } = emulator;
  const customerId = withCustomer(emulator, 'P-Building 1');
  const progress: number[] = [];
  const summary = createFleetHere(ctx, campus(), (done) => progress.push(done));
  const plan = planFleet(campus());
  expect(summary).toMatchObject({ name: 'campus', seed: 2026, password: 'Campus-Fleet-2026!', shards: 1, smartServers: 21, devices: plan.totals.devices });
  expect(summary.groups[0]).toEqual({ group: 'library', count: 4, customer: 'P-Building 1', customerId });
  expect(progress).toHaveLength(10);
  expect(progress.at(-1)).toBe(21);
  for (const planned of plan.smartServers) {
    const server = getSmartServer(ctx, planned.installCode);
    expect(server).toMatchObject({
      name: planned.name,
      version: planned.version,
      edition: planned.edition,
      online: planned.online,
      segmentControllerId: planned.segmentControllerId,
    });
    expect(server.customerId).toBe(planned.group === 0 ? customerId : undefined);
    const devices = listDevices(ctx, planned.installCode);
    expect(devices.filter((d) => d.protocol === 'lon')).toHaveLength(planned.devices.lon);
    expect(devices.filter((d) => d.protocol === 'modbus')).toHaveLength(planned.devices.modbus);
    expect(fleetMembership(ctx, planned.installCode)).toEqual({ fleet: 'campus', shard: null });
  }
  // No license is held: from 3.3 on every device is unlicensed; 3.2 has no licensing and licenses them all.
  const plant = plan.smartServers.find((s) => s.installCode === '17qcamp')!;
  expect(dashboard(ctx, plant.installCode).licensedDevices).toBe(50);
  expect(dashboard(ctx, plan.smartServers[0].installCode)).toMatchObject({ licensedDevices: 0, badge: true });
  // The password is in the answer that made the fleet, and nowhere after: not in a listing, not in the stored rows.
  const { password, ...listed } = summary;
  expect(password).toBe('Campus-Fleet-2026!');
  expect(listFleets(ctx)).toEqual([listed]);
  const stored = JSON.stringify(ctx.db.prepare('SELECT * FROM fleets').all());
  expect(stored).not.toContain('Campus-Fleet-2026!');
  expect(fleetMembers(ctx, 'campus').map((m) => m.installCode)).toEqual(plan.installCodes);
});

test('every CMS user of a fleet logs in with the fleet password, hashed once for the whole fleet', async () => {
  emulator = createEmulator({ dataFile: ':memory:' });
  const { ctx } = emulator;
  createFleetHere(ctx, campus());
  const hashes = ctx.db.prepare<[], { password_hash: string }>('SELECT DISTINCT password_hash FROM cms_users').all();
  expect(hashes).toHaveLength(1);
  const lab = planFleet(campus()).smartServers.find((s) => s.name === 'Lab 3')!;
  expect((await cmsLogin(ctx, lab.installCode, { username: 'technician', password: 'Campus-Fleet-2026!' })).userType).toBe('Admin');
  await expect(cmsLogin(ctx, lab.installCode, { username: 'owner', password: 'wrong password' })).rejects.toThrow(/not right/);
});

test('a fleet name is used once, a fixed install code in use is refused, and a refused fleet leaves nothing behind', () => {
  emulator = createEmulator({ dataFile: ':memory:' });
  const { ctx } = emulator;
  createFleetHere(ctx, { name: 'one', smartServers: [{ count: 3 }] });
  expect(() => createFleetHere(ctx, { name: 'one', smartServers: [{ count: 1 }] })).toThrow(expect.objectContaining({ status: 409, code: 'fleet-exists' }));
  const clash: FleetDescription = {
    name: 'two',
    smartServers: [{ count: 5 }, { installCode: planFleet(withSeed({ name: 'x', seed: 1, smartServers: [{}] })).installCodes[0] }],
  };
  createFleetHere(ctx, { name: 'three', seed: 1, smartServers: [{}] });
  expect(() => createFleetHere(ctx, clash)).toThrow(expect.objectContaining({ status: 409, code: 'smartserver-exists' }));
  expect(listSmartServers(ctx)).toHaveLength(4);
  expect(listFleets(ctx).map((f) => f.name)).toEqual(['one', 'three']);
});

test('generated install codes steer clear of SmartServers that exist already', () => {
  emulator = createEmulator({ dataFile: ':memory:' });
  const { ctx } = emulator;
  const fleet = withSeed({ name: 'avoid', seed: 5, smartServers: [{ count: 3 }] });
  const first = planFleet(fleet).installCodes[0];
  createFleetHere(ctx, { name: 'before', smartServers: [{ installCode: first }] });
  const summary = createFleetHere(ctx, fleet);
  expect(summary.smartServers).toBe(3);
  expect(fleetMembers(ctx, 'avoid').map((m) => m.installCode)).not.toContain(first);
});

test('removing a fleet removes its SmartServers and nothing else; reset forgets fleets', () => {
  emulator = createEmulator({ dataFile: ':memory:' });
  const { ctx } = emulator;
  createFleetHere(ctx, campus());
  createFleetHere(ctx, { name: 'other', smartServers: [{ count: 2, devices: { lon: 3 } }] });
  expect(removeFleet(ctx, 'campus')).toEqual({ name: 'campus', removedSmartServers: 21 });
  expect(listSmartServers(ctx)).toHaveLength(2);
  expect(ctx.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM device_sets').get()!.n).toBe(2);
  expect(() => getFleet(ctx, 'campus')).toThrow(Problem);
  emulator.reset();
  expect(listFleets(ctx)).toEqual([]);
  expect(listSmartServers(ctx)).toEqual([]);
});

test('a shard loads only its positions of a fleet planned elsewhere, with the Customer IDs it was given', () => {
  emulator = createEmulator({ dataFile: ':memory:' });
  const { ctx } = emulator;
  const fleet = campus();
  const plan = planFleet(fleet);
  const customerIds = plan.groups.map((_, i) => (i === 1 ? '2133c667-af41-4518-94df-a2bb3b775330' : null));
  const summary = loadShareHere(ctx, { fleet, installCodes: plan.installCodes, customerIds }, { index: 2, count: 4 });
  expect(summary).toMatchObject({ smartServers: 21, shards: 4 });
  const held = listSmartServers(ctx)
    .map((s) => s.installCode)
    .sort();
  expect(held).toEqual(
    plan.smartServers
      .filter((s) => s.position % 4 === 2)
      .map((s) => s.installCode)
      .sort(),
  );
  for (const code of held) {
    const planned = plan.smartServers.find((s) => s.installCode === code)!;
    expect(getSmartServer(ctx, code).customerId).toBe(customerIds[planned.group] ?? undefined);
    expect(fleetMembership(ctx, code)).toEqual({ fleet: 'campus', shard: 2 });
  }
});
