import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { placeOrder } from '../backoffice';
import { createEmulator } from '../../runtime/emulator';
import type { Emulator } from '../../kernel/emulator';
import { inTransaction } from '../../kernel/context';
import { activateFromCloud } from './cloud-licensing';
import { createSmartServer } from './create';
import { saveCustomerId } from './customer-id';
import { heldTotals } from '../../../models/smartserver';
import { tallyDevices } from './devices';
import { heldLicenses, hold, keptTotals, licensingState, manageLicensesList } from './licensing';
import { getSmartServer } from './records';
import { manageLicensesJson } from './licenses-json';

/** The held licenses kept in memory between calls always read as the stored rows do, whoever changed the rows and however. */
let emulator: Emulator;

beforeEach(() => {
  emulator = createEmulator({ passwordCost: 'fast' });
});
afterEach(() => emulator.close());

const CODE = '17qkept';

/** A SmartServer with `lon` devices whose customer ordered `lines`: the order, not yet activated. */
function customerWith(lines: { model: string; quantity: number }[], lon: number, poNumber: string) {
  const { ctx } = emulator;
  const placed = placeOrder(ctx, { poNumber, partner: { name: 'Partner', email: 'partner@example.com' }, customer: 'Plant', lines });
  createSmartServer(ctx, { installCode: CODE, devices: { lon } });
  saveCustomerId(ctx, CODE, placed.customer!.customerId);
  return placed;
}

async function smartServerWithLicenses(count: number) {
  const { ctx, cloud } = emulator;
  const placed = customerWith([{ model: '72220-10', quantity: count + 2 }], 5, 'PO-KEPT-1');
  const ids = placed.licenses.map((l) => l.licenseId);
  for (const id of ids.slice(0, count)) await activateFromCloud(ctx, cloud, CODE, { licenseIds: [id] });
  return ids;
}

/** What the rows say, read past anything kept in memory. */
function stored(): { licenseId: string; note: string | null }[] {
  return emulator.ctx.db
    .prepare<[string], { held: string; note: string | null }>('SELECT held, note FROM held_licenses WHERE install_code = ? ORDER BY rowid')
    .all(CODE)
    .map((r) => ({ licenseId: (JSON.parse(r.held) as { licenseId: string }).licenseId, note: r.note }));
}

const kept = () => heldLicenses(emulator.ctx, CODE).map((l) => ({ licenseId: l.licenseId, note: l.note ?? null }));

test('the kept list follows every activation, and is read once rather than again for each call', async () => {
  const ids = await smartServerWithLicenses(3);
  expect(kept()).toEqual(stored());
  expect(kept().map((l) => l.licenseId)).toEqual(ids.slice(0, 3));
  // Unchanged rows: the very same list comes back.
  expect(heldLicenses(emulator.ctx, CODE)).toBe(heldLicenses(emulator.ctx, CODE));
  expect(Object.isFrozen(heldLicenses(emulator.ctx, CODE)[0])).toBe(true);
  // Each license kept as it was written is what its row reads back: the same fields, in the same order.
  const rows = emulator.ctx.db
    .prepare<[string], { held: string }>('SELECT held FROM held_licenses WHERE install_code = ? ORDER BY rowid')
    .all(CODE)
    .map((r) => ({ ...(JSON.parse(r.held) as object), note: undefined }));
  expect(heldLicenses(emulator.ctx, CODE)).toStrictEqual(rows);
  expect(heldLicenses(emulator.ctx, CODE).map((l) => JSON.stringify(l))).toEqual(rows.map((l) => JSON.stringify(l)));
});

