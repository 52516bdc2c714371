import { afterEach, beforeEach, expect, test } from 'vitest';
import { createEmulator } from '../runtime/emulator';
import type { Emulator } from './emulator';
import { inTransaction } from './context';

/** One operation, one transaction: a transaction opened inside an operation's own joins it, all or nothing. */
let emulator: Emulator;

beforeEach(() => {
  emulator = createEmulator({ passwordCost: 'fast' });
});
afterEach(() => emulator.close());

const write = (key: string) => emulator.ctx.db.prepare("INSERT INTO meta (key, value) VALUES (?, 'x')").run(key);
const written = (key: string) => emulator.ctx.db.prepare('SELECT 1 FROM meta WHERE key = ?').get(key) !== undefined;

test('a part that succeeded is taken back with the operation that fails after it', () => {
  const { ctx } = emulator;
  expect(() =>
    inTransaction(ctx, () => {
      write('outer');
      inTransaction(ctx, () => write('inner'));
      throw new Error('the operation fails');
    }),
  ).toThrow('the operation fails');
  expect([written('outer'), written('inner')]).toEqual([false, false]);
});

test('a part that fails takes the whole operation back, and the next operation is a transaction of its own', () => {
  const { ctx } = emulator;
  expect(() =>
    inTransaction(ctx, () => {
      write('outer');
      inTransaction(ctx, () => {
        write('inner');
        throw new Error('the part fails');
      });
    }),
  ).toThrow('the part fails');
  expect([written('outer'), written('inner')]).toEqual([false, false]);
  inTransaction(ctx, () => inTransaction(ctx, () => write('next')));
  expect(() =>
    inTransaction(ctx, () => {
      write('after');
      throw new Error('rolled back alone');
    }),
  ).toThrow('rolled back alone');
  expect([written('next'), written('after')]).toEqual([true, false]);
});
