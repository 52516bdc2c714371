import type { IsoDate } from '../../../models/dates';
import { dashboardMaintenanceStatus, dialogMaintenanceStatus } from '../../../models/maintenance';
import {
  capacityBadge,
  hasLicensedCapacity,
  heldMaintenanceEnd,
  licensedCapacity,
  usedCapacity,
  type HeldLicense,
  type HeldTotals,
  type SmartServerLicensing,
} from '../../../models/smartserver';
import { admittedCapacity, devicesReachable, featureAvailability, licenseManagementRefusal, type SmartServerFacts } from '../../../models/editions';
import { needsLicensing, parseVersion } from '../../../models/versions';
import { inTransaction, type CoreContext } from '../../kernel/context';
import { type DeviceTally, relicense, tallyDevices } from './devices';
import { recordTransition } from '../../kernel/coverage';
import { badInput, Problem, problemOf } from '../../kernel/problems';
import type { CmsUserType } from '../../kernel/tokens';
import { optionalString, requireObject, requireUuid } from '../../kernel/validate';
import { KeptByVersion } from './kept-by-version';
import { type RowVersions, type SmartServerRecord, getSmartServer, rowVersions } from './records';

/** What a SmartServer holds: its licenses, the devices they admit, Manage Licenses and the dashboard. */

/** Held licenses by their stored JSON: a SmartServer's list is read on every licensing call, and a held license's row rarely changes. */
const parsedHeld = new Map<string, HeldLicense>();
const PARSED_HELD_KEPT = 20_000;

function parseHeld(json: string): HeldLicense {
  let held = parsedHeld.get(json);
  if (!held) {
    if (parsedHeld.size >= PARSED_HELD_KEPT) parsedHeld.clear();
    held = Object.freeze(JSON.parse(json) as HeldLicense);
    parsedHeld.set(json, held);
  }
  return held;
}

export type Noted = HeldLicense & { note?: string };

/**
 * Each SmartServer's held licenses as last read or written, per database, under the version of its
 * rows then: a licensing call reads one small row, not every license the SmartServer holds.
 */
const keptHeld = new KeptByVersion<readonly Noted[]>();

/** Keeps `held` as the SmartServer's list; `version` is its held licenses' version when the caller has just read it. */
function keepHeld(ctx: CoreContext, installCode: string, held: readonly Noted[], version = rowVersions(ctx, installCode).held): readonly Noted[] {
  // The licenses are frozen, the list only typed read-only: V8 walks a frozen array several times slower.
  return keptHeld.set(ctx.db, installCode, version, held);
}

/** A held license as a row reads back: its stored JSON, and its note (undefined when none). */
const storedHeld = (json: string, note: string | null | undefined): Noted => Object.freeze({ ...parseHeld(json), note: note ?? undefined });

/**
 * A license just written with no note, as its row reads back: the fields its JSON keeps (a field
 * left undefined is not written). Made from the license, not by parsing the text just written.
 */
function writtenHeld(license: HeldLicense): Noted {
  const held: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(license)) if (key !== 'note' && value !== undefined) held[key] = value;
  held.note = undefined;
  return Object.freeze(held) as unknown as Noted;
}

/** What a SmartServer holds, in the order activated; the list and its licenses are shared, never to be changed. `versions` when the caller has just read them. */
export function heldLicenses(ctx: CoreContext, installCode: string, versions = rowVersions(ctx, installCode)): readonly Noted[] {
  const kept = keptHeld.get(ctx.db, installCode, versions.held);
  if (kept) return kept;
  const rows = ctx.db
    .prepare<[string], { held: string; note: string | null }>('SELECT held, note FROM held_licenses WHERE install_code = ? ORDER BY rowid')
    .all(installCode);
  return keepHeld(
    ctx,
    installCode,
    rows.map((r) => storedHeld(r.held, r.note)),
  );
}

export function licensingState(ctx: CoreContext, server: SmartServerRecord, versions?: RowVersions): SmartServerLicensing {
  return {
    installCode: server.installCode,
    edition: server.edition,
    online: server.online,
    licenses: heldLicenses(ctx, server.installCode, versions),
    maintenanceRule: ctx.config.maintenanceRule,
  };
}

