/**
 * A fleet of SmartServers for scenarios that need several: names, install codes, releases and
 * LON/BACnet/Modbus device counts drawn from a fixed seed, so the table a feature shows is the
 * generator's output and can be checked against it on every run.
 */
export interface FleetMember {
  name: string;
  installCode: string;
  release: string;
  lon: number;
  bacnet: number;
  modbus: number;
}

export const FLEET_COLUMNS = ['SmartServer', 'install code', 'release', 'LON', 'BACnet', 'Modbus'] as const;

const RELEASES = ['3.3', '3.4', '4.0', '4.1'];
const ROOMS = ['plant room', 'boiler house', 'riser', 'roof plant', 'electrical room', 'server room', 'chiller hall', 'car park'];

export function generateFleet(seed: number, size: number): FleetMember[] {
  // Loaded when a fleet is drawn, and English only: faker's index loads every locale (over a second).
  const { faker } = require('@faker-js/faker/locale/en') as typeof import('@faker-js/faker/locale/en');
  faker.seed(seed);
  const codes = new Set<string>();
  return Array.from({ length: size }, () => {
    let installCode: string;
    do installCode = `17q${faker.string.alphanumeric({ length: 4, casing: 'lower' })}`;
    while (codes.has(installCode));
    codes.add(installCode);
    return {
      name: `${faker.location.street()} ${faker.helpers.arrayElement(ROOMS)}`,
      installCode,
      release: faker.helpers.arrayElement(RELEASES),
      lon: faker.number.int({ min: 1, max: 12 }),
      bacnet: faker.number.int({ min: 0, max: 8 }),
      modbus: faker.number.int({ min: 0, max: 6 }),
    };
  });
}

/** The fleet as Gherkin data-table rows (header first), as a feature shows it. */
export function fleetRows(fleet: readonly FleetMember[]): string[][] {
  return [[...FLEET_COLUMNS], ...fleet.map((m) => [m.name, m.installCode, m.release, String(m.lon), String(m.bacnet), String(m.modbus)])];
}

/** The rows formatted as a Gherkin table, to paste into a feature. */
export function formatTable(rows: readonly string[][], indent = '      '): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => `${indent}| ${r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`).join('\n');
}
