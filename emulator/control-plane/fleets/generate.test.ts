import { SimpleFaker } from '@faker-js/faker';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { readFleetFile, withSeed, type FleetDescription } from './description';
import { drawCount, membersWith, planFleet, seededDraws } from './generate';

const campus = () => withSeed(readFleetFile(join(__dirname, 'examples', 'campus.yaml')));

test('the same description and seed give the same fleet; another seed gives another', () => {
  const one = planFleet(campus());
  expect(planFleet(campus())).toEqual(one);
  const other = planFleet({ ...campus(), seed: 2027, password: undefined });
  expect(other.installCodes).not.toEqual(one.installCodes);
  // The seed is in the fleet file: no password is ever drawn from it.
  expect(other.password).toBeUndefined();
  expect(planFleet({ ...campus(), seed: 2027, password: undefined }, { password: 'given-elsewhere' }).password).toBe('given-elsewhere');
});

test('identifiers take the formats the products use: install codes, hostnames as names, segment controller IDs', () => {
  const fleet = planFleet(withSeed({ name: 'formats', seed: 'text seeds work too', smartServers: [{ count: 500 }] }));
  for (const s of fleet.smartServers) {
    expect(s.installCode).toMatch(/^17q[0-9a-z]{4}$/);
    expect(s.name).toBe(`smartserver-${s.installCode}`);
    expect(s.segmentControllerId).toMatch(/^[A-HJ-NP-Za-km-z2-9]{8}$/);
  }
  expect(new Set(fleet.installCodes).size).toBe(500);
  expect(new Set(fleet.smartServers.map((s) => s.segmentControllerId)).size).toBe(500);
});

test('group attributes: name templates, fixed codes, releases by weight, Pi and online shares, users', () => {
  const plan = planFleet(campus());
  const byGroup = (label: string) => plan.smartServers.filter((s) => plan.groups[s.group].label === label);
  expect(byGroup('library').map((s) => s.name)).toEqual(['Library 1', 'Library 2', 'Library 3', 'Library 4']);
  expect(byGroup('plant')).toEqual([
    expect.objectContaining({ installCode: '17qcamp', name: 'Central plant', version: '3.2', online: false, devices: { lon: 40, bacnet: 0, modbus: 10 } }),
  ]);
  expect(byGroup('residences').every((s) => s.edition === 'pi' && ['4.2', '4.3'].includes(s.version))).toBe(true);
  expect(byGroup('laboratories').every((s) => ['4.0', '3.3 Update 1'].includes(s.version))).toBe(true);
  expect(plan.groups[1].users.map((u) => u.username)).toEqual(['owner', 'technician']);
  expect(plan.groups[0].users).toEqual([{ username: 'owner', userType: 'Owner' }]);
  expect(plan.totals).toMatchObject({ smartServers: 21, pi: 6 });

  const shares = planFleet(withSeed({ name: 'shares', seed: 1, smartServers: [{ count: 2000, online: 0.25, version: { '4.0': 3, '3.3': 1 } }] }));
  expect(shares.totals.online / 2000).toBeGreaterThan(0.2);
  expect(shares.totals.online / 2000).toBeLessThan(0.3);
  expect(shares.smartServers.filter((s) => s.version === '4.0').length / 2000).toBeGreaterThan(0.7);
});

test('device counts: fixed, uniform within its bounds, normal around its mean, and never below zero', () => {
  const draws = seededDraws([7]);
  expect(drawCount(draws, 12)).toBe(12);
  expect(drawCount(draws, undefined)).toBe(0);
  const uniform = Array.from({ length: 2000 }, () => drawCount(draws, { uniform: [5, 9] }));
  expect(Math.min(...uniform)).toBe(5);
  expect(Math.max(...uniform)).toBe(9);
  const normal = Array.from({ length: 4000 }, () => drawCount(draws, { normal: { mean: 100, sd: 10 } }));
  const mean = normal.reduce((a, b) => a + b, 0) / normal.length;
  expect(mean).toBeGreaterThan(98);
  expect(mean).toBeLessThan(102);
  expect(normal.every(Number.isInteger)).toBe(true);
  const clamped = Array.from({ length: 1000 }, () => drawCount(draws, { normal: { mean: 1, sd: 50 } }));
  expect(Math.min(...clamped)).toBe(0);
});

test('codes in use are avoided; codes decided elsewhere are used as given; a share spells out its own positions with whole-fleet totals', () => {
  const fleet: FleetDescription & { seed: number } = { name: 'share', seed: 9, smartServers: [{ count: 10, devices: { lon: { uniform: [0, 50] } } }] };
  const whole = planFleet(fleet);
  const avoiding = planFleet(fleet, { taken: (code) => code === whole.installCodes[3] });
  expect(avoiding.installCodes).not.toContain(whole.installCodes[3]);
  expect(avoiding.installCodes.slice(0, 3)).toEqual(whole.installCodes.slice(0, 3));
  const given = whole.installCodes.map((_, i) => `given${String(i).padStart(2, '0')}`);
  expect(planFleet(fleet, { installCodes: given }).smartServers.map((s) => s.installCode)).toEqual(given);
  const share = planFleet(fleet, { keep: (p) => p % 3 === 1 });
  expect(share.smartServers.map((s) => s.position)).toEqual([1, 4, 7]);
  expect(share.smartServers).toEqual(whole.smartServers.filter((s) => s.position % 3 === 1));
  expect(share.totals).toEqual(whole.totals);
});

test('a share is kept exactly in every group: four in five of the example campus labs are online, and which ones the seed decides', () => {
  const plan = planFleet(campus());
  const labs = plan.smartServers.filter((s) => plan.groups[s.group].label === 'laboratories');
  expect(labs.filter((s) => s.online)).toHaveLength(8);
  expect(plan.smartServers.filter((s) => plan.groups[s.group].label === 'library').every((s) => s.online)).toBe(true);
  expect(plan.totals.online).toBe(4 + 8 + 6);
  const otherSeed = planFleet({ ...campus(), seed: 7 }).smartServers.filter((s) => s.group === labs[0].group);
  expect(otherSeed.filter((s) => s.online)).toHaveLength(8);
  expect(otherSeed.map((s) => s.online)).not.toEqual(labs.map((s) => s.online));

  const draws = seededDraws([3]);
  expect(membersWith(draws, 0.25, true, 10).filter(Boolean)).toHaveLength(3); // 2.5 rounds to 3
  expect(membersWith(draws, undefined, true, 4)).toEqual([true, true, true, true]);
  expect(membersWith(draws, false, true, 2)).toEqual([false, false]);
  expect(membersWith(draws, 1, false, 2)).toEqual([true, true]);
  expect(membersWith(draws, 0, true, 2)).toEqual([false, false]);
});

test("the draws are faker's for the same seed, so a fleet file makes the same fleet as when faker drew each value itself", () => {
  const faker = new SimpleFaker();
  faker.seed([2026, 2]);
  const draws = seededDraws([2026, 2]);
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  for (let i = 0; i < 2000; i++) {
    expect(draws.chars(alphabet, 8)).toBe(faker.string.fromCharacters(alphabet, 8));
    expect(draws.int(i % 7, 40)).toBe(faker.number.int({ min: i % 7, max: 40 }));
    expect(draws.float(0, 4)).toBe(faker.number.float({ min: 0, max: 4 }));
    // One choice takes no draw, in either.
    expect(draws.int(5, 5)).toBe(faker.number.int({ min: 5, max: 5 }));
  }
});