test('a write to the rows from anywhere else (plain SQL, a rolled-back transaction, a restore) is seen at once', async () => {
  const ids = await smartServerWithLicenses(3);
  const { ctx } = emulator;
  const before = kept();
  ctx.db.prepare('UPDATE held_licenses SET note = ? WHERE license_id = ?').run('rack 4', ids[1]);
  expect(kept()).toEqual(stored());
  expect(kept()[1].note).toBe('rack 4');

  // Rows written and read inside a transaction that is then rolled back: what was kept then is not believed afterwards.
  expect(() =>
    inTransaction(ctx, () => {
      ctx.db.prepare('DELETE FROM held_licenses WHERE license_id = ?').run(ids[0]);
      expect(kept()).toHaveLength(2);
      throw new Error('rolled back');
    }),
  ).toThrow('rolled back');
  expect(kept()).toEqual(stored());
  expect(kept()).toHaveLength(3);

  const snapshot = emulator.capture();
  ctx.db.prepare('DELETE FROM held_licenses WHERE license_id = ?').run(ids[2]);
  expect(kept()).toEqual(stored());
  expect(kept()).toHaveLength(2);
  emulator.restore(snapshot);
  expect(kept()).toEqual(stored());
  expect(kept().map((l) => l.licenseId)).toEqual(before.map((l) => l.licenseId));

  emulator.reset();
  expect(kept()).toEqual([]);
});

test('the Manage Licenses text written from kept rows is the JSON of the rows, and follows a rename and the clock', async () => {
  await smartServerWithLicenses(2);
  const { ctx } = emulator;
  const rows = () => manageLicensesList(ctx, CODE);
  expect(manageLicensesJson(rows())).toBe(JSON.stringify(rows()));
  ctx.db.prepare('UPDATE smartservers SET name = ? WHERE install_code = ?').run('Renamed "hall" \\ 2', CODE);
  expect(manageLicensesJson(rows())).toBe(JSON.stringify(rows()));
  expect(rows()[0].segmentController).toBe('Renamed "hall" \\ 2');
  ctx.clock.advance(400);
  expect(manageLicensesJson(rows())).toBe(JSON.stringify(rows()));
});

test('after an activation the table is the one before it with its own rows added, the same text as the whole table written anew', async () => {
  const { ctx, cloud } = emulator;
  const ids = await smartServerWithLicenses(1);
  // The table after each activation, against the JSON of the rows as they read back with nothing reused.
  const anew = () => JSON.stringify(stored().map((s) => ({ ...manageLicensesList(ctx, CODE).find((r) => r.licenseId === s.licenseId)!, note: s.note })));
  await activateFromCloud(ctx, cloud, CODE, { licenseIds: [ids[1]] });
  const first = manageLicensesList(ctx, CODE);
  expect(manageLicensesJson(first)).toBe(anew());
  const second = await activateFromCloud(ctx, cloud, CODE, { licenseIds: [ids[2]] });
  const table = manageLicensesList(ctx, CODE);
  expect(table.slice(0, 2)).toEqual(first);
  expect(manageLicensesJson(table)).toBe(JSON.stringify(table));
  expect(manageLicensesJson(table)).toBe(anew());
  expect(table.map((r) => r.licenseId)).toEqual(ids.slice(0, 3));
  // The answer holds the activated license's row, not the table, and where the licensing stands.
  const { segmentController: _name, note: _note, ...row } = table[2];
  expect(second).toEqual({ activated: [{ ...row, capacity: 10 }], licensing: { licenses: 3, capacity: 30, maintenanceEnds: null } });
  // Read again unchanged, the same rows come back; a note written since gives a new table.
  expect(manageLicensesList(ctx, CODE)).toBe(manageLicensesList(ctx, CODE));
  ctx.db.prepare('UPDATE held_licenses SET note = ? WHERE license_id = ?').run('rack 9', ids[2]);
  expect(manageLicensesList(ctx, CODE)[2].note).toBe('rack 9');
  expect(manageLicensesJson(manageLicensesList(ctx, CODE))).toBe(JSON.stringify(manageLicensesList(ctx, CODE)));
});

