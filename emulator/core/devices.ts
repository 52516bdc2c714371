import { DEVICE_STATES, deviceColour, operationAllowed, type DeviceColour, type DeviceEvent, type DeviceOperation, type DeviceState } from '../../models/device.machine';
import { deviceStateName, nextDeviceState, NOT_HANDLED, stateIndex } from '../../models/device.table';
import { licensedDeviceCount } from '../../models/smartserver';
import type { CoreContext } from './context';
import { conflict, notFound } from './problems';
import { recordTransition } from './coverage';

export type Protocol = 'lon' | 'bacnet' | 'modbus';
export const PROTOCOLS: readonly Protocol[] = ['lon', 'bacnet', 'modbus'];

/** Provision states as `/iap/devs` reports them: lowercase in `status.state`, uppercase in the `sts` filter. */
export type ProvisionState = 'unprovisioned' | 'provisioning' | 'provisioned' | 'unprovisioning';
export const PROVISION_STATES: readonly ProvisionState[] = ['provisioned', 'unprovisioned', 'provisioning', 'unprovisioning'];
export type DeviceHealth = 'normal' | 'marginal' | 'suspect' | 'down';
export const DEVICE_HEALTHS: readonly DeviceHealth[] = ['normal', 'marginal', 'suspect', 'down'];

export interface Device {
  id: number;
  name: string;
  protocol: Protocol;
  uid: string;
  state: DeviceState;
  colour: DeviceColour;
  licensed: boolean;
  /** As the public /iap/devs answer shapes it; health stays "nascent" until the device is provisioned. */
  status: { state: ProvisionState; health: DeviceHealth | 'nascent' };
  /** An emulator extension: the public /iap/devs example predates licensing and shows no licence field. */
  lic: { licensed: boolean };
}

interface DeviceRow {
  seq: number;
  name: string;
  protocol: Protocol;
  uid: string;
  state: number;
}

const UNLICENSED = stateIndex('unlicensed');

function deviceStatus(state: DeviceState): Device['status'] {
  const [provision, health] = state.split('.') as [string, DeviceHealth | undefined];
  // The device machine has no "unlicensed" provision state: an unlicensed device is not provisioned.
  return { state: provision === 'unlicensed' ? 'unprovisioned' : (provision as ProvisionState), health: health ?? 'nascent' };
}

const toDevice = (row: DeviceRow): Device => {
  const state = deviceStateName(row.state);
  const licensed = row.state !== UNLICENSED;
  return {
    id: row.seq, name: row.name, protocol: row.protocol, uid: row.uid, state, colour: deviceColour(state), licensed,
    status: deviceStatus(state), lic: { licensed },
  };
};

/** The devices in creation order, optionally only those in the given provision states. */
export function listDevices(ctx: CoreContext, installCode: string, provisionStates?: readonly ProvisionState[]): Device[] {
  const devices = ctx.db.prepare<[string], DeviceRow>('SELECT seq, name, protocol, uid, state FROM devices WHERE install_code = ? ORDER BY seq')
    .all(installCode).map(toDevice);
  return provisionStates ? devices.filter((d) => provisionStates.includes(d.status.state)) : devices;
}

export function countDevices(ctx: CoreContext, installCode: string, provisionStates?: readonly ProvisionState[]): number {
  if (provisionStates) return listDevices(ctx, installCode, provisionStates).length;
  return ctx.db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM devices WHERE install_code = ?').get(installCode)!.n;
}

export function getDevice(ctx: CoreContext, installCode: string, id: number): Device {
  const row = ctx.db.prepare<[string, number], DeviceRow>('SELECT seq, name, protocol, uid, state FROM devices WHERE install_code = ? AND seq = ?').get(installCode, id);
  if (!row) throw notFound('device', `${id} on SmartServer ${installCode}`);
  return toDevice(row);
}

/** Adds devices in the unlicensed state; `relicense` then licenses those the capacity admits. */
export function addDevices(ctx: CoreContext, installCode: string, devices: { name: string; protocol: Protocol; uid: string }[]): void {
  const next = ctx.db.prepare<[string], { n: number }>('SELECT COALESCE(MAX(seq), 0) AS n FROM devices WHERE install_code = ?').get(installCode)!.n;
  const insert = ctx.db.prepare('INSERT INTO devices (install_code, seq, name, protocol, uid, state) VALUES (?, ?, ?, ?, ?, ?)');
  devices.forEach((d, i) => insert.run(installCode, next + i + 1, d.name, d.protocol, d.uid, UNLICENSED));
}

