import { admittedCapacity } from '../../../models/editions';
import { licensedDeviceCount } from '../../../models/smartserver';
import { parseVersion } from '../../../models/versions';
import type { FleetDescription } from './description';
import type { FleetPlan, FleetTotals, PlannedGroup } from './generate';
import { findCustomerByName, findPartnerByEmail } from '../../kernel/accounts';
import { inTransaction, type CoreContext } from '../../kernel/context';
import { generatedCells, recordRelicensing, relicenseCells, writeCells, type RelicenseTally } from '../../services/smartserver';
import { hashPassword } from '../../kernel/passwords';
import { badInput, conflict, notFound } from '../../kernel/problems';
import { cursorAfter, type Page, type PageRequest } from '../../kernel/paging';

/**
 * Fleets: many SmartServers made at once from a fleet description (see description.ts). Loading
 * one is a bulk insert in one transaction: one row per SmartServer, one per CMS user, and one
 * BLOB of device cells each. Every CMS user of a fleet shares the fleet password, hashed once for
 * the whole fleet: hashing it per SmartServer would take minutes for ten thousand of them.
 * A SmartServer remembers its fleet (fleet_members), and reset forgets fleets with everything else.
 */

export interface FleetGroupSummary {
  group: string;
  count: number;
  customer: string | null;
  /** The saved Customer ID, when a customer of that name exists. */
  customerId: string | null;
}

export interface FleetSummary {
  name: string;
  description: string | null;
  seed: number | string;
  /**
   * The password of every CMS user of the fleet: in the answer that made the fleet only. It is
   * stored hashed, so no later listing can show it.
   */
  password?: string;
  createdAt: string;
  /** How many processes serve the fleet's SmartServers (1 unless it is split into shards). */
  shards: number;
  smartServers: number;
  pi: number;
  online: number;
  devices: FleetTotals['devices'];
  groups: FleetGroupSummary[];
}

export interface FleetMember {
  installCode: string;
  group: string;
  position: number;
  /** The shard serving it, when the fleet is split into shards. */
  shard: number | null;
}

export interface ShardPart {
  index: number;
  count: number;
}

/** The Customer ID of each group's customer (null when no customer of that name exists). */
export function resolveCustomerIds(ctx: CoreContext, groups: readonly PlannedGroup[]): (string | null)[] {
  const byName = ctx.db.prepare<[string], { id: string }>('SELECT id FROM customers WHERE name = ?');
  return groups.map((g, i) => {
    if (!g.customer) return null;
    if (g.partner) {
      const partner = findPartnerByEmail(ctx, g.partner);
      if (!partner) throw badInput(`smartServers[${i}].partner`, `no partner ${g.partner} is known here`);
      return findCustomerByName(ctx, partner.id, g.customer)?.customerId ?? null;
    }
    const found = byName.all(g.customer);
    if (found.length > 1) {
      throw conflict(
        'customer-ambiguous',
        `Customers of ${found.length} partners are named ${g.customer}; give smartServers[${i}].partner (the partner's email) to say which one.`,
      );
    }
    return found[0]?.id ?? null;
  });
}

function summaryOf(fleet: FleetDescription, plan: FleetPlan, customerIds: readonly (string | null)[], createdAt: string, shards: number): FleetSummary {
  return {
    name: plan.name,
    description: fleet.description ?? null,
    seed: plan.seed,
    createdAt,
    shards,
    smartServers: plan.totals.smartServers,
    pi: plan.totals.pi,
    online: plan.totals.online,
    devices: plan.totals.devices,
    groups: plan.groups.map((g, i) => ({ group: g.label, count: g.count, customer: g.customer ?? null, customerId: customerIds[i] ?? null })),
  };
}

function insertFleetRow(ctx: CoreContext, fleet: FleetDescription, summary: FleetSummary): void {
  if (ctx.db.prepare('SELECT 1 FROM fleets WHERE name = ?').get(summary.name)) {
    throw conflict('fleet-exists', `A fleet named ${summary.name} exists already; remove it first or choose another name.`);
  }
  ctx.db
    .prepare('INSERT INTO fleets (name, description, summary, created_at) VALUES (?, ?, ?, ?)')
    .run(summary.name, JSON.stringify({ ...fleet, password: undefined }), JSON.stringify(summary), summary.createdAt);
}

function requirePlannedPassword(plan: FleetPlan): string {
  if (!plan.password) throw new Error(`fleet ${plan.name} was planned without a password`);
  return plan.password;
}

