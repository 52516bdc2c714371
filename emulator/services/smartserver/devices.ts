import {
  DEVICE_STATES,
  deviceColour,
  operationAllowed,
  type DeviceColour,
  type DeviceEvent,
  type DeviceOperation,
  type DeviceState,
} from '../../../models/device.machine';
import { deviceStateName, nextDeviceState, NOT_HANDLED, stateIndex } from '../../../models/device.table';
import { licensedDeviceCount } from '../../../models/smartserver';
import type { CoreContext } from '../../kernel/context';
import { conflict, notFound } from '../../kernel/problems';
import { recordTransition } from '../../kernel/coverage';
import type { Db } from '../../kernel/sql';
import { type DeviceHealth, PROTOCOLS, type Protocol, type ProvisionState } from '../../kernel/vocabulary';
import { hashText, mix } from '../../kernel/hashing';
import { KeptByVersion } from './kept-by-version';
import { rowVersions } from './records';

/** Provision states as `/iap/devs` reports them: lowercase in `status.state`, uppercase in the `sts` filter. */

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

/**
 * The devices of one SmartServer are one BLOB with a byte ("cell") per device, in creation order
 * (device id = position + 1). A cell packs the device machine state index (bits 0-2), the protocol
 * (bits 3-4) and a hand-made flag (bit 5). A generated device's name and uid follow from its
 * SmartServer, position and protocol; a device created by hand keeps its own in device_overrides.
 * So a fleet of millions of devices costs a few bytes each, and re-deriving every device after a
 * capacity change is one pass over a byte array with the table derived from the device machine.
 */
const STATE_MASK = 0b0000_0111;
const PROTOCOL_SHIFT = 3;
const PROTOCOL_MASK = 0b0001_1000;
const HAND_MADE = 0b0010_0000;

const UNLICENSED = stateIndex('unlicensed');

export function cellOf(state: number, protocol: Protocol, handMade = false): number {
  return state | (PROTOCOL_INDEX.get(protocol)! << PROTOCOL_SHIFT) | (handMade ? HAND_MADE : 0);
}
export const cellState = (cell: number) => cell & STATE_MASK;
/** Whether the device a cell stands for is licensed: what a hot read checks without decoding the devices. */
export const cellLicensed = (cell: number) => (cell & STATE_MASK) !== UNLICENSED;
export const cellProtocol = (cell: number): Protocol => PROTOCOLS[(cell & PROTOCOL_MASK) >> PROTOCOL_SHIFT];
const withState = (cell: number, state: number) => (cell & ~STATE_MASK) | state;
const PROTOCOL_INDEX = new Map(PROTOCOLS.map((p, i) => [p, i]));
const UPPER: Record<Protocol, string> = { lon: 'LON', bacnet: 'BACNET', modbus: 'MODBUS' };

/** The next state of every state for one event (NOT_HANDLED where the machine refuses it), read once from the table. */
function eventColumn(event: DeviceEvent['type']): Int8Array {
  return Int8Array.from(DEVICE_STATES, (_, s) => nextDeviceState(s, event));
}
const ON_LICENSE = eventColumn('LICENSE');
const ON_UNLICENSE = eventColumn('UNLICENSE');

const HEX_BYTE = Array.from({ length: 256 }, (_, b) => b.toString(16).toUpperCase().padStart(2, '0'));
/** The low 24 bits as six upper-case hex digits (a table lookup: device lists derive thousands of these). */
const hex6 = (n: number) => HEX_BYTE[(n >>> 16) & 0xff] + HEX_BYTE[(n >>> 8) & 0xff] + HEX_BYTE[n & 0xff];

function uidFrom(codeHash: number, seq: number, protocolIndex: number): string {
  const base = mix(codeHash ^ Math.imul(seq, 0x9e3779b1) ^ (protocolIndex << 29));
  return `${hex6(mix(base))}${hex6(mix(base ^ 0x85ebca6b))}`;
}

/** The 12-hex-digit uid of a generated device: the same for the same SmartServer, position and protocol. */
export function derivedUid(installCode: string, seq: number, protocol: Protocol): string {
  return uidFrom(hashText(installCode), seq, PROTOCOL_INDEX.get(protocol)!);
}

function deviceStatus(state: DeviceState): Device['status'] {
  const [provision, health] = state.split('.') as [string, DeviceHealth | undefined];
  // The device machine has no "unlicensed" provision state: an unlicensed device is not provisioned.
  return { state: provision === 'unlicensed' ? 'unprovisioned' : (provision as ProvisionState), health: health ?? 'nascent' };
}

const PROVISION_OF: readonly ProvisionState[] = DEVICE_STATES.map((s) => deviceStatus(s).state);

