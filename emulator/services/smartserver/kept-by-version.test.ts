import { expect, test } from 'vitest';
import type { Db } from '../../kernel/sql';
import { KeptByVersion } from './kept-by-version';

// Only the databases' identities matter here: values are kept per database object.
const one = {} as Db;
const other = {} as Db;

test('a value is given back only under the version it was kept under, and only for its own database', () => {
  const kept = new KeptByVersion<string>();
  expect(kept.set(one, 'a', 7, 'seven')).toBe('seven');
  expect(kept.get(one, 'a', 7)).toBe('seven');
  expect(kept.get(one, 'a', 8)).toBeUndefined();
  expect(kept.get(one, 'a', null)).toBeUndefined();
  expect(kept.latest(one, 'a')).toBe('seven');
  expect(kept.get(other, 'a', 7)).toBeUndefined();
  kept.set(one, 'b', null, 'never written');
  expect(kept.get(one, 'b', null)).toBe('never written');
});

test('once it holds its limit of SmartServers it starts again empty', () => {
  const kept = new KeptByVersion<number>(2);
  kept.set(one, 'a', 1, 1);
  kept.set(one, 'b', 1, 2);
  kept.set(one, 'a', 2, 3);
  expect(kept.get(one, 'b', 1)).toBeUndefined();
  expect(kept.get(one, 'a', 2)).toBe(3);
});
