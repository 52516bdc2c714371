import { expect, test } from 'vitest';
import { optionalString, requireArray, requireInt, requireString } from './validate';
import { refusal } from '../testing/core-helpers';

test('a required string must hold more than blanks, comes back trimmed, and a refusal says what was sent', () => {
  for (const [value, rule] of [
    [undefined, 'is required: a non-empty string'],
    [null, 'is required: a non-empty string'],
    [7, 'must be a string, not number'],
    [['a'], 'must be a string, not a list'],
    ['', 'must not be empty'],
    ['   ', 'must not be only blanks'],
  ] as const) {
    expect(refusal(() => requireString(value, 'name')).detail, String(value)).toBe(`name: ${rule}`);
  }
  expect(requireString('  Plant room  ', 'name')).toBe('Plant room');
  expect(refusal(() => requireString('abcd', 'name', 3)).field).toBe('name');
  expect(requireString('abc', 'name', 3)).toBe('abc');
});

test('an optional string may be left out, null or empty; anything else is read as a required one', () => {
  for (const value of [undefined, null, '']) expect(optionalString(value, 'note')).toBeUndefined();
  expect(optionalString(' x ', 'note')).toBe('x');
  expect(refusal(() => optionalString('   ', 'note')).field).toBe('note');
  expect(refusal(() => optionalString(5, 'note')).field).toBe('note');
});

test('a whole number is a number without a fraction, within its bounds, both ends included', () => {
  for (const value of ['3', 2.5, Number.NaN, null])
    expect(refusal(() => requireInt(value, 'count', 0, 10)).detail, String(value)).toBe('count: must be a whole number');
  expect(refusal(() => requireInt(11, 'count', 0, 10)).detail).toBe('count: must be between 0 and 10');
  expect(refusal(() => requireInt(-1, 'count', 0, 10)).detail).toBe('count: must be between 0 and 10');
  expect([requireInt(0, 'count', 0, 10), requireInt(10, 'count', 0, 10)]).toEqual([0, 10]);
});

test('a list holds between its least and most items, both ends included', () => {
  expect(requireArray([1, 2, 3], 'ids', 1, 3)).toHaveLength(3);
  expect(refusal(() => requireArray([1, 2, 3, 4], 'ids', 1, 3)).detail).toBe('ids: must hold between 1 and 3 items');
  expect(refusal(() => requireArray([], 'ids', 1, 3)).detail).toBe('ids: must hold between 1 and 3 items');
  expect(refusal(() => requireArray('1,2', 'ids')).detail).toBe('ids: must be a list');
});