/** What follows from a state alone, worked out once per state; the nested objects are shared and frozen. */
const BY_STATE = DEVICE_STATES.map((state, index) => {
  const licensed = index !== UNLICENSED;
  return { state, colour: deviceColour(state), licensed, status: Object.freeze(deviceStatus(state)), lic: Object.freeze({ licensed }) };
});

function makeDevice(id: number, name: string, protocol: Protocol, uid: string, index: number): Device {
  const s = BY_STATE[index];
  return { id, name, protocol, uid, state: s.state, colour: s.colour, licensed: s.licensed, status: s.status, lic: s.lic };
}

interface Statements {
  cells: { get(code: string): { cells: Uint8Array } | undefined };
  overrides: { all(code: string): { seq: number; name: string; uid: string }[] };
  override: { get(code: string, seq: number): { name: string; uid: string } | undefined };
  save: { run(code: string, cells: unknown): unknown };
  addOverride: { run(code: string, seq: number, name: string, uid: string): unknown };
}

const prepared = new WeakMap<Db, Statements>();

/** Statements prepared once per database: device reads are on the hot path of every CMS page. */
function statements(db: Db): Statements {
  let s = prepared.get(db);
  if (!s) {
    s = {
      cells: db.prepare('SELECT cells FROM device_sets WHERE install_code = ?'),
      overrides: db.prepare('SELECT seq, name, uid FROM device_overrides WHERE install_code = ? ORDER BY seq'),
      override: db.prepare('SELECT name, uid FROM device_overrides WHERE install_code = ? AND seq = ?'),
      save: db.prepare('INSERT INTO device_sets (install_code, cells) VALUES (?, ?) ON CONFLICT(install_code) DO UPDATE SET cells = excluded.cells'),
      addOverride: db.prepare('INSERT INTO device_overrides (install_code, seq, name, uid) VALUES (?, ?, ?, ?)'),
    } as unknown as Statements;
    prepared.set(db, s);
  }
  return s;
}

/** The device cells of a SmartServer (empty when it has none). */
export function readCells(ctx: CoreContext, installCode: string): Uint8Array {
  return statements(ctx.db).cells.get(installCode)?.cells ?? new Uint8Array(0);
}

export function writeCells(ctx: CoreContext, installCode: string, cells: Uint8Array): void {
  const before = ctx.updates.followsDevices ? Uint8Array.from(readCells(ctx, installCode)) : undefined;
  statements(ctx.db).save.run(installCode, ctx.db.blob(cells));
  if (before) ctx.updates.devicesChanged(installCode, before);
}

/** Every device, decoded from the cells; generated ones are numbered per protocol (LON-1, LON-2, BACNET-1…). */
function decode(ctx: CoreContext, installCode: string, cells: Uint8Array, keep?: (state: number) => boolean): Device[] {
  const handMade = new Map<number, { name: string; uid: string }>();
  if (cells.some((c) => (c & HAND_MADE) !== 0)) {
    for (const row of statements(ctx.db).overrides.all(installCode)) handMade.set(row.seq, row);
  }
  const numbers = [0, 0, 0];
  const codeHash = hashText(installCode);
  const devices: Device[] = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    const p = (cell & PROTOCOL_MASK) >> PROTOCOL_SHIFT;
    const own = (cell & HAND_MADE) !== 0 ? handMade.get(i + 1) : undefined;
    if ((cell & HAND_MADE) === 0) numbers[p] += 1;
    const state = cell & STATE_MASK;
    if (keep && !keep(state)) continue;
    const protocol = PROTOCOLS[p];
    devices.push(
      own
        ? makeDevice(i + 1, own.name, protocol, own.uid, state)
        : makeDevice(i + 1, `${UPPER[protocol]}-${numbers[p]}`, protocol, uidFrom(codeHash, i + 1, p), state),
    );
  }
  return devices;
}

const stateFilter = (provisionStates?: readonly ProvisionState[]) =>
  provisionStates ? (state: number) => provisionStates.includes(PROVISION_OF[state]) : undefined;

/** Whether any device was made by hand (its name and uid are rows of their own, not derived from its cell). */
export function hasHandMadeDevices(cells: Uint8Array): boolean {
  for (let i = 0; i < cells.length; i++) if ((cells[i] & HAND_MADE) !== 0) return true;
  return false;
}

/** The devices in cells already read, optionally only those in the given provision states. */
export function devicesOfCells(ctx: CoreContext, installCode: string, cells: Uint8Array, provisionStates?: readonly ProvisionState[]): Device[] {
  return decode(ctx, installCode, cells, stateFilter(provisionStates));
}

/** The devices in creation order, optionally only those in the given provision states. */
export function listDevices(ctx: CoreContext, installCode: string, provisionStates?: readonly ProvisionState[]): Device[] {
  return decode(ctx, installCode, readCells(ctx, installCode), stateFilter(provisionStates));
}