/** What a row keeps of a held license: the note has a column of its own. */
function heldJson(license: Noted): string {
  // A field left undefined is not written, so a license without a note is its own row.
  if (license.note === undefined) return JSON.stringify(license);
  const { note: _note, ...held } = license;
  return JSON.stringify(held);
}

/**
 * Stores the licensing state the SmartServer machine produced and re-derives the devices from it.
 * Only the rows that changed are written: an activation adds rows after the ones kept, a return
 * removes some, so a SmartServer holding many licenses does not have every one rewritten. `before`
 * is what the caller read in the same transaction, when it has it. Returns what it holds now, as a
 * read would.
 */
export function hold(
  ctx: CoreContext,
  installCode: string,
  next: SmartServerLicensing,
  before: readonly Noted[] = heldLicenses(ctx, installCode),
  server?: SmartServerRecord,
): readonly Noted[] {
  const phase = (licenses: readonly HeldLicense[]) => (hasLicensedCapacity(licenses) ? 'licensed' : 'unlicensed');
  const event = next.licenses.length >= before.length ? 'ACTIVATE' : 'RETURN_ALL';
  recordTransition(ctx.db, 'smartserver', phase(before), phase(next.licenses), event);
  const after = next.licenses as readonly Noted[];
  const insert = ctx.db.prepare('INSERT INTO held_licenses (license_id, install_code, held, note) VALUES (?, ?, ?, ?)');
  // An activation passes on every license held before, as it was, and adds its own after them: only those are written.
  if (after.length >= before.length && before.every((l, i) => after[i] === l)) {
    const added = after.slice(before.length).map((l) => {
      insert.run(l.licenseId, installCode, heldJson(l), null);
      return writtenHeld(l);
    });
    // `before` is normally the list kept for this SmartServer; anything else is kept as its rows read back.
    const stored = keptHeld.latest(ctx.db, installCode) === before ? before : before.map((l) => storedHeld(heldJson(l), l.note));
    // Read once after the rows were written: the list is kept under it, and the devices are checked against it.
    const written = rowVersions(ctx, installCode);
    const held = keepHeld(ctx, installCode, [...stored, ...added], written.held);
    // One step back is all the figures and tables are made from: a longer chain would keep every list the SmartServer ever held alive.
    const storedFacts = listFacts.get(stored);
    if (storedFacts) storedFacts.base = undefined;
    listFacts.set(held, { base: stored });
    rederiveDevices(ctx, installCode, after, server, capacityOf(held), written.devices);
    return held;
  }
  const staying = new Set(after.map((l) => l.licenseId));
  const kept = before.filter((l) => staying.has(l.licenseId));
  const notes = new Map(before.map((l) => [l.licenseId, l.note ?? null]));
  // Rows are listed in the order they were written: the kept licenses must come first, in their order, or all are written again.
  if (kept.some((l, i) => after[i].licenseId !== l.licenseId)) {
    ctx.db.prepare('DELETE FROM held_licenses WHERE install_code = ?').run(installCode);
    for (const l of after) insert.run(l.licenseId, installCode, heldJson(l), notes.get(l.licenseId) ?? null);
  } else {
    const remove = ctx.db.prepare('DELETE FROM held_licenses WHERE license_id = ? AND install_code = ?');
    for (const l of before) if (!staying.has(l.licenseId)) remove.run(l.licenseId, installCode);
    const update = ctx.db.prepare('UPDATE held_licenses SET held = ? WHERE license_id = ? AND install_code = ?');
    kept.forEach((l, i) => {
      // The machine passes on the licenses it keeps as they were; only one it replaced is compared.
      if (after[i] === l) return;
      const json = heldJson(after[i]);
      if (json !== heldJson(l)) update.run(json, l.licenseId, installCode);
    });
    for (const l of after.slice(kept.length)) insert.run(l.licenseId, installCode, heldJson(l), null);
  }
  const held = keepHeld(
    ctx,
    installCode,
    after.map((l) => storedHeld(heldJson(l), notes.get(l.licenseId))),
  );
  rederiveDevices(ctx, installCode, after, server);
  return held;
}

