import { expect, test } from 'vitest';
import { fleetRows, formatTable, generateFleet } from './fleet';

test('a seed always gives the same fleet, and different seeds different ones', () => {
  expect(generateFleet(2022, 4)).toEqual(generateFleet(2022, 4));
  expect(generateFleet(7, 3)).not.toEqual(generateFleet(2022, 3));
  expect(generateFleet(2022, 2)).toEqual(generateFleet(2022, 4).slice(0, 2));
});

test('install codes have the documented form and are unique within the fleet', () => {
  const fleet = generateFleet(99, 40);
  for (const member of fleet) {
    expect(member.installCode).toMatch(/^[0-9a-z]{7}$/);
    expect(member.lon + member.bacnet + member.modbus).toBeGreaterThan(0);
  }
  expect(new Set(fleet.map((m) => m.installCode)).size).toBe(40);
});

test('the fleet prints as the Gherkin table a feature shows', () => {
  const table = formatTable(fleetRows(generateFleet(7, 1)), '');
  expect(table.split('\n')).toEqual([
    '| SmartServer                   | install code | release | LON | BACnet | Modbus |',
    '| N Main Street electrical room | 17q2sfq      | 3.3     | 4   | 4      | 4      |',
  ]);
});
