import type { CoreContext } from '../../kernel/context';
import { inTransaction } from '../../kernel/context';
import { badInput, notFound, type Problem, ruleBroken } from '../../kernel/problems';
import { requireArray, requireString } from '../../kernel/validate';
import { cellLicensed, cellProtocol, type Device, getSmartServer, listDevices, readCells, smartServerFacts } from '../smartserver';
import { valueRefusal, type ValueAccess } from './access';
import { type DatapointDefinition, datapointsOf } from './catalog';
import { type DatapointFilter, meets, named, type Part, readDatapointFilter, readPart } from './filter';
import { NORMAL_PRIORITY, currentValue, type PriorityArray, saveWritten, valueOfHash, withWrite, writtenKey, writtenValue, writtenValues } from './values';
import { hashText } from '../../kernel/hashing';
import type { Protocol } from '../../kernel/vocabulary';
import { takePage } from './snapshots';
import { renderedPage } from './page-cache';

/** Reading, writing and tagging datapoints through their IAP/REST addresses, under the licensing rule. */

/** One datapoint as IAP/REST answers it. */
export interface DatapointResource {
  deviceName: string;
  blockName: string;
  blockIndex: number;
  datapointName: string;
  value: number;
}

/** A datapoint found by an address: its device, its definition and its number in the device's catalog. */
export interface Match {
  device: Device;
  definition: DatapointDefinition;
  point: number;
}

/** A datapoint address as the routes receive it, in its four parts. */
export interface Address {
  device: string;
  block: string;
  index: string;
  datapoint: string;
}

/** A device's own value for a device filter's condition key. */
function deviceValue(device: Device, key: string): string | undefined {
  switch (key) {
    case 'name':
      return device.name;
    case 'protocol':
      return device.protocol;
    case 'health':
      return device.status.health;
    case 'state':
      return device.status.state;
    case 'uid':
      return device.uid;
    default:
      return undefined;
  }
}

function deviceMeets(part: Part, device: Device): boolean {
  if (part.name !== undefined && part.name !== device.name && part.name !== String(device.id)) return false;
  for (const { key, value } of part.conditions) if (!meets(key, deviceValue(device, key), value)) return false;
  return true;
}

function tagsOf(ctx: CoreContext, installCode: string): Map<string, Set<string>> {
  const tags = new Map<string, Set<string>>();
  const rows = ctx.db
    .prepare<[string], { device: number; point: number; uid: string; tag: string }>('SELECT device, point, uid, tag FROM datapoint_tags WHERE install_code = ?')
    .all(installCode);
  for (const row of rows) {
    const key = `${writtenKey(row.device, row.point)}@${row.uid}`;
    let set = tags.get(key);
    if (!set) tags.set(key, (set = new Set()));
    set.add(row.tag);
  }
  return tags;
}

/**
 * The points of a protocol's catalog an address's block, index and datapoint name and type
 * conditions let through: the same for every device of the protocol, so worked out once per protocol.
 */
function catalogPoints(filter: DatapointFilter, protocol: Protocol): number[] {
  const points: number[] = [];
  datapointsOf(protocol).forEach((definition, point) => {
    if (!named(filter.block, definition.block) || (filter.index !== undefined && filter.index !== definition.index)) return;
    if (!named(filter.datapoint, definition.name)) return;
    for (const { key, value } of filter.datapoint.conditions) {
      if (key !== 'tag' && !meets(key, key === 'name' ? definition.name : definition.type, value)) return;
    }
    points.push(point);
  });
  return points;
}