/**
 * Re-derives which devices are licensed after the capacity changed: the first devices in creation
 * order, as many as the capacity admits (the SmartServer itself takes one place), get LICENSE; the
 * rest get UNLICENSE. Transitions come from the table derived from the device machine.
 */
export function relicense(ctx: CoreContext, installCode: string, capacity: number): void {
  const rows = ctx.db.prepare<[string], { seq: number; state: number }>('SELECT seq, state FROM devices WHERE install_code = ? ORDER BY seq').all(installCode);
  const admitted = licensedDeviceCount(capacity, rows.length);
  const update = ctx.db.prepare('UPDATE devices SET state = ? WHERE install_code = ? AND seq = ?');
  rows.forEach((row, i) => {
    const event: DeviceEvent['type'] = i < admitted ? 'LICENSE' : 'UNLICENSE';
    const next = nextDeviceState(row.state, event);
    if (next !== NOT_HANDLED && next !== row.state) {
      update.run(next, installCode, row.seq);
      recordTransition(ctx.db, 'device', deviceStateName(row.state), deviceStateName(next), event);
    }
  });
}

/** The device-machine events each device action sends, in order. */
export const OPERATION_EVENTS: Partial<Record<DeviceOperation | 'deprovision', DeviceEvent['type'][]>> = {
  provision: ['PROVISION', 'PROVISIONING_SUCCEEDED'],
  deprovision: ['DEPROVISION'],
};

const HEALTH_EVENTS: Record<DeviceHealth, DeviceEvent['type']> = {
  normal: 'HEALTH_NORMAL', marginal: 'HEALTH_MARGINAL', suspect: 'HEALTH_SUSPECT', down: 'HEALTH_DOWN',
};

/** A provisioned device reports its health; the device machine ignores reports from any other state. */
export function reportHealth(ctx: CoreContext, installCode: string, id: number, health: DeviceHealth): Device {
  const device = getDevice(ctx, installCode, id);
  const from = stateIndex(device.state);
  const event = HEALTH_EVENTS[health];
  const next = nextDeviceState(from, event);
  if (next === NOT_HANDLED) {
    throw conflict('device-state', `Device ${device.name} is ${device.state}; only a provisioned device reports its health. Provision it first.`);
  }
  if (next !== from) recordTransition(ctx.db, 'device', deviceStateName(from), deviceStateName(next), event);
  ctx.db.prepare('UPDATE devices SET state = ? WHERE install_code = ? AND seq = ?').run(next, installCode, id);
  return getDevice(ctx, installCode, id);
}

/** Forgets every device of a SmartServer (Reset Databases, Restore Factory Settings, re-imaging). */
export function clearDevices(ctx: CoreContext, installCode: string): number {
  return ctx.db.prepare('DELETE FROM devices WHERE install_code = ?').run(installCode).changes;
}

export type DeviceAction = DeviceOperation | 'deprovision';

/** Runs a device operation: refused for an unlicensed device when it needs to talk to the device. */
export function operateDevice(ctx: CoreContext, installCode: string, id: number, action: DeviceAction): Device {
  const device = getDevice(ctx, installCode, id);
  if (action !== 'deprovision' && !operationAllowed(device.state, action)) {
    throw conflict('device-unlicensed', `Device ${device.name} is unlicensed (purple); ${action} needs a device capacity license with room for it.`);
  }
  let state = stateIndex(device.state);
  for (const event of OPERATION_EVENTS[action] ?? []) {
    const next = nextDeviceState(state, event);
    if (next === NOT_HANDLED) throw conflict('device-state', `Device ${device.name} is ${device.state}; it cannot ${action} now.`);
    recordTransition(ctx.db, 'device', deviceStateName(state), deviceStateName(next), event);
    state = next;
  }
  ctx.db.prepare('UPDATE devices SET state = ? WHERE install_code = ? AND seq = ?').run(state, installCode, id);
  return getDevice(ctx, installCode, id);
}

export function coloursOf(devices: readonly Device[]): Record<DeviceColour, number> {
  const counts = Object.fromEntries(DEVICE_STATES.map((s) => [deviceColour(s), 0])) as Record<DeviceColour, number>;
  for (const d of devices) counts[d.colour] += 1;
  return counts;
}