/** What the edition and release rules need to know about a SmartServer; `licenses` when the caller has them already. */
export function smartServerFacts(
  ctx: CoreContext,
  server: SmartServerRecord,
  licenses: readonly HeldLicense[] = heldLicenses(ctx, server.installCode),
): SmartServerFacts {
  return { installCode: server.installCode, edition: server.edition, version: parseVersion(server.version)!, licenses };
}

/**
 * Re-derives which devices are licensed from the held licenses and the release (up to 3.2 every
 * device is); `licensed` is the licenses' capacity and `devicesVersion` the devices' version
 * (records.ts), when the caller has them.
 */
export function rederiveDevices(
  ctx: CoreContext,
  installCode: string,
  licenses?: readonly HeldLicense[],
  server = getSmartServer(ctx, installCode),
  licensed?: number,
  devicesVersion?: number | null,
): void {
  relicense(ctx, installCode, admittedCapacity(smartServerFacts(ctx, server, licenses), licensed), devicesVersion);
}

/** Licenses exist only from release 3.3 on. */
export function requireLicenseManagement(server: SmartServerRecord): void {
  const refusal = licenseManagementRefusal({ installCode: server.installCode, version: parseVersion(server.version)! });
  if (refusal) throw problemOf(refusal);
}

/** A row of Manage Licenses. */
export interface ManageLicensesRow {
  segmentController: string;
  licenseId: string;
  kind: HeldLicense['kind'];
  description: string;
  status: string;
  activationDate: string;
  mode: HeldLicense['mode'];
  note: string | null;
}

/**
 * The row made for each held license, kept while its SmartServer's name and its status read the
 * same (the rest follows from the license, which is never changed): the table is answered after
 * every licensing call, and a SmartServer can hold hundreds of licenses.
 */
const rows = new WeakMap<Noted, ManageLicensesRow>();

/** What Manage Licenses shows of a license whatever its SmartServer: in its row, and in the answer of the action that activated it. */
function licenseFields(l: HeldLicense, status: string): Omit<ManageLicensesRow, 'segmentController' | 'note'> {
  return { licenseId: l.licenseId, kind: l.kind, description: describeHeld(l), status, activationDate: l.activatedAt.slice(0, 10), mode: l.mode };
}

/** A license's status in Manage Licenses: a maintenance license's is its SmartServer's maintenance status, any other is Active. */
const statusOf = (l: HeldLicense, maintenanceStatus: string) => (l.kind === 'maintenance' ? maintenanceStatus : 'Active');

function rowOf(l: Noted, segmentController: string, status: string): ManageLicensesRow {
  const known = rows.get(l);
  if (known && known.segmentController === segmentController && known.status === status) return known;
  const row: ManageLicensesRow = Object.freeze({ segmentController, ...licenseFields(l, status), note: l.note ?? null });
  if (Object.isFrozen(l)) rows.set(l, row);
  return row;
}

/**
 * The table made for a list of held licenses, kept while its SmartServer's name and maintenance
 * status read the same. A list an activation made by adding to the one before (its `base`) gets
 * that one's rows and only the added rows made, so answering after an activation costs the added
 * licenses, not every license held (and licenses-json.ts writes its text the same way).
 */
interface Table {
  segmentController: string;
  maintenanceStatus: string;
  rows: readonly ManageLicensesRow[];
}
const tables = new WeakMap<readonly Noted[], Table>();

/**
 * What is known of a list of held licenses, each part worked out once: the list an activation made
 * it from by adding licenses after it (`base`), its licensed capacity and its maintenance end (null:
 * none). One entry per list, so an activation records its new list once rather than once per
 * figure: each entry keyed by a new list costs the garbage collector on every minor collection.
 */
interface ListFacts {
  base?: readonly Noted[];
  capacity?: number;
  maintenanceEnd?: IsoDate | null;
}
const listFacts = new WeakMap<readonly Noted[], ListFacts>();

function factsOf(held: readonly Noted[]): ListFacts {
  let facts = listFacts.get(held);
  if (!facts) listFacts.set(held, (facts = {}));
  return facts;
}
/** Each table's rows, by the rows of the table they were made by adding to. */
const grownRows = new WeakMap<readonly ManageLicensesRow[], readonly ManageLicensesRow[]>();

