import { expect, test } from 'vitest';
import { initialTransition } from 'xstate';
import { applySmartServerEvent, RefusedError } from './apply';
import type { Refusal } from './refusal';
import {
  activationTarget,
  capacityBadge,
  deviceSlots,
  heldMaintenanceEnd,
  licensedCapacity,
  licensedDeviceCount,
  smartServerMachine,
  smartServerRefusal,
  usedCapacity,
  type HeldLicense,
  type SmartServerLicensing,
} from './smartserver';

const AT = '2025-03-01T12:00:00Z';

function held(licenseId: string, kind: HeldLicense['kind'], capacity: number, extra: Partial<HeldLicense> = {}): HeldLicense {
  return { licenseId, kind, capacity, activatedAt: AT, mode: 'online', ...extra };
}

function server(over: Partial<SmartServerLicensing> = {}): SmartServerLicensing {
  return { installCode: 'a1b2c3d', edition: 'standard', online: true, licenses: [], maintenanceRule: 'exact', ...over };
}

function refusalOf(fn: () => unknown): Refusal {
  try {
    fn();
  } catch (error) {
    if (error instanceof RefusedError) return error.refusal;
    throw error;
  }
  throw new Error('expected the event to be refused');
}

test('capacity and trial licenses add up to the licensed capacity', () => {
  expect(licensedCapacity([])).toBe(0);
  expect(licensedCapacity([held('a', 'capacity', 200)])).toBe(200);
  expect(licensedCapacity([held('a', 'capacity', 200), held('b', 'capacity', 50), held('c', 'trial', 5)])).toBe(255);
});

test('maintenance and core licenses add no capacity', () => {
  expect(licensedCapacity([held('m', 'maintenance', 200), held('c', 'core', 0)])).toBe(0);
  expect(licensedCapacity([held('a', 'capacity', 10), held('m', 'maintenance', 1000)])).toBe(10);
});

test('the SmartServer takes one place of the capacity', () => {
  expect(deviceSlots(0)).toBe(0);
  expect(deviceSlots(1)).toBe(0);
  expect(deviceSlots(5)).toBe(4);
  expect(deviceSlots(200)).toBe(199);
});

test('defined devices are licensed up to the capacity left after the SmartServer', () => {
  expect(licensedDeviceCount(10, 3)).toBe(3);
  expect(licensedDeviceCount(10, 9)).toBe(9);
  expect(licensedDeviceCount(10, 10)).toBe(9);
  expect(licensedDeviceCount(10, 50)).toBe(9);
  expect(licensedDeviceCount(0, 50)).toBe(0);
  expect(licensedDeviceCount(1, 50)).toBe(0);
});

test('used capacity counts the SmartServer plus its licensed devices', () => {
  expect(usedCapacity(10, 0)).toBe(1);
  expect(usedCapacity(10, 3)).toBe(4);
  expect(usedCapacity(10, 50)).toBe(10);
  expect(usedCapacity(210, 120)).toBe(121);
});

test('the red badge shows when there is no capacity at all', () => {
  expect(capacityBadge(0, 0)).toBe(true);
  expect(capacityBadge(0, 5)).toBe(true);
});

test('the red badge shows when the capacity is below the defined devices plus the SmartServer', () => {
  expect(capacityBadge(10, 9)).toBe(false);
  expect(capacityBadge(10, 10)).toBe(true);
  expect(capacityBadge(10, 50)).toBe(true);
  expect(capacityBadge(1, 0)).toBe(false);
  expect(capacityBadge(200, 0)).toBe(false);
});

test('a SmartServer maintenance end stacks only its maintenance licenses', () => {
  const licenses = [
    held('cap', 'capacity', 200),
    held('m1', 'maintenance', 200, { termYears: 1, termEnd: '2026-01-10', activatedAt: '2025-02-01T00:00:00Z' }),
    held('m2', 'maintenance', 200, { termYears: 3, termEnd: '2028-06-01', activatedAt: '2025-06-01T00:00:00Z' }),
  ];
  expect(heldMaintenanceEnd(licenses)).toBe('2029-01-10');
  expect(heldMaintenanceEnd([held('cap', 'capacity', 200)])).toBeUndefined();
});

test('the activation target counts the capacity of the batch being activated', () => {
  const s = server({
    edition: 'pi',
    maintenanceRule: 'at-least',
    licenses: [held('cap', 'capacity', 50), held('m', 'maintenance', 50, { termYears: 3, termEnd: '2027-01-01' })],
  });
  const target = activationTarget(s, [
    { kind: 'capacity', capacity: 200 },
    { kind: 'maintenance', capacity: 1000 },
  ]);
  expect(target).toEqual({ capacityAfter: 250, maintenanceEnd: '2027-01-01', edition: 'pi', maintenanceRule: 'at-least' });
  expect(activationTarget(server(), []).capacityAfter).toBe(0);
  expect(activationTarget(server(), []).maintenanceEnd).toBeUndefined();
});

