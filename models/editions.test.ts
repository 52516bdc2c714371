import { expect, test } from 'vitest';
import {
  admittedCapacity,
  deviceCreationRefusal,
  devicesReachable,
  featureAvailability,
  FEATURES,
  licenseManagementRefusal,
  ROUTING_FEATURES,
  type SmartServerFacts,
} from './editions';
import type { HeldLicense } from './smartserver';
import { parseVersion } from './versions';

const AT = '2026-01-05T09:00:00Z';
const held = (kind: HeldLicense['kind'], capacity: number): HeldLicense => ({
  licenseId: `${kind}-${capacity}`,
  kind,
  capacity,
  activatedAt: AT,
  mode: 'online',
});
const facts = (version: string, licenses: HeldLicense[] = [], edition: 'standard' | 'pi' = 'standard'): SmartServerFacts => ({
  installCode: '17q5t6a',
  edition,
  version: parseVersion(version)!,
  licenses,
});

test('up to 3.2 every device is admitted; from 3.3 the capacity licenses decide', () => {
  expect(admittedCapacity(facts('3.2'))).toBe(Number.POSITIVE_INFINITY);
  expect(admittedCapacity(facts('3.2 Update 2'))).toBe(Number.POSITIVE_INFINITY);
  expect(admittedCapacity(facts('3.3'))).toBe(0);
  expect(admittedCapacity(facts('4.0', [held('capacity', 50), held('trial', 5), held('maintenance', 50)]))).toBe(55);
});

test('devices are reachable only with some capacity, or without license management', () => {
  expect(devicesReachable(facts('4.0'))).toBe(false);
  expect(devicesReachable(facts('4.0', [held('maintenance', 10)]))).toBe(false);
  expect(devicesReachable(facts('4.0', [held('trial', 5)]))).toBe(true);
  expect(devicesReachable(facts('3.2'))).toBe(true);
});

test('license management is refused before 3.3, naming the release', () => {
  expect(licenseManagementRefusal(facts('3.3'))).toBeUndefined();
  const refusal = licenseManagementRefusal(facts('3.2'))!;
  expect(refusal).toMatchObject({ code: 'no-license-management', kind: 'state' });
  expect(refusal.message).toContain('3.2');
});

test('a standard SmartServer creates any device without a license', () => {
  for (const protocol of ['lon', 'bacnet', 'modbus']) expect(deviceCreationRefusal(facts('4.0'), protocol, 'create')).toBeUndefined();
});

test('a SmartServer Pi needs its Core license to create, discover or import devices', () => {
  for (const origin of ['create', 'discover', 'import'] as const) {
    const refusal = deviceCreationRefusal(facts('4.3', [], 'pi'), 'bacnet', origin)!;
    expect(refusal).toMatchObject({ code: 'core-license-required', kind: 'state' });
    expect(refusal.message).toContain(origin);
  }
  expect(deviceCreationRefusal(facts('4.3', [held('core', 0)], 'pi'), 'bacnet', 'discover')).toBeUndefined();
});

test('a SmartServer Pi takes LON devices from 4.3 on; 4.2 and its Updates refuse them', () => {
  const core = [held('core', 0)];
  expect(deviceCreationRefusal(facts('4.2', core, 'pi'), 'lon', 'create')).toMatchObject({ code: 'lon-needs-pi-4.3', kind: 'rule' });
  expect(deviceCreationRefusal(facts('4.2 Update 3', core, 'pi'), 'lon', 'create')?.code).toBe('lon-needs-pi-4.3');
  expect(deviceCreationRefusal(facts('4.3', core, 'pi'), 'lon', 'create')).toBeUndefined();
  expect(deviceCreationRefusal(facts('4.2', core, 'pi'), 'modbus', 'create')).toBeUndefined();
});

test('routing works without capacity; scheduler and data logging need reachable devices', () => {
  const bare = facts('4.0');
  for (const feature of ROUTING_FEATURES) expect(featureAvailability(bare, feature).available, feature).toBe(true);
  expect(featureAvailability(bare, 'scheduler')).toMatchObject({ available: false });
  expect(featureAvailability(bare, 'data-logging').reason).toContain('capacity');
  const licensed = facts('4.0', [held('capacity', 10)]);
  for (const feature of FEATURES) expect(featureAvailability(licensed, feature).available, feature).toBe(true);
});

test('on a SmartServer Pi every feature needs Core, and the LON ones 4.3', () => {
  for (const feature of FEATURES) expect(featureAvailability(facts('4.3', [held('capacity', 10)], 'pi'), feature).reason, feature).toContain('Core');
  const withCore = facts('4.2', [held('core', 0)], 'pi');
  expect(featureAvailability(withCore, 'bacnet-routing').available).toBe(true);
  expect(featureAvailability(withCore, 'lon-routing')).toMatchObject({ available: false });
  expect(featureAvailability(facts('4.3', [held('core', 0)], 'pi'), 'lon-rni').available).toBe(true);
});
