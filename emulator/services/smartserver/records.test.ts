import { afterEach, beforeEach, expect, test } from 'vitest';
import { createEmulator } from '../../runtime/emulator';
import type { Emulator } from '../../kernel/emulator';
import { inTransaction } from '../../kernel/context';
import { createSmartServer } from './create';
import { getSmartServer, rowVersions, setOnline } from './records';

/** The SmartServer record kept in memory always reads as its row does, whoever changed the row and however. */
let emulator: Emulator;

beforeEach(() => {
  emulator = createEmulator({ passwordCost: 'fast' });
});
afterEach(() => emulator.close());

const CODE = '17qrec1';

/** What the row says, read past anything kept in memory. */
const stored = () =>
  emulator.ctx.db.prepare<[string], { name: string; online: number }>('SELECT name, online FROM smartservers WHERE install_code = ?').get(CODE);
const kept = () => {
  const record = getSmartServer(emulator.ctx, CODE);
  return { name: record.name, online: record.online ? 1 : 0 };
};

test('an unchanged record is read once and shared, frozen', () => {
  createSmartServer(emulator.ctx, { installCode: CODE, name: 'Boiler house' });
  const first = getSmartServer(emulator.ctx, CODE);
  expect(getSmartServer(emulator.ctx, CODE)).toBe(first);
  expect(Object.isFrozen(first)).toBe(true);
  expect(kept()).toEqual(stored());
});

test('a write to the row from anywhere (the core, plain SQL, a rolled-back transaction, a restore, a reset) is seen at once', () => {
  const { ctx } = emulator;
  createSmartServer(ctx, { installCode: CODE, name: 'Boiler house' });
  const before = getSmartServer(ctx, CODE);
  setOnline(ctx, CODE, false);
  expect(kept()).toEqual(stored());
  expect(getSmartServer(ctx, CODE).online).toBe(false);

  ctx.db.prepare('UPDATE smartservers SET name = ? WHERE install_code = ?').run('Plant room', CODE);
  expect(kept()).toEqual(stored());
  expect(getSmartServer(ctx, CODE).name).toBe('Plant room');

  // A record read inside a transaction that is then rolled back is not believed afterwards.
  expect(() =>
    inTransaction(ctx, () => {
      ctx.db.prepare('UPDATE smartservers SET name = ? WHERE install_code = ?').run('Never', CODE);
      expect(getSmartServer(ctx, CODE).name).toBe('Never');
      throw new Error('rolled back');
    }),
  ).toThrow('rolled back');
  expect(kept()).toEqual(stored());
  expect(getSmartServer(ctx, CODE).name).toBe('Plant room');

  const snapshot = emulator.capture();
  ctx.db.prepare('UPDATE smartservers SET online = 1 WHERE install_code = ?').run(CODE);
  expect(getSmartServer(ctx, CODE).online).toBe(true);
  emulator.restore(snapshot);
  expect(kept()).toEqual(stored());
  expect(getSmartServer(ctx, CODE)).toMatchObject({ name: 'Plant room', online: false });
  expect(getSmartServer(ctx, CODE)).not.toBe(before);

  emulator.reset();
  expect(() => getSmartServer(ctx, CODE)).toThrow(/SmartServer/);
});

test('the versions change with the record, the held licenses and the device cells, each on its own', () => {
  const { ctx } = emulator;
  createSmartServer(ctx, { installCode: CODE });
  const first = rowVersions(ctx, CODE);
  ctx.db.prepare('UPDATE smartservers SET name = ? WHERE install_code = ?').run('Renamed', CODE);
  const renamed = rowVersions(ctx, CODE);
  expect(renamed.record).not.toBe(first.record);
  expect(renamed.held).toBe(first.held);
  expect(renamed.devices).toBe(first.devices);
  ctx.db.prepare('UPDATE device_sets SET cells = cells WHERE install_code = ?').run(CODE);
  const rewritten = rowVersions(ctx, CODE);
  expect(rewritten.devices).not.toBe(renamed.devices);
  expect([rewritten.record, rewritten.held]).toEqual([renamed.record, renamed.held]);
});