test('a SmartServer with capacity is licensed and one with only maintenance is not', () => {
  expect(initialTransition(smartServerMachine, server({ licenses: [held('a', 'capacity', 10)] }))[0].value).toBe('licensed');
  expect(initialTransition(smartServerMachine, server({ licenses: [held('m', 'maintenance', 10)] }))[0].value).toBe('unlicensed');
  expect(initialTransition(smartServerMachine, server())[0].value).toBe('unlicensed');
});

test('an online SmartServer activates licenses from the cloud and holds them', () => {
  const after = applySmartServerEvent(server(), { type: 'ACTIVATE', via: 'cloud', licenses: [held('a', 'capacity', 200), held('b', 'trial', 5)] });
  expect(after.licenses.map((l) => l.licenseId)).toEqual(['a', 'b']);
  expect(licensedCapacity(after.licenses)).toBe(205);
  const more = applySmartServerEvent(after, { type: 'ACTIVATE', via: 'cloud', licenses: [held('c', 'capacity', 50)] });
  expect(licensedCapacity(more.licenses)).toBe(255);
});

test('an offline SmartServer cannot activate from the cloud', () => {
  const offline = server({ online: false });
  const refusal = refusalOf(() => applySmartServerEvent(offline, { type: 'ACTIVATE', via: 'cloud', licenses: [held('a', 'capacity', 10)] }));
  expect(refusal.code).toBe('smartserver-offline');
  expect(refusal.kind).toBe('state');
  expect(refusal.message).toContain('a1b2c3d');
});

test('an offline SmartServer activates licenses from an offline file', () => {
  const offline = server({ online: false });
  const after = applySmartServerEvent(offline, { type: 'ACTIVATE', via: 'file', licenses: [held('a', 'capacity', 10, { mode: 'offline' })] });
  expect(after.licenses).toHaveLength(1);
  expect(after.online).toBe(false);
});

test('returning all licenses to the cloud empties the SmartServer', () => {
  const s = server({ licenses: [held('a', 'capacity', 200), held('m', 'maintenance', 200)] });
  const after = applySmartServerEvent(s, { type: 'RETURN_ALL', at: AT });
  expect(after.licenses).toEqual([]);
  expect(licensedCapacity(after.licenses)).toBe(0);
});

test('returning licenses keeps a SmartServer Pi Core license, which never goes back to the cloud', () => {
  const s = server({ edition: 'pi', licenses: [held('c', 'core', 0), held('a', 'capacity', 50)] });
  const after = applySmartServerEvent(s, { type: 'RETURN_ALL', at: AT });
  expect(after.licenses.map((l) => l.licenseId)).toEqual(['c']);
  expect(licensedCapacity(after.licenses)).toBe(0);
});

test('returning licenses needs an Internet connection', () => {
  const s = server({ online: false, licenses: [held('a', 'capacity', 200)] });
  const refusal = refusalOf(() => applySmartServerEvent(s, { type: 'RETURN_ALL', at: AT }));
  expect(refusal.code).toBe('smartserver-offline');
  expect(refusal.message).toContain('only online');
});

test('a SmartServer without licenses has nothing to return', () => {
  expect(refusalOf(() => applySmartServerEvent(server(), { type: 'RETURN_ALL', at: AT })).code).toBe('no-licenses');
});

test('a SmartServer holding only maintenance can return it', () => {
  const after = applySmartServerEvent(server({ licenses: [held('m', 'maintenance', 10)] }), { type: 'RETURN_ALL', at: AT });
  expect(after.licenses).toEqual([]);
});

test('the Internet connection can be switched off and on', () => {
  const off = applySmartServerEvent(server(), { type: 'SET_ONLINE', online: false });
  expect(off.online).toBe(false);
  expect(refusalOf(() => applySmartServerEvent(off, { type: 'ACTIVATE', via: 'cloud', licenses: [] })).code).toBe('smartserver-offline');
  const on = applySmartServerEvent(off, { type: 'SET_ONLINE', online: true });
  expect(on.online).toBe(true);
});

test('smartServerRefusal accepts what the SmartServer may do', () => {
  expect(smartServerRefusal(server(), { type: 'ACTIVATE', via: 'cloud', licenses: [] })).toBeUndefined();
  expect(smartServerRefusal(server({ online: false }), { type: 'ACTIVATE', via: 'file', licenses: [] })).toBeUndefined();
  expect(smartServerRefusal(server({ online: false }), { type: 'SET_ONLINE', online: true })).toBeUndefined();
});

test('applying a SmartServer event leaves the stored state unchanged', () => {
  const s = server({ licenses: [held('a', 'capacity', 10)] });
  const before = structuredClone(s);
  applySmartServerEvent(s, { type: 'ACTIVATE', via: 'cloud', licenses: [held('b', 'capacity', 50)] });
  applySmartServerEvent(s, { type: 'RETURN_ALL', at: AT });
  expect(s).toEqual(before);
});
