import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { readFleetFile } from '../../control-plane/fleets/description';
import { createFleetHere } from '../../control-plane/fleets/service';
import type { Emulator } from '../../kernel/emulator';
import { createEmulator } from '../../runtime/emulator';
import { placeOrder } from '../../services/backoffice';
import { activateFromCloud, createSmartServer, dashboard, saveCustomerId, setOnline } from '../../services/smartserver';
import { refusal } from '../../testing/core-helpers';
import { fleetOverview, fleetRows, readFleetQuery } from './fleet-overview';

let emulator: Emulator | undefined;
afterEach(() => emulator?.close());

const CAMPUS = join(__dirname, '..', '..', 'control-plane', 'fleets', 'examples', 'campus.yaml');

/** The example campus, whose library belongs to P-Building 1, beside one SmartServer added on its own. */
function campusAndOne() {
  emulator = createEmulator({ dataFile: ':memory:' });
  const { ctx } = emulator;
  const order = placeOrder(ctx, {
    poNumber: 'PO-CAMPUS',
    partner: { name: 'Campus Partner', email: 'campus@partner.example' },
    customer: 'P-Building 1',
    lines: [{ model: '72220-1000', quantity: 1 }],
  });
  createFleetHere(ctx, readFleetFile(CAMPUS));
  const alone = createSmartServer(ctx, { name: 'Alone', version: '4.0', devices: { lon: 3 } });
  return { ctx, customerId: order.customer!.customerId, licenseId: order.licenses[0].licenseId, alone: alone.installCode };
}

test('the tiles and bars add up the rows: SmartServers, online, badges, attention, devices by colour, capacity used of licensed', () => {
  const { ctx } = campusAndOne();
  const rows = fleetRows(ctx);
  const overview = fleetOverview(ctx);
  const sum = (pick: (row: (typeof rows)[number]) => number) => rows.reduce((total, row) => total + pick(row), 0);
  expect(overview.fleetSize).toBe(22);
  expect(overview.summary).toEqual({
    smartServers: 22,
    online: sum((r) => +r.online),
    badge: sum((r) => +r.badge),
    attention: sum((r) => +(r.attention.length > 0)),
    definedDevices: sum((r) => r.definedDevices),
    devicesByColour: expect.objectContaining({ purple: sum((r) => r.devicesByColour.purple), green: sum((r) => r.devicesByColour.green) }),
    usedCapacity: sum((r) => (r.licenseManagement ? r.usedCapacity : 0)),
    capacity: sum((r) => (r.licenseManagement ? r.capacity : 0)),
  });
  // Eight of ten labs, every library, residence and the plant is offline; the lone one is online.
  expect(overview.summary.online).toBe(4 + 8 + 6 + 1);
  expect(overview.groups.map((g) => [g.label, g.smartServers])).toEqual([
    ['campus / laboratories', 10],
    ['campus / library', 4],
    ['campus / plant', 1],
    ['campus / residences', 6],
    ['Added on its own', 1],
  ]);
  expect(overview.groups.reduce((total, g) => total + g.definedDevices, 0)).toBe(overview.summary.definedDevices);
});

test('each row carries its own dashboard figures, its group, its customer and link to its CMS', () => {
  const { ctx, customerId, alone } = campusAndOne();
  saveCustomerId(ctx, alone, customerId);
  const row = fleetRows(ctx).find((r) => r.installCode === alone)!;
  const { manageLicensesOpensAtStartup: _, services: __, ...figures } = dashboard(ctx, alone);
  expect(row).toEqual({
    ...figures,
    customerId,
    customerName: 'P-Building 1',
    group: null,
    cmsPath: `/smartservers/${alone}/cms/`,
    release: '4.0',
    attention: ['no capacity licensed'],
  });
  const plant = fleetRows(ctx).find((r) => r.installCode === '17qcamp')!;
  expect(plant).toMatchObject({ group: 'campus / plant', release: '3.2', licenseManagement: false, badge: false, attention: [] });
  expect(fleetRows(ctx).find((r) => r.group === 'campus / residences')!.release).toMatch(/^4\.[23] on SmartServer Pi$/);
});