/** Every datapoint of the SmartServer an address names, in device order then catalog order. */
export function resolve(ctx: CoreContext, installCode: string, filter: DatapointFilter): Match[] {
  getSmartServer(ctx, installCode);
  const devices = listDevices(ctx, installCode).filter((device) => deviceMeets(filter.device, device));
  const wantedTags = filter.datapoint.conditions.filter((c) => c.key === 'tag').map((c) => c.value);
  const tags = wantedTags.length > 0 ? tagsOf(ctx, installCode) : undefined;
  const byProtocol = new Map<Protocol, number[]>();
  const matches: Match[] = [];
  for (const device of devices) {
    let points = byProtocol.get(device.protocol);
    if (!points) byProtocol.set(device.protocol, (points = catalogPoints(filter, device.protocol)));
    const catalog = datapointsOf(device.protocol);
    for (const point of points) {
      if (tags) {
        const own = tags.get(`${writtenKey(device.id, point)}@${device.uid}`);
        if (!own || !wantedTags.every((tag) => own.has(tag))) continue;
      }
      matches.push({ device, definition: catalog[point], point });
    }
  }
  return matches;
}

/**
 * The matches the caller may reach: those of devices the licensing rule lets through. When the
 * address found datapoints but none of them may be reached, the refusal of the first says why.
 */
/** The SmartServer's facts, worked out once and only when asked for. */
function lazyFacts(ctx: CoreContext, installCode: string) {
  let facts: ReturnType<typeof smartServerFacts> | undefined;
  return () => (facts ??= smartServerFacts(ctx, getSmartServer(ctx, installCode)));
}

function reachable(ctx: CoreContext, installCode: string, matches: Match[], access: ValueAccess): Match[] {
  const facts = lazyFacts(ctx, installCode);
  let first: Problem | undefined;
  const allowed = matches.filter((match) => {
    const refusal = valueRefusal(facts, match.device, access);
    first ??= refusal;
    return refusal === undefined;
  });
  if (allowed.length === 0 && first) throw first;
  return allowed;
}

const nowMs = (ctx: CoreContext) => Date.parse(ctx.clock.now());

/** The resources of some matches with their values now. */
export function resourcesOf(ctx: CoreContext, installCode: string, matches: readonly Match[]): DatapointResource[] {
  if (matches.length === 0) return [];
  const uids = new Map(matches.map((m) => [m.device.id, m.device.uid]));
  const written = writtenValues(ctx, installCode, (device) => uids.get(device));
  const at = nowMs(ctx);
  // A page holds several datapoints of each device: its uid is hashed once.
  let uid = '';
  let uidHash = 0;
  return matches.map(({ device, definition, point }) => {
    if (device.uid !== uid) uidHash = hashText((uid = device.uid));
    const priorities = written.size > 0 ? written.get(writtenKey(device.id, point)) : undefined;
    return {
      deviceName: device.name,
      blockName: definition.block,
      blockIndex: definition.index,
      datapointName: definition.name,
      value: valueOfHash(definition, uidHash, point, at, priorities),
    };
  });
}

export interface PageQuery {
  pg?: unknown;
  sz?: unknown;
  xs?: unknown;
}

function readPositive(value: unknown, field: string, max: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > max) throw badInput(field, `must be a whole number from 1 to ${max}`);
  return n;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 1000;

/**
 * GET …/value: without `pg` every value the address names, as a list; with `pg` (and `sz`, 20
 * unless given) one page of a snapshot, `{ snapshot, resources, remainingPages }`. The first page
 * takes the snapshot (which datapoints, in which order); later pages name it with `xs` and read
 * those datapoints' values as they are then.
 */
