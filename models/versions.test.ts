import fc from 'fast-check';
import { expect, test } from 'vitest';
import { changeNeedsMaintenance, classifyChange, compareVersions, formatVersion, needsLicensing, parseVersion, supportsPi, type Version } from './versions';

const v = (text: string): Version => {
  const parsed = parseVersion(text);
  if (!parsed) throw new Error(`unparsable ${text}`);
  return parsed;
};

const version = fc.record({ major: fc.integer({ min: 0, max: 9 }), minor: fc.integer({ min: 0, max: 9 }), update: fc.integer({ min: 0, max: 5 }) });

test('a release version parses into major and minor', () => {
  expect(parseVersion('3.3')).toEqual({ major: 3, minor: 3, update: 0 });
  expect(parseVersion('4.0')).toEqual({ major: 4, minor: 0, update: 0 });
  expect(parseVersion('3.10')).toEqual({ major: 3, minor: 10, update: 0 });
});

test('an Update release parses with its update number', () => {
  expect(parseVersion('3.3 Update 1')).toEqual({ major: 3, minor: 3, update: 1 });
  expect(parseVersion('  4.2 update 12 ')).toEqual({ major: 4, minor: 2, update: 12 });
});

test('text that is not a version does not parse', () => {
  for (const text of ['', '3', '3.', 'v3.3', '3.3.1', '3.3 Update', '3.3 Patch 1', 'three.three']) {
    expect(parseVersion(text), text).toBeUndefined();
  }
});

test('versions format as the release notes name them', () => {
  expect(formatVersion({ major: 3, minor: 3, update: 0 })).toBe('3.3');
  expect(formatVersion({ major: 3, minor: 3, update: 1 })).toBe('3.3 Update 1');
});

test('formatting and parsing a version give the same version back', () => {
  fc.assert(
    fc.property(version, (ver) => {
      expect(parseVersion(formatVersion(ver))).toEqual(ver);
    }),
    { numRuns: 200 },
  );
});

test('versions order by major, then minor, then update', () => {
  expect(compareVersions(v('3.3'), v('3.4'))).toBeLessThan(0);
  expect(compareVersions(v('3.10'), v('3.9'))).toBeGreaterThan(0);
  expect(compareVersions(v('3.9'), v('4.0'))).toBeLessThan(0);
  expect(compareVersions(v('3.3 Update 2'), v('3.3 Update 1'))).toBeGreaterThan(0);
  expect(compareVersions(v('3.3'), v('3.3 Update 0'))).toBe(0);
});

test('a new minor or major release is an upgrade', () => {
  expect(classifyChange(v('3.3'), v('3.4'))).toBe('upgrade');
  expect(classifyChange(v('3.3'), v('4.0'))).toBe('upgrade');
  expect(classifyChange(v('3.3 Update 1'), v('3.4'))).toBe('upgrade');
});

test('an Update release of the same minor is an update', () => {
  expect(classifyChange(v('3.3'), v('3.3 Update 1'))).toBe('update');
  expect(classifyChange(v('3.3 Update 1'), v('3.3 Update 2'))).toBe('update');
});

test('the same release is same and an older one is a downgrade', () => {
  expect(classifyChange(v('3.4'), v('3.4'))).toBe('same');
  expect(classifyChange(v('3.4'), v('3.3'))).toBe('downgrade');
  expect(classifyChange(v('3.3 Update 1'), v('3.3'))).toBe('downgrade');
  expect(classifyChange(v('4.0'), v('3.9'))).toBe('downgrade');
});

test('a change and its reverse are upgrade-or-update and downgrade', () => {
  fc.assert(
    fc.property(version, version, (a, b) => {
      const forward = classifyChange(a, b);
      const back = classifyChange(b, a);
      if (forward === 'same') expect(back).toBe('same');
      else if (forward === 'downgrade') expect(['upgrade', 'update']).toContain(back);
      else expect(back).toBe('downgrade');
    }),
    { numRuns: 200 },
  );
});

test('upgrading from 3.3 to 3.4 or 4.0 needs maintenance', () => {
  expect(changeNeedsMaintenance(v('3.3'), v('3.4'))).toBe(true);
  expect(changeNeedsMaintenance(v('3.3'), v('4.0'))).toBe(true);
  expect(changeNeedsMaintenance(v('3.3 Update 1'), v('3.4'))).toBe(true);
});

test('updating from 3.3 to 3.3 Update 1 needs no maintenance', () => {
  expect(changeNeedsMaintenance(v('3.3'), v('3.3 Update 1'))).toBe(false);
});

test('re-imaging to the same or an older release needs no maintenance', () => {
  expect(changeNeedsMaintenance(v('3.4'), v('3.4'))).toBe(false);
  expect(changeNeedsMaintenance(v('4.0'), v('3.3'))).toBe(false);
});

test('upgrading from 3.2 to 3.3 needs no maintenance because 3.2 is unlicensed', () => {
  expect(changeNeedsMaintenance(v('3.2'), v('3.3'))).toBe(false);
  expect(changeNeedsMaintenance(v('3.1'), v('4.0'))).toBe(false);
});

test('license management applies from 3.3 on', () => {
  expect(needsLicensing(v('3.2'))).toBe(false);
  expect(needsLicensing(v('3.2 Update 5'))).toBe(false);
  expect(needsLicensing(v('2.9'))).toBe(false);
  expect(needsLicensing(v('3.3'))).toBe(true);
  expect(needsLicensing(v('3.3 Update 1'))).toBe(true);
  expect(needsLicensing(v('4.0'))).toBe(true);
});

test('SmartServer Pi exists from 4.2 on', () => {
  expect(supportsPi(v('4.1'))).toBe(false);
  expect(supportsPi(v('4.1 Update 3'))).toBe(false);
  expect(supportsPi(v('3.9'))).toBe(false);
  expect(supportsPi(v('4.2'))).toBe(true);
  expect(supportsPi(v('4.3'))).toBe(true);
  expect(supportsPi(v('5.0'))).toBe(true);
});