export interface LoadOptions {
  customerIds: readonly (string | null)[];
  /** Which share of the fleet this process serves; the plan then holds only that share. */
  shard?: ShardPart;
  /** Called as loading goes: SmartServers done and in all (of this share). */
  onProgress?: (done: number, total: number) => void;
}

/** Creates the SmartServers of a plan (or of this process's share of it), all in one transaction. */
export function loadFleet(ctx: CoreContext, fleet: FleetDescription, plan: FleetPlan, options: LoadOptions): FleetSummary {
  const password = requirePlannedPassword(plan);
  const passwordHash = hashPassword(ctx.crypto, password, ctx.config.passwordCost);
  const createdAt = ctx.clock.now();
  const summary = summaryOf(fleet, plan, options.customerIds, createdAt, options.shard?.count ?? 1);
  const total = plan.smartServers.length;
  return inTransaction(ctx, () => {
    insertFleetRow(ctx, fleet, summary);
    const exists = ctx.db.prepare<[string], { one: number }>('SELECT 1 AS one FROM smartservers WHERE install_code = ?');
    const segmentOwner = ctx.db.prepare<[string], { fleet: string | null; install_code: string }>(
      'SELECT m.fleet, s.install_code FROM smartservers s LEFT JOIN fleet_members m ON m.install_code = s.install_code WHERE s.sc_id = ?',
    );
    const insertServer = ctx.db.prepare(`INSERT INTO smartservers (install_code, sc_id, name, version, edition, online, customer_id, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertUser = ctx.db.prepare('INSERT INTO cms_users (install_code, username, password_hash, user_type) VALUES (?, ?, ?, ?)');
    const insertMember = ctx.db.prepare('INSERT INTO fleet_members (install_code, fleet, grp, position, shard) VALUES (?, ?, ?, ?, ?)');
    const tally: RelicenseTally = new Map();
    let reported = 0;
    plan.smartServers.forEach((s, done) => {
      if (exists.get(s.installCode)) {
        throw conflict('smartserver-exists', `A SmartServer with install code ${s.installCode} exists already, so fleet ${plan.name} cannot have it.`);
      }
      // The seed draws the segment controller IDs: the same seed again draws the same ones.
      const owner = segmentOwner.get(s.segmentControllerId);
      if (owner) {
        throw conflict(
          'fleet-seed-in-use',
          `Segment controller ID ${s.segmentControllerId} is taken by SmartServer ${owner.install_code}${owner.fleet ? ` of fleet ${owner.fleet}` : ''}, made from the same seed; give fleet ${plan.name} another seed, or remove ${owner.fleet ? `fleet ${owner.fleet}` : 'that SmartServer'} first.`,
          'seed',
        );
      }
      const group = plan.groups[s.group];
      insertServer.run(s.installCode, s.segmentControllerId, s.name, s.version, s.edition, s.online ? 1 : 0, options.customerIds[s.group] ?? null, createdAt);
      for (const user of group.users) insertUser.run(s.installCode, user.username, passwordHash, user.userType);
      const cells = generatedCells(s.devices);
      if (cells.length > 0) {
        // A new SmartServer holds no license: only releases before licensing (3.2 and older) license its devices.
        const capacity = admittedCapacity({ version: parseVersion(s.version)!, licenses: [] });
        relicenseCells(cells, licensedDeviceCount(capacity, cells.length), tally);
        writeCells(ctx, s.installCode, cells);
      }
      insertMember.run(s.installCode, plan.name, s.group, s.position, options.shard?.index ?? null);
      const tenth = Math.floor(((done + 1) * 10) / total);
      if (options.onProgress && tenth > reported) {
        reported = tenth;
        options.onProgress(done + 1, total);
      }
    });
    recordRelicensing(ctx.db, tally);
    return { ...summary, password };
  });
}

/** The portal-and-cloud process of a sharded emulator records where each SmartServer of a fleet lives, and holds none of them. */
export function registerFleet(
  ctx: CoreContext,
  fleet: FleetDescription,
  plan: FleetPlan,
  customerIds: readonly (string | null)[],
  shards: number,
): FleetSummary {
  const summary = summaryOf(fleet, plan, customerIds, ctx.clock.now(), shards);
  return inTransaction(ctx, () => {
    insertFleetRow(ctx, fleet, summary);
    const insertMember = ctx.db.prepare('INSERT INTO fleet_members (install_code, fleet, grp, position, shard) VALUES (?, ?, ?, ?, ?)');
    let position = 0;
    plan.groups.forEach((g, group) => {
      for (let n = 0; n < g.count; n++, position++) insertMember.run(plan.installCodes[position], plan.name, group, position, position % shards);
    });
    return { ...summary, password: requirePlannedPassword(plan) };
  });
}

export function listFleets(ctx: CoreContext): FleetSummary[] {
  return ctx.db
    .prepare<[], { summary: string }>('SELECT summary FROM fleets ORDER BY created_at, name')
    .all()
    .map((r) => JSON.parse(r.summary) as FleetSummary);
}

export function getFleet(ctx: CoreContext, name: string): FleetSummary {
  const row = ctx.db.prepare<[string], { summary: string }>('SELECT summary FROM fleets WHERE name = ?').get(name);
  if (!row) throw notFound('fleet', name);
  return JSON.parse(row.summary) as FleetSummary;
}

/** The description a fleet was made from, with its seed. */
export function fleetDescription(ctx: CoreContext, name: string): FleetDescription {
  const row = ctx.db.prepare<[string], { description: string }>('SELECT description FROM fleets WHERE name = ?').get(name);
  if (!row) throw notFound('fleet', name);
  return JSON.parse(row.description) as FleetDescription;
}

export function fleetMembers(ctx: CoreContext, name: string): FleetMember[] {
  return fleetMemberPage(ctx, name, { after: 0, limit: Number.MAX_SAFE_INTEGER }).items;
}

/**
 * One page of a fleet's SmartServers in fleet order: `after` is how many places to pass. The
 * places this process holds are counted, so a shard pages through its own share.
 */
export function fleetMemberPage(ctx: CoreContext, name: string, page: PageRequest): Page<FleetMember> {
  const fleet = getFleet(ctx, name);
  const rows = ctx.db
    .prepare<[string, number, number], { install_code: string; grp: number; position: number; shard: number | null }>(
      'SELECT install_code, grp, position, shard FROM fleet_members WHERE fleet = ? AND position >= ? ORDER BY position LIMIT ?',
    )
    .all(name, page.after, Math.min(page.limit, Number.MAX_SAFE_INTEGER - 1) + 1);
  const more = rows.length > page.limit;
  const items = (more ? rows.slice(0, page.limit) : rows).map((r) => ({
    installCode: r.install_code,
    group: fleet.groups[r.grp]?.group ?? String(r.grp),
    position: r.position,
    shard: r.shard,
  }));
  const total =
    page.after === 0 && !more ? items.length : ctx.db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM fleet_members WHERE fleet = ?').get(name)!.n;
  return { items, total, ...(more ? { nextCursor: cursorAfter(items[items.length - 1].position + 1) } : {}) };
}

/** The fleet and group of every SmartServer that belongs to a fleet, by install code. */
export function fleetGroups(ctx: CoreContext): Map<string, { fleet: string; group: string }> {
  // One object per fleet group, shared by its members: a fleet of a hundred thousand has a handful.
  const shared = new Map(listFleets(ctx).map((f) => [f.name, f.groups.map((g) => ({ fleet: f.name, group: g.group }))]));
  const groups = new Map<string, { fleet: string; group: string }>();
  for (const r of ctx.db.prepare<[], { install_code: string; fleet: string; grp: number }>('SELECT install_code, fleet, grp FROM fleet_members').all()) {
    groups.set(r.install_code, shared.get(r.fleet)?.[r.grp] ?? { fleet: r.fleet, group: String(r.grp) });
  }
  return groups;
}

/** Where a SmartServer is: its fleet and, when the fleet is split, its shard. */
export function fleetMembership(ctx: CoreContext, installCode: string): { fleet: string; shard: number | null } | undefined {
  return ctx.db.prepare<[string], { fleet: string; shard: number | null }>('SELECT fleet, shard FROM fleet_members WHERE install_code = ?').get(installCode);
}

/**
 * Removes a fleet and the SmartServers of it this process holds, with their users and devices.
 * Licenses activated on them stay active in the cloud, as for units taken out of service.
 */
export function removeFleet(ctx: CoreContext, name: string): { name: string; removedSmartServers: number } {
  return inTransaction(ctx, () => {
    getFleet(ctx, name);
    const removed = ctx.db.prepare('DELETE FROM smartservers WHERE install_code IN (SELECT install_code FROM fleet_members WHERE fleet = ?)').run(name).changes;
    ctx.db.prepare('DELETE FROM fleets WHERE name = ?').run(name);
    return { name, removedSmartServers: removed };
  });
}