export function countDevices(ctx: CoreContext, installCode: string, provisionStates?: readonly ProvisionState[]): number {
  const cells = readCells(ctx, installCode);
  const keep = stateFilter(provisionStates);
  if (!keep) return cells.length;
  let n = 0;
  for (const cell of cells) if (keep(cell & STATE_MASK)) n += 1;
  return n;
}

/** How many devices are defined and licensed, and how many show each colour, without building the list. */
export function tallyDevices(ctx: CoreContext, installCode: string): DeviceTally {
  return tallyCells(readCells(ctx, installCode));
}

export interface DeviceTally {
  defined: number;
  licensed: number;
  byColour: Record<DeviceColour, number>;
}

/** The tally of one SmartServer's device cells, as read from its BLOB. */
/** The colour of each state, by state index. */
const COLOUR_BY_STATE = DEVICE_STATES.map(deviceColour);

export function tallyCells(cells: Uint8Array): DeviceTally {
  // Plain loops and one counter array: a fleet's overview tallies millions of cells for ten thousand SmartServers.
  const perState = new Array<number>(DEVICE_STATES.length).fill(0);
  for (let i = 0; i < cells.length; i++) perState[cells[i] & STATE_MASK] += 1;
  const byColour = {} as Record<DeviceColour, number>;
  for (let s = 0; s < COLOUR_BY_STATE.length; s++) byColour[COLOUR_BY_STATE[s]] = (byColour[COLOUR_BY_STATE[s]] ?? 0) + perState[s];
  return { defined: cells.length, licensed: cells.length - perState[UNLICENSED], byColour };
}

export function getDevice(ctx: CoreContext, installCode: string, id: number): Device {
  const cells = readCells(ctx, installCode);
  if (!Number.isInteger(id) || id < 1 || id > cells.length) throw notFound('device', `${id} on SmartServer ${installCode}`);
  const cell = cells[id - 1];
  const protocol = cellProtocol(cell);
  const own = (cell & HAND_MADE) !== 0 ? statements(ctx.db).override.get(installCode, id) : undefined;
  if (own) return makeDevice(id, own.name, protocol, own.uid, cell & STATE_MASK);
  let number = 0;
  for (let i = 0; i < id; i++) {
    if ((cells[i] & PROTOCOL_MASK) === (cell & PROTOCOL_MASK) && (cells[i] & HAND_MADE) === 0) number += 1;
  }
  return makeDevice(id, `${UPPER[protocol]}-${number}`, protocol, derivedUid(installCode, id, protocol), cell & STATE_MASK);
}

/** Adds devices made by hand (they keep their own name and uid), unlicensed; `relicense` then licenses those the capacity admits. */
export function addDevices(ctx: CoreContext, installCode: string, devices: { name: string; protocol: Protocol; uid: string }[]): void {
  const before = readCells(ctx, installCode);
  const cells = new Uint8Array(before.length + devices.length);
  cells.set(before);
  const { addOverride } = statements(ctx.db);
  devices.forEach((d, i) => {
    cells[before.length + i] = cellOf(UNLICENSED, d.protocol, true);
    addOverride.run(installCode, before.length + i + 1, d.name, d.uid);
  });
  writeCells(ctx, installCode, cells);
}

/** The cells of generated devices, unlicensed: LON first, then BACnet, then Modbus, as a SmartServer is set up. */
export function generatedCells(counts: Partial<Record<Protocol, number>>): Uint8Array {
  const total = PROTOCOLS.reduce((sum, p) => sum + (counts[p] ?? 0), 0);
  const cells = new Uint8Array(total);
  let at = 0;
  for (const p of PROTOCOLS) {
    const n = counts[p] ?? 0;
    cells.fill(cellOf(UNLICENSED, p), at, at + n);
    at += n;
  }
  return cells;
}

/** Adds generated devices (names and uids derived), unlicensed. */
export function addGeneratedDevices(ctx: CoreContext, installCode: string, counts: Partial<Record<Protocol, number>>): void {
  const before = readCells(ctx, installCode);
  const added = generatedCells(counts);
  const cells = new Uint8Array(before.length + added.length);
  cells.set(before);
  cells.set(added, before.length);
  writeCells(ctx, installCode, cells);
}

/** Transitions performed by one re-derivation, counted per (from, event, to). */
export type RelicenseTally = Map<string, { from: number; to: number; event: 'LICENSE' | 'UNLICENSE'; count: number }>;

/**
 * Re-derives which devices are licensed, in place: the first `admitted` devices in creation order
 * get LICENSE, the rest UNLICENSE, each through the table derived from the device machine. Returns
 * whether any cell changed and counts the transitions into `tally`.
 */
