import { expect, test } from 'vitest';
import { DATAPOINTS } from './catalog';
import { currentValue, pollNumber, readingAt, valueInForce, withWrite } from './values';

const lux = DATAPOINTS.lon.find((d) => d.name === 'nvoLuxLevel')!;
const setpoint = DATAPOINTS.lon.find((d) => d.name === 'nviSetpoint')!;
const at = Date.parse('2026-03-01T09:00:00.000Z');

test('an output reading depends only on the device, the datapoint and the poll, and stays within its range', () => {
  expect(readingAt(lux, '0A09E124AD55', 0, 42)).toBe(readingAt(lux, '0A09E124AD55', 0, 42));
  const readings = new Set(Array.from({ length: 50 }, (_, poll) => readingAt(lux, '0A09E124AD55', 0, poll)));
  expect(readings.size).toBeGreaterThan(40);
  for (const value of readings) {
    expect(value).toBeGreaterThanOrEqual(lux.min);
    expect(value).toBeLessThanOrEqual(lux.max);
  }
  expect(readingAt(lux, '0A09E124AD56', 0, 42)).not.toBe(readingAt(lux, '0A09E124AD55', 0, 42));
});

test('within one poll the value holds; the next poll may change it', () => {
  const start = pollNumber(lux, at) * lux.pollSeconds * 1000;
  expect(currentValue(lux, 'AB', 0, start)).toBe(currentValue(lux, 'AB', 0, start + lux.pollSeconds * 1000 - 1));
  expect(pollNumber(lux, start + lux.pollSeconds * 1000)).toBe(pollNumber(lux, start) + 1);
});

test('an input keeps its initial value until written, and the highest priority written is in force', () => {
  expect(currentValue(setpoint, 'AB', 2, at)).toBe(21);
  let slots = withWrite(undefined, 12, 25);
  slots = withWrite(slots, 8, 19);
  expect(valueInForce(slots)).toEqual({ value: 19, priority: 8 });
  expect(currentValue(setpoint, 'AB', 2, at, withWrite(slots, 16, 30))).toBe(19);
  expect(valueInForce(withWrite(slots, 8, null))).toEqual({ value: 25, priority: 12 });
  expect(valueInForce(withWrite(withWrite(slots, 8, null), 12, null))).toBeUndefined();
});