/** A full garbage collection, from a context made after exposing it. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

test('the lists and tables a SmartServer held before its last activations are let go: memory follows what it holds, not how often it changed', async () => {
  const { ctx, cloud } = emulator;
  const ids = await smartServerWithLicenses(1);
  const firstList = new WeakRef(heldLicenses(ctx, CODE));
  const firstTable = new WeakRef(manageLicensesList(ctx, CODE));
  for (const id of ids.slice(1, 4)) {
    await activateFromCloud(ctx, cloud, CODE, { licenseIds: [id] });
    manageLicensesJson(manageLicensesList(ctx, CODE));
  }
  // A WeakRef holds its target until the job that made it ends.
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  expect(firstList.deref()).toBeUndefined();
  expect(firstTable.deref()).toBeUndefined();
  expect(manageLicensesJson(manageLicensesList(ctx, CODE))).toBe(JSON.stringify(manageLicensesList(ctx, CODE)));
});

test('what a kept list adds up to, made from the list before it, is what its licenses add up to', async () => {
  const { ctx, cloud } = emulator;
  // Maintenance covers the capacity held when it is activated: 10 devices, then 20 more.
  const placed = customerWith(
    [
      { model: '72220-10', quantity: 1 },
      { model: '92201R-P-10', quantity: 1 },
      { model: '72220-10', quantity: 2 },
    ],
    25,
    'PO-KEPT-2',
  );
  const totals = () => [keptTotals(heldLicenses(ctx, CODE)), heldTotals(heldLicenses(ctx, CODE))];
  for (const id of placed.licenses.map((l) => l.licenseId)) {
    await activateFromCloud(ctx, cloud, CODE, { licenseIds: [id] });
    const [kept, added] = totals();
    expect(kept).toEqual(added);
  }
  expect(totals()[0]).toMatchObject({ capacity: 30, maintenanceEnd: expect.any(String) });
  // The devices follow the kept capacity: 29 places besides the SmartServer, for 25 devices.
  expect(tallyDevices(ctx, CODE)).toMatchObject({ defined: 25, licensed: 25 });
});

test('licenses added in a transaction that is then rolled back are not believed afterwards, and a list kept after a write reads as its rows', async () => {
  const ids = await smartServerWithLicenses(3);
  const { ctx } = emulator;
  const adding = (id: string) => {
    const state = licensingState(ctx, getSmartServer(ctx, CODE));
    const license = { licenseId: id, kind: 'capacity' as const, capacity: 10, activatedAt: ctx.clock.now(), mode: 'online' as const };
    return hold(ctx, CODE, { ...state, licenses: [...state.licenses, license] }, state.licenses);
  };
  expect(() =>
    inTransaction(ctx, () => {
      adding(ids[3]);
      expect(kept()).toHaveLength(4);
      throw new Error('rolled back');
    }),
  ).toThrow('rolled back');
  expect(kept()).toEqual(stored());
  expect(kept()).toHaveLength(3);
  // Kept under the version its write left: read again with nothing written since, the same list comes back.
  const held = inTransaction(ctx, () => adding(ids[3]));
  expect(heldLicenses(ctx, CODE)).toBe(held);
  expect(kept()).toEqual(stored());
});

test("an activation's summary carries on the capacity and the maintenance end of the list it added to, as the stored licenses add up", async () => {
  const { ctx, cloud } = emulator;
  const placed = customerWith(
    [
      { model: '72220-200', quantity: 2 },
      { model: '92201R-P-200', quantity: 1 },
    ],
    5,
    'PO-KEPT-3',
  );
  const [capacity, second, maintenance] = placed.licenses.map((l) => l.licenseId);
  const first = await activateFromCloud(ctx, cloud, CODE, { licenseIds: [capacity, maintenance] });
  const then = await activateFromCloud(ctx, cloud, CODE, { licenseIds: [second] });
  // Added up from the rows as stored, with nothing kept in memory.
  const rows = ctx.db.prepare<[string], { held: string }>('SELECT held FROM held_licenses WHERE install_code = ? ORDER BY rowid').all(CODE);
  const totals = heldTotals(rows.map((r) => JSON.parse(r.held)));
  expect(first.licensing.maintenanceEnds).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(then.licensing).toEqual({ licenses: 3, capacity: 400, maintenanceEnds: first.licensing.maintenanceEnds });
  expect(then.licensing).toEqual({ licenses: 3, capacity: totals.capacity, maintenanceEnds: totals.maintenanceEnd });
  expect(keptTotals(heldLicenses(ctx, CODE))).toEqual(totals);
});
