import type { DeviceColour } from '../../../models/device.machine';
import { fleetGroups } from '../../control-plane/fleets/store';
import { customerNames } from '../../kernel/accounts';
import type { CoreContext } from '../../kernel/context';
import { badInput } from '../../kernel/problems';
import { type DashboardFigures, everyDashboard } from '../../services/smartserver';

/**
 * The fleet overview's read model: every SmartServer's dashboard figures with its fleet group and
 * customer, summed into the tiles and colour bars at the top of the page, filtered, sorted and cut
 * into pages on the server, so the browser only ever holds one page of a fleet of ten thousand.
 */

/** One SmartServer as the fleet overview lists it. */
export interface FleetRow extends DashboardFigures {
  cmsPath: string;
  /** The fleet group it was made in, "fleet / group"; null for a SmartServer added on its own. */
  group: string | null;
  customerId: string | null;
  customerName: string | null;
  /** The release as people say it: "4.3", "4.3 on SmartServer Pi". */
  release: string;
  /** Why it needs someone's attention, in words; empty when it does not. */
  attention: string[];
}

export interface FleetFigures {
  smartServers: number;
  online: number;
  badge: number;
  attention: number;
  definedDevices: number;
  devicesByColour: Record<string, number>;
  /** Capacity used and licensed, summed over the SmartServers that manage licenses (3.3 and later). */
  usedCapacity: number;
  capacity: number;
}

export interface FleetChoice {
  value: string;
  label: string;
  count: number;
}

export interface FleetOverview {
  /** The figures of the SmartServers the filters keep (all of them when there is no filter). */
  summary: FleetFigures;
  /** The same, per group, by name; the SmartServers added on their own last. */
  groups: (FleetFigures & { group: string; label: string })[];
  /** What each filter can be set to, over the whole fleet. */
  choices: { group: FleetChoice[]; customer: FleetChoice[]; release: FleetChoice[] };
  fleetSize: number;
  /** How many SmartServers the filters keep; `rows` is the page of them from `offset`. */
  matching: number;
  offset: number;
  limit: number;
  rows: FleetRow[];
}