test('filters by group, customer, release, connection and attention keep only what they name, and the tiles follow', async () => {
  const { ctx, customerId, licenseId, alone } = campusAndOne();
  saveCustomerId(ctx, alone, customerId);
  await activateFromCloud(ctx, emulator!.cloud, alone, { licenseIds: [licenseId] });
  const labs = fleetOverview(ctx, readFleetQuery({ group: 'campus / laboratories', limit: '500' }));
  expect(labs.matching).toBe(10);
  expect(labs.rows.every((r) => r.group === 'campus / laboratories')).toBe(true);
  expect(labs.summary.smartServers).toBe(10);
  expect(labs.summary.online).toBe(8);
  // The choices always cover the whole fleet, whatever is filtered.
  expect(labs.choices.group.map((c) => [c.value, c.count])).toEqual([
    ['campus / laboratories', 10],
    ['campus / library', 4],
    ['campus / plant', 1],
    ['campus / residences', 6],
    ['none', 1],
  ]);

  const building = fleetOverview(ctx, readFleetQuery({ customer: customerId }));
  expect(building.rows.map((r) => r.installCode).sort()).toContain(alone);
  expect(building.rows.every((r) => r.customerId === customerId)).toBe(true);
  expect(fleetOverview(ctx, readFleetQuery({ customer: 'none' })).rows.every((r) => r.customerId === null)).toBe(true);

  const offline = fleetOverview(ctx, readFleetQuery({ connection: 'offline' }));
  expect(offline.matching).toBe(3);
  expect(offline.rows.every((r) => !r.online)).toBe(true);

  const old = fleetOverview(ctx, readFleetQuery({ release: '3.2' }));
  expect(old.rows.map((r) => r.installCode)).toEqual(['17qcamp']);

  const attention = fleetOverview(ctx, readFleetQuery({ attention: 'true', limit: '500' }));
  expect(attention.rows.every((r) => r.attention.length > 0)).toBe(true);
  // With 1,000 devices of capacity, the lone SmartServer needs nothing; the plant needs no license at all.
  expect(attention.rows.map((r) => r.installCode)).not.toContain(alone);
  expect(attention.rows.map((r) => r.installCode)).not.toContain('17qcamp');
  expect(attention.matching).toBe(fleetRows(ctx).filter((r) => r.attention.length > 0).length);
  expect(attention.choices.release.map((c) => c.value)).toEqual(expect.arrayContaining(['3.2', '4.0', '3.3 Update 1']));
});

test('sorting orders the whole selection before it is cut into pages, and the pages cover it once', () => {
  const { ctx } = campusAndOne();
  const byDevices = fleetOverview(ctx, readFleetQuery({ sort: 'devices', order: 'desc', limit: '500' })).rows.map((r) => r.definedDevices);
  expect(byDevices).toEqual([...byDevices].sort((a, b) => b - a));
  const names = fleetOverview(ctx, readFleetQuery({ sort: 'name', limit: '500' })).rows.map((r) => r.name);
  expect(names.slice(0, 3)).toEqual(['Alone', 'Central plant', 'Lab 1']);
  expect(names.indexOf('Lab 2')).toBeLessThan(names.indexOf('Lab 10'));
  const firstAttention = fleetOverview(ctx).rows[0];
  expect(firstAttention.attention.length).toBeGreaterThan(0);

  const pages = [0, 5, 10, 15, 20].map((offset) => fleetOverview(ctx, readFleetQuery({ sort: 'installCode', limit: '5', offset: String(offset) })));
  const seen = pages.flatMap((p) => p.rows.map((r) => r.installCode));
  expect(pages.map((p) => p.rows.length)).toEqual([5, 5, 5, 5, 2]);
  expect(new Set(seen).size).toBe(22);
  expect(seen).toEqual([...seen].sort());
  expect(pages.every((p) => p.matching === 22 && p.summary.smartServers === 22)).toBe(true);
});

test('a bad query is refused naming the field and what it may be', () => {
  expect(refusal(() => readFleetQuery({ sort: 'colour' }))).toMatchObject({ status: 400, field: 'sort', detail: expect.stringContaining('attention, name') });
  expect(refusal(() => readFleetQuery({ limit: '0' }))).toMatchObject({ status: 400, field: 'limit', detail: 'limit: must be a whole number from 1 to 500' });
  expect(refusal(() => readFleetQuery({ offset: '-3' }))).toMatchObject({ status: 400, field: 'offset' });
  expect(refusal(() => readFleetQuery({ connection: 'maybe' }))).toMatchObject({ status: 400, field: 'connection' });
  expect(readFleetQuery({})).toEqual({ attention: false, sort: 'attention', order: 'asc', offset: 0, limit: 50 });
});

test('the rows are read once while nothing changes, and again after any change', () => {
  const { ctx, alone } = campusAndOne();
  const first = fleetRows(ctx);
  expect(fleetRows(ctx)).toBe(first);
  setOnline(ctx, alone, false);
  expect(fleetRows(ctx)).not.toBe(first);
  expect(fleetOverview(ctx).summary.online).toBe(18);
  const again = fleetRows(ctx);
  ctx.clock.set('2031-01-01T00:00:00.000Z');
  expect(fleetRows(ctx)).not.toBe(again);
});