export function readValues(ctx: CoreContext, installCode: string, address: Address, query: PageQuery = {}) {
  const pg = readPositive(query.pg, 'pg', 1_000_000);
  const sz = readPositive(query.sz, 'sz', MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE;
  const xs = query.xs === undefined || query.xs === '' ? undefined : requireString(query.xs, 'xs', 64);
  const filter = readDatapointFilter(address.device, address.block, address.index, address.datapoint);
  if (pg === undefined) {
    if (xs !== undefined) throw badInput('xs', 'goes with pg: name the page of the snapshot to read');
    return resourcesOf(ctx, installCode, reachable(ctx, installCode, resolve(ctx, installCode, filter), 'read'));
  }
  const page = takePage(ctx, installCode, { pg, sz, xs }, () => reachable(ctx, installCode, resolve(ctx, installCode, filter), 'read'));
  // Licensing may have changed since the snapshot was taken: the datapoints of devices that became
  // unreachable are left out, and a page none of whose datapoints may be read now is refused, saying why.
  const now = reachableNow(ctx, installCode, page.matches);
  if (now.length === 0 && page.matches.length > 0) {
    const devices = new Map(listDevices(ctx, installCode).map((d) => [d.id, d]));
    reachable(
      ctx,
      installCode,
      page.matches.flatMap((m) => (devices.has(m.device.id) ? [{ ...m, device: devices.get(m.device.id)! }] : [])),
      'read',
    );
  }
  return { snapshot: page.snapshot, resources: resourcesOf(ctx, installCode, now), remainingPages: page.remainingPages };
}

/**
 * GET …/value as the route answers it, as JSON text: `readValues`, except that a page read through
 * a snapshot (`xs`) is answered as rendered before while nothing it shows changed (page-cache.ts).
 */
export function readValuesText(ctx: CoreContext, installCode: string, address: Address, query: PageQuery = {}): string {
  const render = () => JSON.stringify(readValues(ctx, installCode, address, query));
  if (query.pg === undefined || query.pg === '' || typeof query.xs !== 'string' || query.xs === '') return render();
  // Checked as readValues checks them, so that a bad page number is refused before a kept page is looked for.
  const pg = readPositive(query.pg, 'pg', 1_000_000)!;
  const sz = readPositive(query.sz, 'sz', MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE;
  return renderedPage(ctx, installCode, requireString(query.xs, 'xs', 64), pg, sz, address, render);
}

/**
 * The matches of a snapshot whose devices may be read now: licensing may have changed since the
 * snapshot was taken. Only licensed devices may be read, so the device cells tell without
 * decoding the devices (a paged read is a hot path); a device made anew in the same place is left out.
 */
function reachableNow(ctx: CoreContext, installCode: string, matches: Match[]): Match[] {
  const cells = readCells(ctx, installCode);
  return matches.filter(({ device }) => {
    const cell = cells[device.id - 1];
    return cell !== undefined && cellProtocol(cell) === device.protocol && cellLicensed(cell);
  });
}

/** Reads a written value: a bare JSON number, or null to empty the priority slot. */
function readWrittenValue(body: unknown, definition: DatapointDefinition): number | null {
  const value = typeof body === 'object' && body !== null && !Array.isArray(body) && 'value' in body ? (body as { value: unknown }).value : body;
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw badInput('value', `must be a number (${definition.type}, ${definition.unit}), or null to release the priority`);
  if (value < definition.min || value > definition.max)
    throw badInput('value', `must lie between ${definition.min} and ${definition.max} ${definition.unit} for ${definition.name}`);
  return value;
}

/** The datapoints a write changed, with their values after it. */
export interface WriteResult {
  written: (Match & { value: number })[];
}

/**
 * PUT …/value: writes every datapoint the address names, or none when any of them may not be
 * written (an unlicensed device, an output, a value out of range). `prio` is the priority
 * (1 highest … 16, 17 = Normal, the default).
 */
export function writeValue(ctx: CoreContext, installCode: string, address: Address, body: unknown, prio?: unknown): WriteResult {
  const priority = readPositive(prio, 'prio', NORMAL_PRIORITY) ?? NORMAL_PRIORITY;
  const filter = readDatapointFilter(address.device, address.block, address.index, address.datapoint);
  return inTransaction(ctx, () => {
    const matches = resolve(ctx, installCode, filter);
    if (matches.length === 0)
      throw notFound('datapoint', `${address.device}/if/${address.block}/${address.index}/${address.datapoint} on SmartServer ${installCode}`);
    const facts = lazyFacts(ctx, installCode);
    for (const match of matches) {
      const refusal = valueRefusal(facts, match.device, 'write');
      if (refusal) throw refusal;
      if (match.definition.direction === 'output') {
        throw ruleBroken(
          'datapoint-read-only',
          `${match.definition.name} of ${match.device.name} is an output (${match.definition.type}): the device reports it; write an input datapoint instead.`,
          'datapoint',
        );
      }
    }
    const at = nowMs(ctx);
    const written = matches.map((match) => {
      const value = readWrittenValue(body, match.definition);
      const before = writtenValue(ctx, installCode, match.device.id, match.point, match.device.uid);
      const next: PriorityArray = withWrite(before, priority, value);
      saveWritten(ctx, installCode, match.device.id, match.point, match.device.uid, next);
      return { ...match, value: currentValue(match.definition, match.device.uid, match.point, at, next) };
    });
    ctx.updates.datapointsWritten(
      installCode,
      written.map((w) => ({
        deviceName: w.device.name,
        protocol: w.device.protocol,
        blockName: w.definition.block,
        blockIndex: w.definition.index,
        datapointName: w.definition.name,
        value: w.value,
      })),
    );
    return { written };
  });
}

function readTags(body: unknown): string[] {
  const list = typeof body === 'string' ? [body] : requireArray(body, 'tags', 1, 50);
  return list.map((tag, i) => {
    const text = requireString(tag, `tags[${i}]`, 60);
    if (!/^[\w.-]+$/.test(text)) throw badInput(`tags[${i}]`, 'may hold letters, digits, _, . and - only');
    return text;
  });
}

/**
 * POST …/tags: tags every datapoint the address names. Tags are a datapoint property: defining
 * them talks only to the SmartServer, so it is allowed for unlicensed devices too.
 */
export function addTags(ctx: CoreContext, installCode: string, address: Address, body: unknown): { tagged: number } {
  const tags = readTags(body);
  const filter = readDatapointFilter(address.device, address.block, address.index, address.datapoint);
  return inTransaction(ctx, () => {
    const matches = resolve(ctx, installCode, filter);
    if (matches.length === 0)
      throw notFound('datapoint', `${address.device}/if/${address.block}/${address.index}/${address.datapoint} on SmartServer ${installCode}`);
    const insert = ctx.db.prepare('INSERT OR IGNORE INTO datapoint_tags (install_code, device, point, uid, tag) VALUES (?, ?, ?, ?, ?)');
    for (const m of matches) for (const tag of tags) insert.run(installCode, m.device.id, m.point, m.device.uid, tag);
    return { tagged: matches.length };
  });
}

/** DELETE …/tags/{tag}: removes one tag from every datapoint the address names. */
export function removeTag(ctx: CoreContext, installCode: string, address: Address, tag: string): { untagged: number } {
  const [text] = readTags([tag]);
  const filter = readDatapointFilter(address.device, address.block, address.index, address.datapoint);
  return inTransaction(ctx, () => {
    const remove = ctx.db.prepare('DELETE FROM datapoint_tags WHERE install_code = ? AND device = ? AND point = ? AND tag = ?');
    let untagged = 0;
    for (const m of resolve(ctx, installCode, filter)) untagged += remove.run(installCode, m.device.id, m.point, text).changes;
    return { untagged };
  });
}

/**
 * The short form the public example pages use, `/iap/devs/*+name=={datapoint}/tags`: every
 * datapoint of that name, on every device.
 */
export function datapointNamed(filter: string): Address {
  const part = readPart(filter, 'filter', ['name']);
  const name = part.conditions.find((c) => c.key === 'name')?.value ?? part.name;
  if (!name) throw badInput('filter', 'must name the datapoint, as *+name=={datapoint}');
  return { device: '*', block: '*', index: '*', datapoint: name };
}

/** The datapoint definitions of one device, with their tags: what may be read of a purple device too. */
export function datapointProperties(ctx: CoreContext, installCode: string, deviceFilter: string) {
  const matches = resolve(ctx, installCode, readDatapointFilter(deviceFilter, '*', '*', '*'));
  const tags = tagsOf(ctx, installCode);
  return matches.map(({ device, definition, point }) => ({
    deviceName: device.name,
    blockName: definition.block,
    blockIndex: definition.index,
    datapointName: definition.name,
    type: definition.type,
    unit: definition.unit,
    direction: definition.direction,
    pollSeconds: definition.pollSeconds,
    tags: [...(tags.get(`${writtenKey(device.id, point)}@${device.uid}`) ?? [])].sort(),
  }));
}