export const SORT_KEYS = ['attention', 'name', 'installCode', 'group', 'customer', 'release', 'connection', 'capacity', 'used', 'devices'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface FleetQuery {
  group?: string;
  customer?: string;
  release?: string;
  connection?: 'online' | 'offline';
  attention?: boolean;
  sort: SortKey;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/** The value a group, customer or release filter takes for the SmartServers that have none. */
export const NONE = 'none';
const NO_GROUP_LABEL = 'Added on its own';
const NO_CUSTOMER_LABEL = 'No Customer ID saved';
export const PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 500;

const oneOf = <T extends string>(value: unknown, field: string, allowed: readonly T[]): T | undefined => {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw badInput(field, `must be one of ${allowed.join(', ')}`);
};

const whole = (value: unknown, field: string, min: number, max: number, fallback: number): number => {
  if (value === undefined || value === '') return fallback;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw badInput(field, `must be a whole number from ${min} to ${max}`);
  return n;
};

const optionalText = (value: unknown, field: string): string | undefined => {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || value.length > 200) throw badInput(field, 'must be text of at most 200 characters');
  return value;
};

/** Reads the page's query string; a bad value is refused naming the field and what it may be. */
export function readFleetQuery(query: Record<string, unknown>): FleetQuery {
  return {
    group: optionalText(query.group, 'group'),
    customer: optionalText(query.customer, 'customer'),
    release: optionalText(query.release, 'release'),
    connection: oneOf(query.connection, 'connection', ['online', 'offline'] as const),
    attention: oneOf(query.attention, 'attention', ['true', 'false'] as const) === 'true',
    sort: oneOf(query.sort, 'sort', SORT_KEYS) ?? 'attention',
    order: oneOf(query.order, 'order', ['asc', 'desc'] as const) ?? 'asc',
    offset: whole(query.offset, 'offset', 0, 10_000_000, 0),
    limit: whole(query.limit, 'limit', 1, MAX_PAGE_SIZE, PAGE_SIZE),
  };
}

/** Why a SmartServer needs attention: devices beyond its capacity, or maintenance ending soon. */
function attentionOf(figures: DashboardFigures): string[] {
  const reasons: string[] = [];
  if (figures.badge) {
    const short = figures.definedDevices + 1 - figures.capacity;
    reasons.push(figures.capacity === 0 ? 'no capacity licensed' : `capacity short by ${short}`);
  }
  if (figures.maintenance.status.startsWith('Expires')) reasons.push(`maintenance ends ${figures.maintenance.ends}`);
  return reasons;
}

function releaseOf(figures: DashboardFigures): string {
  return figures.edition === 'pi' ? `${figures.version} on SmartServer Pi` : figures.version;
}

/** What the figures and page of one filter are made from: the filter's figures, and the rows it keeps in each order asked for. */
interface Filtered {
  summary: FleetFigures;
  groups: FleetOverview['groups'];
  /** By sort order; the whole fleet's sorted list itself when nothing is filtered. */
  kept: Map<string, FleetRow[]>;
}

interface ReadState {
  version: string;
  rows: FleetRow[];
  /** Each row's name as it sorts (by the row's place in `rows`), worked out once: every order falls back on it. */
  nameKeys?: (string | null)[];
  sorted: Map<string, FleetRow[]>;
  filtered: Map<string, Filtered>;
  choices?: FleetOverview['choices'];
}

/** Filters kept at once per data version; a caller trying every filter there is starts again from the first. */
const KEPT_FILTERS = 64;

/** The rows last read, by database, with the state of the data they were read at. */
const lastRead = new WeakMap<object, ReadState>();

/**
 * Every SmartServer as a row of the overview, in the order they were added. The rows are read
 * again only when the data changed (a commit here or by another connection) or the date moved, so
 * filtering, sorting and paging a fleet of a hundred thousand cost no new read.
 */
export function fleetRows(ctx: CoreContext): FleetRow[] {
  return current(ctx).rows;
}

function current(ctx: CoreContext): ReadState {
  const { changes } = ctx.db.prepare<[], { changes: number }>('SELECT total_changes() AS changes').get()!;
  const { data_version: others } = ctx.db.prepare<[], { data_version: number }>('PRAGMA data_version').get()!;
  const version = `${changes}/${others}/${ctx.clock.today()}`;
  let last = lastRead.get(ctx.db);
  if (last?.version !== version) lastRead.set(ctx.db, (last = { version, rows: readRows(ctx), sorted: new Map(), filtered: new Map() }));
  return last;
}

/** The whole fleet in one order, sorted once per order and data version; a filter keeps that order. */
function sortedRows(state: ReadState, sort: SortKey, order: 'asc' | 'desc'): FleetRow[] {
  const { rows, sorted } = state;
  const key = `${sort} ${order}`;
  let list = sorted.get(key);
  if (!list) {
    const direction = order === 'desc' ? -1 : 1;
    const keyOf = SORT_BY[sort];
    const names = (state.nameKeys ??= rows.map((row) => (row.name === null ? null : sortKey(row.name))));
    // Each row's keys computed once, not at every comparison.
    const decorated = rows.map((row, i) => ({ row, key: keyOf(row), name: names[i] }));
    decorated.sort((a, b) => direction * compareKeys(a.key, b.key) || compareKeys(a.name, b.name) || (a.row.installCode < b.row.installCode ? -1 : 1));
    sorted.set(key, (list = decorated.map((d) => d.row)));
  }
  return list;
}

function readRows(ctx: CoreContext): FleetRow[] {
  const groups = fleetGroups(ctx);
  const customers = customerNames(ctx);
  // Each dashboard is fresh, so it becomes its row in place: ten thousand copies fewer.
  return everyDashboard(ctx).map((figures) => {
    const member = groups.get(figures.installCode);
    const row = figures as FleetRow;
    row.cmsPath = `/smartservers/${figures.installCode}/cms/`;
    row.group = member ? `${member.fleet} / ${member.group}` : null;
    row.customerName = figures.customerId ? (customers.get(figures.customerId) ?? null) : null;
    row.release = releaseOf(figures);
    row.attention = attentionOf(figures);
    return row;
  });
}

function emptyFigures(): FleetFigures {
  return { smartServers: 0, online: 0, badge: 0, attention: 0, definedDevices: 0, devicesByColour: {}, usedCapacity: 0, capacity: 0 };
}

function addTo(figures: FleetFigures, row: FleetRow): void {
  figures.smartServers += 1;
  if (row.online) figures.online += 1;
  if (row.badge) figures.badge += 1;
  if (row.attention.length > 0) figures.attention += 1;
  figures.definedDevices += row.definedDevices;
  for (const colour in row.devicesByColour) {
    figures.devicesByColour[colour] = (figures.devicesByColour[colour] ?? 0) + row.devicesByColour[colour as DeviceColour];
  }
  if (row.licenseManagement) {
    figures.usedCapacity += row.usedCapacity;
    figures.capacity += row.capacity;
  }
}

function choicesOf(
  rows: readonly FleetRow[],
  keyOf: (row: FleetRow) => string | null,
  labelOf: (row: FleetRow) => string | null,
  noneLabel: string,
): FleetChoice[] {
  const choices = new Map<string, FleetChoice>();
  for (const row of rows) {
    const value = keyOf(row) ?? NONE;
    const choice = choices.get(value);
    if (choice) choice.count += 1;
    else choices.set(value, { value, label: labelOf(row) ?? noneLabel, count: 1 });
  }
  return [...choices.values()].sort((a, b) => (a.value === NONE ? 1 : b.value === NONE ? -1 : a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/** A key that sorts as people read: any case together, "Lab 2" before "Lab 10". */
const sortKey = (value: string) => value.toLowerCase().replace(/\d+/g, (digits) => digits.padStart(12, '0'));
const textKey = (value: string | null) => (value === null ? null : sortKey(value));

type Key = string | number | null;
/** Keys compare as numbers or text; rows without one sort last. */
function compareKeys(a: Key, b: Key): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

const SORT_BY: Record<SortKey, (row: FleetRow) => Key> = {
  // Those needing attention first, the worst capacity shortfall first; then by name.
  attention: (row) => -(row.attention.length * 1e9 + (row.badge ? row.definedDevices + 1 - row.capacity : 0)),
  name: (row) => textKey(row.name),
  installCode: (row) => row.installCode,
  group: (row) => textKey(row.group),
  customer: (row) => textKey(row.customerName ?? row.customerId),
  release: (row) => textKey(row.release),
  connection: (row) => (row.online ? 0 : 1),
  capacity: (row) => row.capacity,
  used: (row) => row.usedCapacity,
  devices: (row) => row.definedDevices,
};

/** What each filter can be set to, over the whole fleet: the same for every query until the data changes. */
function choicesFor(last: ReadState): FleetOverview['choices'] {
  last.choices ??= {
    group: choicesOf(
      last.rows,
      (r) => r.group,
      (r) => r.group,
      NO_GROUP_LABEL,
    ),
    customer: choicesOf(
      last.rows,
      (r) => r.customerId,
      (r) => (r.customerId ? `${r.customerName ?? 'Unknown customer'} (${r.customerId})` : null),
      NO_CUSTOMER_LABEL,
    ),
    release: choicesOf(
      last.rows,
      (r) => r.release,
      (r) => r.release,
      'unknown',
    ),
  };
  return last.choices;
}

const filterKey = (query: FleetQuery) => JSON.stringify([query.group, query.customer, query.release, query.connection, query.attention]);

/** Whether a row passes the query's filters. */
const keeperOf = (query: FleetQuery) => (row: FleetRow) =>
  (query.group === undefined || (row.group ?? NONE) === query.group) &&
  (query.customer === undefined || (row.customerId ?? NONE) === query.customer) &&
  (query.release === undefined || row.release === query.release) &&
  (query.connection === undefined || row.online === (query.connection === 'online')) &&
  (!query.attention || row.attention.length > 0);

const unfiltered = (query: FleetQuery) =>
  query.group === undefined && query.customer === undefined && query.release === undefined && query.connection === undefined && !query.attention;

/** The figures of what a filter keeps, summed once per filter and data version (they do not depend on the order). */
function filteredBy(state: ReadState, query: FleetQuery): Filtered {
  const key = filterKey(query);
  let found = state.filtered.get(key);
  if (found) return found;
  const keeps = keeperOf(query);
  const summary = emptyFigures();
  const groups = new Map<string, FleetFigures & { group: string; label: string }>();
  for (const row of state.rows) {
    if (!keeps(row)) continue;
    addTo(summary, row);
    const name = row.group ?? NONE;
    let group = groups.get(name);
    if (!group) groups.set(name, (group = { ...emptyFigures(), group: name, label: row.group ?? NO_GROUP_LABEL }));
    addTo(group, row);
  }
  if (state.filtered.size >= KEPT_FILTERS) state.filtered.clear();
  found = {
    summary,
    groups: [...groups.values()].sort((a, b) => (a.group === NONE ? 1 : b.group === NONE ? -1 : compareKeys(sortKey(a.label), sortKey(b.label)))),
    kept: new Map(),
  };
  state.filtered.set(key, found);
  return found;
}

/** The rows a filter keeps in the order asked for. */
function keptRows(state: ReadState, filtered: Filtered, query: FleetQuery): FleetRow[] {
  const order = `${query.sort} ${query.order}`;
  let kept = filtered.kept.get(order);
  if (!kept) {
    const sorted = sortedRows(state, query.sort, query.order);
    kept = unfiltered(query) ? sorted : sorted.filter(keeperOf(query));
    filtered.kept.set(order, kept);
  }
  return kept;
}

/** The overview of the fleet as the query asks for it: figures of what the filters keep, and one page of rows. */
export function fleetOverview(ctx: CoreContext, query: FleetQuery = readFleetQuery({})): FleetOverview {
  const state = current(ctx);
  const filtered = filteredBy(state, query);
  const kept = keptRows(state, filtered, query);
  return {
    summary: filtered.summary,
    groups: filtered.groups,
    choices: choicesFor(state),
    fleetSize: state.rows.length,
    matching: kept.length,
    offset: query.offset,
    limit: query.limit,
    rows: kept.slice(query.offset, query.offset + query.limit),
  };
}
