import type { CoreContext } from '../../kernel/context';
import type { Db } from '../../kernel/sql';
import type { DatapointDefinition } from './catalog';
import { hashText, mix } from '../../kernel/hashing';

/**
 * A datapoint's value. An output follows the virtual clock: at each poll it takes a new value
 * drawn from its device's uid, its place and the poll's number, so the same fleet (the same seed,
 * hence the same install codes and uids) shows the same values at the same virtual time, and
 * nothing is stored for it. An input keeps its initial value until written. A write fills one
 * slot of the priority array (1 highest … 16, and 17 for Normal); the value in force is the one in
 * the highest-priority slot filled, so a write at a lower priority than the current one changes
 * the array but not the value, and writing null empties a slot again.
 */

export const NORMAL_PRIORITY = 17;

export type PriorityArray = Record<string, number>;

const round = (value: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};

/** Which poll of the datapoint the time falls in: the value changes when this does. */
export const pollNumber = (definition: DatapointDefinition, atMs: number) => Math.floor(atMs / (definition.pollSeconds * 1000));

/** The reading of an output datapoint at one poll: the same for the same device uid, datapoint and poll. */
export function readingAt(definition: DatapointDefinition, deviceUid: string, point: number, poll: number): number {
  return readingOfHash(definition, hashText(deviceUid), point, poll);
}

/** `readingAt` for a device uid hashed already: a fleet's clock move reads every output of a device. */
export function readingOfHash(definition: DatapointDefinition, uidHash: number, point: number, poll: number): number {
  const r = mix(uidHash ^ Math.imul(point + 1, 0x9e3779b1) ^ mix(poll)) / 2 ** 32;
  return round(definition.min + r * (definition.max - definition.min), definition.decimals);
}

/** The value in force for a priority array: its highest-priority slot, if any is filled. */
export function valueInForce(priorities: PriorityArray | undefined): { value: number; priority: number } | undefined {
  if (!priorities) return undefined;
  let best: number | undefined;
  for (const key of Object.keys(priorities)) {
    const slot = Number(key);
    if (best === undefined || slot < best) best = slot;
  }
  return best === undefined ? undefined : { value: priorities[best], priority: best };
}

/** The value a datapoint shows now, from its writes if any, else from its definition and the clock. */
export function currentValue(definition: DatapointDefinition, deviceUid: string, point: number, atMs: number, priorities?: PriorityArray): number {
  return valueOfHash(definition, hashText(deviceUid), point, atMs, priorities);
}

/** `currentValue` for a device uid hashed already. */
export function valueOfHash(definition: DatapointDefinition, uidHash: number, point: number, atMs: number, priorities?: PriorityArray): number {
  const written = valueInForce(priorities);
  if (written) return written.value;
  if (definition.direction === 'input') return definition.initial ?? definition.min;
  return readingOfHash(definition, uidHash, point, pollNumber(definition, atMs));
}

/** The priority array after a write at one priority (null empties the slot). */
export function withWrite(priorities: PriorityArray | undefined, priority: number, value: number | null): PriorityArray {
  const next = { ...priorities };
  if (value === null) delete next[priority];
  else next[priority] = value;
  return next;
}

interface WrittenRow {
  device: number;
  point: number;
  uid: string;
  priorities: string;
}

interface Statements {
  all: { all(code: string): WrittenRow[] };
  one: { get(code: string, device: number, point: number): WrittenRow | undefined };
  save: { run(code: string, device: number, point: number, uid: string, priorities: string): unknown };
  drop: { run(code: string, device: number, point: number): unknown };
}

const prepared = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = prepared.get(db);
  if (!s) {
    s = {
      all: db.prepare('SELECT device, point, uid, priorities FROM datapoint_writes WHERE install_code = ?'),
      one: db.prepare('SELECT device, point, uid, priorities FROM datapoint_writes WHERE install_code = ? AND device = ? AND point = ?'),
      save: db.prepare(
        'INSERT INTO datapoint_writes (install_code, device, point, uid, priorities) VALUES (?, ?, ?, ?, ?) ON CONFLICT(install_code, device, point) DO UPDATE SET uid = excluded.uid, priorities = excluded.priorities',
      ),
      drop: db.prepare('DELETE FROM datapoint_writes WHERE install_code = ? AND device = ? AND point = ?'),
    } as unknown as Statements;
    prepared.set(db, s);
  }
  return s;
}

const key = (device: number, point: number) => `${device}/${point}`;

/**
 * The written priority arrays of one SmartServer, by `device/point`. A row is kept with the uid of
 * the device it was written to: a device made anew in the same place (after a reset) starts clean.
 */
export function writtenValues(ctx: CoreContext, installCode: string, uidOf: (device: number) => string | undefined): Map<string, PriorityArray> {
  const written = new Map<string, PriorityArray>();
  for (const row of statements(ctx.db).all.all(installCode)) {
    if (uidOf(row.device) === row.uid) written.set(key(row.device, row.point), JSON.parse(row.priorities) as PriorityArray);
  }
  return written;
}

export function writtenValue(ctx: CoreContext, installCode: string, device: number, point: number, uid: string): PriorityArray | undefined {
  const row = statements(ctx.db).one.get(installCode, device, point);
  return row && row.uid === uid ? (JSON.parse(row.priorities) as PriorityArray) : undefined;
}

export function saveWritten(ctx: CoreContext, installCode: string, device: number, point: number, uid: string, priorities: PriorityArray): void {
  if (Object.keys(priorities).length === 0) statements(ctx.db).drop.run(installCode, device, point);
  else statements(ctx.db).save.run(installCode, device, point, uid, JSON.stringify(priorities));
}

export const writtenKey = key;
