import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { readTimings, recordTimings, scenarioDurations } from './timings';

/** The scenario times a sharded run balances by: taken from cucumber's JSON, kept per target. */
test("a scenario's time is its steps' and hooks' durations added up, in milliseconds", () => {
  const json = JSON.stringify([
    {
      uri: 'features/a.feature',
      elements: [
        { type: 'background', line: 2, steps: [{ result: { duration: 9e9 } }] },
        { type: 'scenario', line: 5, steps: [{ result: { duration: 1_250_000 } }, { result: { duration: 2_000_000 } }, { result: {} }] },
        { type: 'scenario', line: 9, steps: [{ result: { status: 'skipped', duration: 0 } }] },
      ],
    },
  ]);
  expect(scenarioDurations(json)).toEqual({ 'features/a.feature:5': 3.3 });
});

test('a run replaces the times of the scenarios it ran and keeps the others', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'sslab-timings-')), 'timings.json');
  recordTimings(file, 'mock', { 'features/a.feature:5': 10, 'features/b.feature:3': 20 });
  recordTimings(file, 'mock', { 'features/a.feature:5': 12 });
  recordTimings(file, 'emulator', { 'features/a.feature:5': 40 });
  expect(readTimings(file)).toEqual({ mock: { 'features/a.feature:5': 12, 'features/b.feature:3': 20 }, emulator: { 'features/a.feature:5': 40 } });
});

test('a missing or damaged timings file reads as no timings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sslab-timings-'));
  writeFileSync(join(dir, 'damaged.json'), '{"mock":');
  expect(readTimings(join(dir, 'missing.json'))).toEqual({});
  expect(readTimings(join(dir, 'damaged.json'))).toEqual({});
});