/** The rows of the table `rows` were made from by adding rows after them, if they were. */
export function rowsExtending(rows: readonly ManageLicensesRow[]): readonly ManageLicensesRow[] | undefined {
  return grownRows.get(rows);
}

/** The maintenance end of a list; one an activation made by adding no maintenance license has its base's. */
function maintenanceEndOf(held: readonly Noted[]): IsoDate | undefined {
  const facts = factsOf(held);
  if (facts.maintenanceEnd === undefined) {
    const { base } = facts;
    const baseEnd = base && listFacts.get(base)?.maintenanceEnd;
    const same = baseEnd !== undefined && held.slice(base!.length).every((l) => l.kind !== 'maintenance');
    facts.maintenanceEnd = same ? baseEnd : (heldMaintenanceEnd(held) ?? null);
  }
  return facts.maintenanceEnd ?? undefined;
}

/** The licensed capacity of a list; one an activation made by adding to another is its base's and the added licenses'. */
function capacityOf(held: readonly Noted[]): number {
  const facts = factsOf(held);
  if (facts.capacity === undefined) {
    const { base } = facts;
    const baseCapacity = base && listFacts.get(base)?.capacity;
    facts.capacity = baseCapacity !== undefined ? baseCapacity + licensedCapacity(held.slice(base!.length)) : licensedCapacity(held);
  }
  return facts.capacity;
}

/** The Manage Licenses table; `known` is the SmartServer and what it holds when the caller has just read or written them. The rows are shared, never to be changed. */
export function manageLicensesList(
  ctx: CoreContext,
  installCode: string,
  known?: { server: SmartServerRecord; held: readonly Noted[] },
): readonly ManageLicensesRow[] {
  const server = known?.server ?? getSmartServer(ctx, installCode);
  const held = known?.held ?? heldLicenses(ctx, installCode);
  const maintenanceStatus = maintenanceStatusOf(ctx, held);
  const same = (table: Table | undefined): table is Table =>
    table !== undefined && table.segmentController === server.name && table.maintenanceStatus === maintenanceStatus;
  const kept = tables.get(held);
  if (same(kept)) return kept.rows;
  const row = (l: Noted) => rowOf(l, server.name, statusOf(l, maintenanceStatus));
  const base = listFacts.get(held)?.base;
  const baseTable = base && tables.get(base);
  let rows: readonly ManageLicensesRow[];
  if (base && same(baseTable)) {
    rows = baseTable.rows.concat(held.slice(base.length).map(row));
    grownRows.set(rows, baseTable.rows);
    grownRows.delete(baseTable.rows);
  } else {
    rows = held.map(row);
  }
  tables.set(held, { segmentController: server.name, maintenanceStatus, rows });
  return rows;
}

/** The status Manage Licenses gives the maintenance licenses of `held`: Active, or Expiring / Expired with the date. */
function maintenanceStatusOf(ctx: CoreContext, held: readonly Noted[]): string {
  const maintenanceEnd = maintenanceEndOf(held);
  return maintenanceEnd ? dialogMaintenanceStatus(maintenanceEnd, ctx.clock.today()) : 'Active';
}

/** A license an action activated, as its answer gives it: its row of Manage Licenses and the devices it admits or covers. */
export type ActivatedLicense = Omit<ManageLicensesRow, 'segmentController' | 'note'> & { capacity: number };

/**
 * The licenses `licenseIds` names, as the answer of the action that activated them gives them;
 * `held` is what the SmartServer holds now. An activation adds its licenses after the others, so
 * they are looked for at the end before the whole list is searched.
 */
export function activatedLicenses(ctx: CoreContext, held: readonly Noted[], licenseIds: readonly string[]): ActivatedLicense[] {
  const tail = held.slice(held.length - licenseIds.length);
  const found = tail.every((l, i) => l.licenseId === licenseIds[i]) ? tail : licenseIds.map((id) => held.find((l) => l.licenseId === id)!);
  const maintenanceStatus = found.some((l) => l.kind === 'maintenance') ? maintenanceStatusOf(ctx, held) : 'Active';
  // Written out rather than spread from licenseFields: every activation answers this, and a spread copy takes V8's slow path.
  return found.map((l) => {
    const { licenseId, kind, description, status, activationDate, mode } = licenseFields(l, statusOf(l, maintenanceStatus));
    return { licenseId, kind, description, status, activationDate, mode, capacity: l.capacity };
  });
}