export function relicenseCells(cells: Uint8Array, admitted: number, tally?: RelicenseTally): boolean {
  let changed = false;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    const from = cell & STATE_MASK;
    const licensing = i < admitted;
    const to = (licensing ? ON_LICENSE : ON_UNLICENSE)[from];
    if (to === NOT_HANDLED || to === from) continue;
    cells[i] = withState(cell, to);
    changed = true;
    if (tally) {
      const key = `${from}|${to}`;
      const entry = tally.get(key);
      if (entry) entry.count += 1;
      else tally.set(key, { from, to, event: licensing ? 'LICENSE' : 'UNLICENSE', count: 1 });
    }
  }
  return changed;
}

export function recordRelicensing(owner: object, tally: RelicenseTally): void {
  for (const t of tally.values()) recordTransition(owner, 'device', deviceStateName(t.from), deviceStateName(t.to), t.event, t.count);
}

/**
 * Per SmartServer, under its devices' version (records.ts), what a re-derivation that changed
 * nothing found: how many devices there were and how many were admitted. While the version reads
 * the same and a new capacity admits as many, the same pass would again change nothing, so an
 * activation that adds capacity to a SmartServer whose devices are all licensed reads no cells.
 */
const settled = new KeptByVersion<{ defined: number; admitted: number }>();

/**
 * Re-derives which devices are licensed after the capacity changed: the first devices in creation
 * order, as many as the capacity admits (the SmartServer itself takes one place), get LICENSE; the
 * rest get UNLICENSE. One pass over the cells with the table derived from the device machine.
 * `devicesVersion` is the devices' version when the caller has just read it.
 */
export function relicense(ctx: CoreContext, installCode: string, capacity: number, devicesVersion = rowVersions(ctx, installCode).devices): void {
  const known = settled.get(ctx.db, installCode, devicesVersion);
  if (known && licensedDeviceCount(capacity, known.defined) === known.admitted) return;
  const cells = readCells(ctx, installCode);
  const admitted = licensedDeviceCount(capacity, cells.length);
  const tally: RelicenseTally = new Map();
  if (relicenseCells(cells, admitted, tally)) {
    writeCells(ctx, installCode, cells);
    recordRelicensing(ctx.db, tally);
    return;
  }
  settled.set(ctx.db, installCode, devicesVersion, { defined: cells.length, admitted });
}

/** Sets one device's state index (or every device's when `id` is left out), keeping protocol and names. */
export function setDeviceState(ctx: CoreContext, installCode: string, state: number, id?: number): void {
  const cells = readCells(ctx, installCode);
  if (id === undefined) cells.forEach((cell, i) => (cells[i] = withState(cell, state)));
  else cells[id - 1] = withState(cells[id - 1], state);
  writeCells(ctx, installCode, cells);
}

/** The device-machine events each device action sends, in order. */
export const OPERATION_EVENTS: Partial<Record<DeviceOperation | 'deprovision', DeviceEvent['type'][]>> = {
  provision: ['PROVISION', 'PROVISIONING_SUCCEEDED'],
  deprovision: ['DEPROVISION'],
};

const HEALTH_EVENTS: Record<DeviceHealth, DeviceEvent['type']> = {
  normal: 'HEALTH_NORMAL',
  marginal: 'HEALTH_MARGINAL',
  suspect: 'HEALTH_SUSPECT',
  down: 'HEALTH_DOWN',
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
  setDeviceState(ctx, installCode, next, id);
  return getDevice(ctx, installCode, id);
}

/** Forgets every device of a SmartServer (Reset Databases, Restore Factory Settings, re-imaging). */
export function clearDevices(ctx: CoreContext, installCode: string): number {
  const defined = readCells(ctx, installCode).length;
  ctx.db.prepare('DELETE FROM device_overrides WHERE install_code = ?').run(installCode);
  ctx.db.prepare('DELETE FROM device_sets WHERE install_code = ?').run(installCode);
  return defined;
}

export type DeviceAction = DeviceOperation | 'deprovision';

/**
 * Runs a device operation: refused for an unlicensed device when it needs to talk to the device.
 * `events` overrides the machine events the action sends (provisioning that waits for the device's report).
 */
export function operateDevice(ctx: CoreContext, installCode: string, id: number, action: DeviceAction, events = OPERATION_EVENTS[action] ?? []): Device {
  const device = getDevice(ctx, installCode, id);
  if (action !== 'deprovision' && !operationAllowed(device.state, action)) {
    throw conflict('device-unlicensed', `Device ${device.name} is unlicensed (purple); ${action} needs a device capacity license with room for it.`);
  }
  let state = stateIndex(device.state);
  for (const event of events) {
    const next = nextDeviceState(state, event);
    if (next === NOT_HANDLED) throw conflict('device-state', `Device ${device.name} is ${device.state}; it cannot ${action} now.`);
    recordTransition(ctx.db, 'device', deviceStateName(state), deviceStateName(next), event);
    state = next;
  }
  setDeviceState(ctx, installCode, state, id);
  return getDevice(ctx, installCode, id);
}
