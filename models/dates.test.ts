import fc from 'fast-check';
import { expect, test } from 'vitest';
import { addDays, addYears, dayOf, daysBetween, isIsoDate } from './dates';

const isoDate = fc.integer({ min: 0, max: 365 * 60 }).map((d) => addDays('2000-01-01', d));

test('real calendar days are ISO dates', () => {
  for (const d of ['2025-01-10', '2024-02-29', '2000-02-29', '1999-12-31']) expect(isIsoDate(d), d).toBe(true);
});

test('impossible days and other formats are not ISO dates', () => {
  for (const d of ['2023-02-29', '1900-02-29', '2025-13-01', '2025-04-31', '2025-1-10', '25-01-10', '2025-01-10T00:00:00Z', '', 'yesterday']) {
    expect(isIsoDate(d), d).toBe(false);
  }
});

test('the day of a timestamp is its calendar date', () => {
  expect(dayOf('2025-03-01T23:59:59Z')).toBe('2025-03-01');
  expect(dayOf('2025-03-01')).toBe('2025-03-01');
});

test('adding years keeps the month and day', () => {
  expect(addYears('2025-01-10', 3)).toBe('2028-01-10');
  expect(addYears('2025-12-31', 1)).toBe('2026-12-31');
  expect(addYears('2028-01-10', -3)).toBe('2025-01-10');
});

test('29 February plus a year lands on 28 February', () => {
  expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
  expect(addYears('2024-02-29', 3)).toBe('2027-02-28');
  expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  expect(addYears('2024-02-29', -1)).toBe('2023-02-28');
});

test('adding days crosses months, years and leap days', () => {
  expect(addDays('2025-01-31', 1)).toBe('2025-02-01');
  expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
  expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
  expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
  expect(addDays('2025-03-30', 0)).toBe('2025-03-30');
});

test('days between two dates count whole days, negative backwards', () => {
  expect(daysBetween('2025-01-01', '2025-01-01')).toBe(0);
  expect(daysBetween('2025-01-01', '2025-03-02')).toBe(60);
  expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  expect(daysBetween('2025-03-02', '2025-01-01')).toBe(-60);
});

test('adding n days moves exactly n days and stays an ISO date', () => {
  fc.assert(
    fc.property(isoDate, fc.integer({ min: -2000, max: 2000 }), (date, n) => {
      const moved = addDays(date, n);
      expect(isIsoDate(moved)).toBe(true);
      expect(daysBetween(date, moved)).toBe(n);
      expect(addDays(moved, -n)).toBe(date);
    }),
    { numRuns: 200 },
  );
});

test('adding years lands in the same month, a year-count later, never earlier than the day before', () => {
  fc.assert(
    fc.property(isoDate, fc.integer({ min: 0, max: 10 }), (date, years) => {
      const moved = addYears(date, years);
      expect(isIsoDate(moved)).toBe(true);
      expect(Number(moved.slice(0, 4))).toBe(Number(date.slice(0, 4)) + years);
      expect(moved.slice(5, 7)).toBe(date.slice(5, 7));
      if (date.slice(5) !== '02-29') expect(moved.slice(5)).toBe(date.slice(5));
    }),
    { numRuns: 200 },
  );
});