/** What a list of held licenses adds up to (heldTotals), from the list it was made from when it was made by an activation. */
export function keptTotals(held: readonly Noted[]): HeldTotals {
  return { capacity: capacityOf(held), maintenanceEnd: maintenanceEndOf(held) };
}

/** Where a SmartServer's licensing stands, in short: an action answers this rather than the whole Manage Licenses table. */
export function licensingSummary(held: readonly Noted[]) {
  return { licenses: held.length, capacity: capacityOf(held), maintenanceEnds: maintenanceEndOf(held) ?? null };
}

function describeHeld(l: HeldLicense): string {
  switch (l.kind) {
    case 'capacity':
      return `${l.capacity}-device capacity`;
    case 'trial':
      return `${l.capacity}-device trial capacity`;
    case 'maintenance':
      return `${l.termYears}-year maintenance`;
    case 'core':
      return 'SmartServer Pi core';
  }
}

/** The dashboard: capacity, used capacity, the red badge and the maintenance indicator. */
export function dashboard(ctx: CoreContext, installCode: string, viewer: CmsUserType = 'Owner') {
  const server = getSmartServer(ctx, installCode);
  const figures = dashboardFigures(server, heldLicenses(ctx, installCode), tallyDevices(ctx, installCode), ctx.clock.today());
  return {
    ...figures,
    // Manage Licenses is the Owner's alone, so it opens at start-up only for an Owner.
    manageLicensesOpensAtStartup: figures.badge && viewer === 'Owner',
    services: serviceStates(smartServerFacts(ctx, server)),
  };
}

export type DashboardFigures = ReturnType<typeof dashboardFigures>;

/** What the dashboard shows of a SmartServer, from its record, the licenses it holds and its device tally. */
export function dashboardFigures(server: SmartServerRecord, held: readonly HeldLicense[], devices: DeviceTally, today: IsoDate) {
  const capacity = licensedCapacity(held);
  const licensing = needsLicensing(parseVersion(server.version)!);
  const ends = heldMaintenanceEnd(held);
  return {
    installCode: server.installCode,
    name: server.name,
    version: server.version,
    edition: server.edition,
    online: server.online,
    licenseManagement: licensing,
    capacity,
    usedCapacity: usedCapacity(capacity, devices.defined),
    definedDevices: devices.defined,
    licensedDevices: devices.licensed,
    badge: licensing && capacityBadge(capacity, devices.defined),
    maintenance: { status: dashboardMaintenanceStatus(ends, today), ends: ends ?? null },
    devicesByColour: devices.byColour,
  };
}

/** The built-in services that need reachable devices (CMS-15): they stop once no capacity is left. */
function serviceStates(facts: SmartServerFacts) {
  const running = (feature: 'scheduler' | 'data-logging') => (featureAvailability(facts, feature).available ? 'running' : 'stopped');
  return { devices: devicesReachable(facts) ? 'reachable' : 'unreachable', scheduler: running('scheduler'), dataLogging: running('data-logging') };
}

/** The optional Note column of Manage Licenses (e.g. where the unit is installed). */
export function setLicenseNote(ctx: CoreContext, installCode: string, licenseId: string, body: unknown) {
  const id = requireUuid(licenseId, 'licenseId');
  const input = requireObject(body, 'body');
  if (input.note === undefined) throw badInput('note', 'is required: the note text, or null to clear it');
  const note = input.note === null ? undefined : optionalString(input.note, 'note', 200);
  return inTransaction(ctx, () => {
    getSmartServer(ctx, installCode);
    const changed = ctx.db.prepare('UPDATE held_licenses SET note = ? WHERE license_id = ? AND install_code = ?').run(note ?? null, id, installCode);
    if (changed.changes === 0) {
      throw new Problem(404, 'license-not-held', `SmartServer ${installCode} holds no license ${id}; notes go on the licenses listed in Manage Licenses.`);
    }
    return manageLicensesList(ctx, installCode).find((l) => l.licenseId === id)!;
  });
}
