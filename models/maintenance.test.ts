import fc from 'fast-check';
import { expect, test } from 'vitest';
import { addDays, addYears } from './dates';
import {
  dashboardMaintenanceStatus,
  dialogMaintenanceStatus,
  EXPIRY_WARNING_DAYS,
  maintenanceActive,
  maintenanceEnd,
  type MaintenanceGrant,
} from './maintenance';

const END = '2026-06-30';

test('the dashboard warns from 60 days before the end of maintenance', () => {
  expect(EXPIRY_WARNING_DAYS).toBe(60);
});

test('the dashboard shows Active when maintenance ends more than 60 days away', () => {
  expect(dashboardMaintenanceStatus(END, addDays(END, -61))).toBe('Active');
  expect(dashboardMaintenanceStatus(END, addDays(END, -400))).toBe('Active');
});

test('the dashboard shows Expires with the date exactly 60 days before the end', () => {
  expect(dashboardMaintenanceStatus(END, addDays(END, -60))).toBe(`Expires ${END}`);
});

test('the dashboard shows Expires on the last day of maintenance', () => {
  expect(dashboardMaintenanceStatus(END, END)).toBe('Expires 2026-06-30');
  expect(dashboardMaintenanceStatus(END, addDays(END, -1))).toBe('Expires 2026-06-30');
});

test('the dashboard shows Inactive from the day after maintenance ends', () => {
  expect(dashboardMaintenanceStatus(END, addDays(END, 1))).toBe('Inactive');
  expect(dashboardMaintenanceStatus(END, addDays(END, 1000))).toBe('Inactive');
});

test('the dashboard shows Inactive for a SmartServer without maintenance', () => {
  expect(dashboardMaintenanceStatus(undefined, '2026-01-01')).toBe('Inactive');
});

test('the Manage Licenses dialog words the maintenance states Active, Expiring and Expired', () => {
  expect(dialogMaintenanceStatus(END, addDays(END, -61))).toBe('Active');
  expect(dialogMaintenanceStatus(END, addDays(END, -60))).toBe('Expiring 2026-06-30');
  expect(dialogMaintenanceStatus(END, END)).toBe('Expiring 2026-06-30');
  expect(dialogMaintenanceStatus(END, addDays(END, 1))).toBe('Expired 2026-06-30');
});

test('maintenance covers its end date and lapses the next day', () => {
  expect(maintenanceActive(END, END)).toBe(true);
  expect(maintenanceActive(END, addDays(END, -1))).toBe(true);
  expect(maintenanceActive(END, addDays(END, 1))).toBe(false);
  expect(maintenanceActive(undefined, END)).toBe(false);
});

test('a SmartServer without maintenance grants has no maintenance end', () => {
  expect(maintenanceEnd([])).toBeUndefined();
});

test('a single maintenance grant runs to the end of its own term', () => {
  expect(maintenanceEnd([{ termYears: 3, termEnd: '2028-01-10', activatedAt: '2025-02-01T10:00:00Z' }])).toBe('2028-01-10');
});

test('a later maintenance grant extends the end by its own term', () => {
  const grants: MaintenanceGrant[] = [
    { termYears: 1, termEnd: '2026-01-10', activatedAt: '2025-02-01T10:00:00Z' },
    { termYears: 3, termEnd: '2028-09-01', activatedAt: '2025-11-01T10:00:00Z' },
  ];
  expect(maintenanceEnd(grants)).toBe('2029-01-10');
});

test('maintenance grants stack in activation order whatever order they are listed in', () => {
  const first: MaintenanceGrant = { termYears: 3, termEnd: '2027-05-01', activatedAt: '2024-05-02T08:00:00Z' };
  const second: MaintenanceGrant = { termYears: 1, termEnd: '2026-12-31', activatedAt: '2026-01-01T08:00:00Z' };
  const third: MaintenanceGrant = { termYears: 3, termEnd: '2030-01-01', activatedAt: '2027-01-01T08:00:00Z' };
  expect(maintenanceEnd([first, second, third])).toBe('2031-05-01');
  expect(maintenanceEnd([third, first, second])).toBe('2031-05-01');
  expect(maintenanceEnd([second, third, first])).toBe('2031-05-01');
});

test('stacked maintenance ending on 29 February is extended to 28 February', () => {
  const grants: MaintenanceGrant[] = [
    { termYears: 1, termEnd: '2028-02-29', activatedAt: '2027-03-01T00:00:00Z' },
    { termYears: 1, termEnd: '2029-01-01', activatedAt: '2028-01-01T00:00:00Z' },
  ];
  expect(maintenanceEnd(grants)).toBe('2029-02-28');
});

test('the end of stacked maintenance is the first term end plus every later term', () => {
  const grant = fc.record({
    termYears: fc.constantFrom(1, 3),
    activatedAt: fc.integer({ min: 0, max: 3650 }).map((d) => `${addDays('2024-01-01', d)}T09:00:00Z`),
  });
  fc.assert(
    fc.property(fc.array(grant, { minLength: 1, maxLength: 6 }), (raw) => {
      const grants = raw.map((g) => ({ ...g, termEnd: addYears(g.activatedAt.slice(0, 10), g.termYears) }));
      const ordered = [...grants].sort((a, b) => a.activatedAt.localeCompare(b.activatedAt));
      const laterYears = ordered.slice(1).reduce((sum, g) => sum + g.termYears, 0);
      const end = maintenanceEnd(grants)!;
      expect(end >= ordered[0].termEnd).toBe(true);
      // Years add up; only a 29 February end can lose a day along the way.
      const byYears = addYears(ordered[0].termEnd, laterYears);
      expect([byYears, addDays(byYears, -1)]).toContain(end);
    }),
    { numRuns: 200 },
  );
});
