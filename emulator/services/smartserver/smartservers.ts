import { randomBytes } from 'node:crypto';
import { applySmartServerEvent } from '../../../models/apply';
import { dashboardMaintenanceStatus, dialogMaintenanceStatus } from '../../../models/maintenance';
import {
  capacityBadge, heldMaintenanceEnd, licensedCapacity, usedCapacity, type HeldLicense, type SmartServerLicensing,
} from '../../../models/smartserver';
import { admittedCapacity, devicesReachable, featureAvailability, licenseManagementRefusal, type SmartServerFacts } from '../../../models/editions';
import { needsLicensing, parseVersion, supportsPi } from '../../../models/versions';
import { inTransaction, type CoreContext } from '../../kernel/context';
import { addGeneratedDevices, listDevices, PROTOCOLS, relicense, tallyDevices, type Protocol } from './devices';
import type { LicensingCloudPort } from '../licensing-cloud/service';
import { recordTransition } from '../../kernel/coverage';
import { dummyPasswordHash, generatePassword, hashPassword, verifyPassword } from '../../kernel/passwords';
import { badInput, conflict, forbidden, notFound, Problem, problemOf, refusalsAsProblems } from '../../kernel/problems';
import type { CmsUserType, Principal } from '../../kernel/tokens';
import {
  optionalBoolean, optionalString, requireArray, requireInstallCode, requireInt, requireObject, requireString, requireUuid,
} from '../../kernel/validate';

export const USER_TYPES: readonly CmsUserType[] = ['Owner', 'Admin', 'Supervisor', 'User'];

export interface SmartServerRecord {
  installCode: string;
  segmentControllerId: string;
  name: string;
  hostname: string;
  version: string;
  edition: 'standard' | 'pi';
  online: boolean;
  customerId?: string;
  pendingCustomerId?: string;
}

interface SmartServerRow {
  install_code: string;
  sc_id: string;
  name: string;
  version: string;
  edition: 'standard' | 'pi';
  online: number;
  customer_id: string | null;
  pending_customer_id: string | null;
}

const toRecord = (row: SmartServerRow): SmartServerRecord => ({
  installCode: row.install_code,
  segmentControllerId: row.sc_id,
  name: row.name,
  hostname: `smartserver-${row.install_code}`,
  version: row.version,
  edition: row.edition,
  online: row.online === 1,
  customerId: row.customer_id ?? undefined,
  pendingCustomerId: row.pending_customer_id ?? undefined,
});

export function getSmartServer(ctx: CoreContext, installCode: string): SmartServerRecord {
  const row = ctx.db.prepare<[string], SmartServerRow>('SELECT * FROM smartservers WHERE install_code = ?').get(installCode);
  if (!row) throw notFound('SmartServer', installCode);
  return toRecord(row);
}

export function listSmartServers(ctx: CoreContext): SmartServerRecord[] {
  return ctx.db.prepare<[], SmartServerRow>('SELECT * FROM smartservers ORDER BY created_at, install_code').all().map(toRecord);
}

const randomCode = (alphabet: string, length: number) => [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');

/** A random install code no SmartServer here has yet (a large fleet makes a clash likely enough to matter). */
function freeInstallCode(ctx: CoreContext): string {
  const taken = ctx.db.prepare<[string], { one: number }>('SELECT 1 AS one FROM smartservers WHERE install_code = ?');
  for (;;) {
    const code = `17q${randomCode('0123456789abcdefghijklmnopqrstuvwxyz', 4)}`;
    if (!taken.get(code)) return code;
  }
}

export interface NewSmartServer {
  installCode?: string;
  name?: string;
  version?: string;
  edition?: 'standard' | 'pi';
  online?: boolean;
  devices?: Partial<Record<Protocol, number>>;
  users?: { username: string; userType: CmsUserType; password?: string }[];
}

/** Adds a SmartServer to the fleet, with its CMS users (an Owner by default) and unlicensed devices. */
export function createSmartServer(ctx: CoreContext, body: unknown) {
  const input = requireObject(body ?? {}, 'body');
  const installCode = input.installCode === undefined ? freeInstallCode(ctx) : requireInstallCode(input.installCode, 'installCode');
  const version = optionalString(input.version, 'version', 30) ?? '4.0';
  const parsed = parseVersion(version);
  if (!parsed) throw badInput('version', 'must be a SmartServer release such as 3.3, 4.0 or "3.3 Update 1"');
  const edition = input.edition === undefined ? 'standard' : input.edition;
  if (edition !== 'standard' && edition !== 'pi') throw badInput('edition', 'must be "standard" or "pi"');
  if (edition === 'pi' && !supportsPi(parsed)) throw badInput('edition', 'SmartServer Pi exists from release 4.2 on');
  const online = optionalBoolean(input.online, 'online') ?? true;
  const name = optionalString(input.name, 'name', 80) ?? `smartserver-${installCode}`;
  const deviceCounts = requireObject(input.devices ?? {}, 'devices');
  for (const key of Object.keys(deviceCounts)) {
    if (!PROTOCOLS.includes(key as Protocol)) throw badInput(`devices.${key}`, `unknown protocol; use ${PROTOCOLS.join(', ')}`);
  }
  const users = input.users === undefined
    ? [{ username: 'owner', userType: 'Owner' as CmsUserType, password: undefined as string | undefined }]
    : requireArray(input.users, 'users', 1, 20).map((raw, i) => {
      const u = requireObject(raw, `users[${i}]`);
      const userType = u.userType as CmsUserType;
      if (!USER_TYPES.includes(userType)) throw badInput(`users[${i}].userType`, `must be one of ${USER_TYPES.join(', ')}`);
      return { username: requireString(u.username, `users[${i}].username`, 60), userType, password: optionalString(u.password, `users[${i}].password`) };
    });
  users.forEach((u, i) => {
    if (users.findIndex((other) => other.username === u.username) !== i) throw badInput(`users[${i}].username`, `must differ from the other users' names; ${u.username} is given twice`);
  });

  return inTransaction(ctx, () => {
    if (ctx.db.prepare('SELECT 1 FROM smartservers WHERE install_code = ?').get(installCode)) {
      throw conflict('smartserver-exists', `A SmartServer with install code ${installCode} exists already.`);
    }
    ctx.db.prepare(`INSERT INTO smartservers (install_code, sc_id, name, version, edition, online, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`).run(installCode, randomCode('ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789', 8), name, version, edition, online ? 1 : 0, ctx.clock.now());
    const credentials = users.map((u) => {
      const password = u.password ?? generatePassword();
      ctx.db.prepare('INSERT INTO cms_users (install_code, username, password_hash, user_type) VALUES (?, ?, ?, ?)')
        .run(installCode, u.username, hashPassword(password, ctx.config.passwordCost), u.userType);
      return { username: u.username, userType: u.userType, password };
    });
    const counts = Object.fromEntries(PROTOCOLS.map((protocol) => [
      protocol, deviceCounts[protocol] === undefined ? 0 : requireInt(deviceCounts[protocol], `devices.${protocol}`, 0, 100_000),
    ])) as Record<Protocol, number>;
    addGeneratedDevices(ctx, installCode, counts);
    rederiveDevices(ctx, installCode);
    return { ...getSmartServer(ctx, installCode), users: credentials };
  });
}

export function setOnline(ctx: CoreContext, installCode: string, online: boolean): SmartServerRecord {
  getSmartServer(ctx, installCode);
  ctx.db.prepare('UPDATE smartservers SET online = ? WHERE install_code = ?').run(online ? 1 : 0, installCode);
  return getSmartServer(ctx, installCode);
}

/** CMS login: any user type gets a session; what it may do is checked per operation. */
export function cmsLogin(ctx: CoreContext, installCode: string, body: unknown) {
  getSmartServer(ctx, installCode);
  const input = requireObject(body, 'body');
  const username = requireString(input.username, 'username', 60);
  const password = requireString(input.password, 'password', 200);
  return ctx.logins.attempt(`cms:${installCode}:${username}`, () => {
    const user = ctx.db.prepare<[string, string], { password_hash: string; user_type: CmsUserType }>(
      'SELECT password_hash, user_type FROM cms_users WHERE install_code = ? AND username = ?').get(installCode, username);
    // An unknown user is verified against a dummy hash, so timing does not tell which users exist.
    const ok = verifyPassword(password, user?.password_hash ?? dummyPasswordHash(ctx.config.passwordCost)) && user !== undefined;
    if (!ok) throw new Problem(401, 'invalid-credentials', 'The user name or password is not right.');
    return { ...ctx.tokens.issue({ kind: 'cms', installCode, username, userType: user.user_type }), userType: user.user_type };
  });
}

/** The CMS session must belong to this SmartServer. */
export function requireCmsUser(principal: Principal, installCode: string): Extract<Principal, { kind: 'cms' }> {
  if (principal.kind !== 'cms' || principal.installCode !== installCode) {
    throw forbidden('not-this-smartserver', `This session is not a CMS session of SmartServer ${installCode}.`);
  }
  return principal;
}

/** Manage Licenses and everything in it belongs to the Owner user type alone. */
export function requireOwner(principal: Principal, installCode: string): void {
  const user = requireCmsUser(principal, installCode);
  if (user.userType !== 'Owner') {
    throw forbidden('owner-only', `Manage Licenses is available only to the Owner user type; ${user.username} is ${user.userType === 'Admin' ? 'an' : 'a'} ${user.userType}.`);
  }
}

export function heldLicenses(ctx: CoreContext, installCode: string): (HeldLicense & { note?: string })[] {
  return ctx.db.prepare<[string], { held: string; note: string | null }>('SELECT held, note FROM held_licenses WHERE install_code = ? ORDER BY rowid')
    .all(installCode).map((r) => ({ ...(JSON.parse(r.held) as HeldLicense), note: r.note ?? undefined }));
}

export function licensingState(ctx: CoreContext, server: SmartServerRecord): SmartServerLicensing {
  return {
    installCode: server.installCode, edition: server.edition, online: server.online,
    licenses: heldLicenses(ctx, server.installCode), maintenanceRule: ctx.config.maintenanceRule,
  };
}

/** Stores the licensing state the SmartServer machine produced and re-derives the devices from it. */
export function hold(ctx: CoreContext, installCode: string, next: SmartServerLicensing): void {
  const before = heldLicenses(ctx, installCode);
  const notes = new Map(before.map((l) => [l.licenseId, l.note ?? null]));
  const phase = (licenses: readonly HeldLicense[]) => (licensedCapacity(licenses) > 0 ? 'licensed' : 'unlicensed');
  const event = next.licenses.length >= before.length ? 'ACTIVATE' : 'RETURN_ALL';
  recordTransition(ctx.db, 'smartserver', phase(before), phase(next.licenses), event);
  ctx.db.prepare('DELETE FROM held_licenses WHERE install_code = ?').run(installCode);
  const insert = ctx.db.prepare('INSERT INTO held_licenses (license_id, install_code, held, note) VALUES (?, ?, ?, ?)');
  for (const l of next.licenses) {
    const { note: _note, ...held } = l as HeldLicense & { note?: string };
    insert.run(l.licenseId, installCode, JSON.stringify(held), notes.get(l.licenseId) ?? null);
  }
  rederiveDevices(ctx, installCode);
}

/** What the edition and release rules need to know about a SmartServer. */
export function smartServerFacts(ctx: CoreContext, server: SmartServerRecord): SmartServerFacts {
  return { installCode: server.installCode, edition: server.edition, version: parseVersion(server.version)!, licenses: heldLicenses(ctx, server.installCode) };
}

/** Re-derives which devices are licensed from the held licenses and the release (up to 3.2 every device is). */
export function rederiveDevices(ctx: CoreContext, installCode: string): void {
  relicense(ctx, installCode, admittedCapacity(smartServerFacts(ctx, getSmartServer(ctx, installCode))));
}

/** Licenses exist only from release 3.3 on. */
export function requireLicenseManagement(server: SmartServerRecord): void {
  const refusal = licenseManagementRefusal({ installCode: server.installCode, version: parseVersion(server.version)! });
  if (refusal) throw problemOf(refusal);
}

/** Manage Customer Accounts: the segment controller, its install code and the saved Customer ID. */
export function customerAccounts(ctx: CoreContext, installCode: string) {
  const s = getSmartServer(ctx, installCode);
  return [{ segmentController: s.name, installCode: s.installCode, customerId: s.customerId ?? null, pendingCustomerId: s.pendingCustomerId ?? null }];
}

/** The public API names the segment in `?segmentId=`; a SmartServer answers only for its own segment (its install code). */
export function requireSegment(segmentId: unknown, installCode: string): void {
  if (segmentId === undefined || segmentId === '') return;
  if (requireInstallCode(segmentId, 'segmentId') !== installCode) throw notFound('segment', `${String(segmentId)} on SmartServer ${installCode}`);
}

export function saveCustomerId(ctx: CoreContext, installCode: string, customerId: unknown) {
  const id = requireUuid(customerId, 'customerId');
  getSmartServer(ctx, installCode);
  ctx.db.prepare('UPDATE smartservers SET customer_id = ?, pending_customer_id = NULL WHERE install_code = ?').run(id, installCode);
  return customerAccounts(ctx, installCode);
}

export function draftCustomerId(ctx: CoreContext, installCode: string, customerId: unknown) {
  const id = requireUuid(customerId, 'customerId');
  getSmartServer(ctx, installCode);
  ctx.db.prepare('UPDATE smartservers SET pending_customer_id = ? WHERE install_code = ?').run(id, installCode);
  return customerAccounts(ctx, installCode);
}

export function settleDraft(ctx: CoreContext, installCode: string, decision: 'save' | 'discard') {
  const s = getSmartServer(ctx, installCode);
  if (!s.pendingCustomerId) throw conflict('no-pending-change', 'There is no entered Customer ID to save or discard.');
  return decision === 'save' ? saveCustomerId(ctx, installCode, s.pendingCustomerId) : (ctx.db.prepare('UPDATE smartservers SET pending_customer_id = NULL WHERE install_code = ?').run(installCode), customerAccounts(ctx, installCode));
}

function savedCustomerId(server: SmartServerRecord): string {
  if (!server.customerId) throw conflict('no-customer-id', `SmartServer ${server.installCode} has no saved Customer ID; save one in Manage Customer Accounts first.`);
  return server.customerId;
}

/** Reaching the cloud needs the Internet; the SmartServer machine refuses otherwise. */
function requireOnline(ctx: CoreContext, server: SmartServerRecord): void {
  refusalsAsProblems(() => applySmartServerEvent(licensingState(ctx, server), { type: 'ACTIVATE', via: 'cloud', licenses: [] }));
}

/**
 * A SmartServer that went offline while its cloud call was under way: the call is given up inside
 * the cloud's transaction, so neither side changes.
 */
function requireStillOnline(ctx: CoreContext, installCode: string, what: string): SmartServerRecord {
  const server = getSmartServer(ctx, installCode);
  if (!server.online) {
    throw conflict('connection-lost',
      `SmartServer ${installCode} lost its Internet connection while ${what}. Nothing was changed: it keeps its licenses and devices as they were, and the cloud keeps its licenses. Reconnect and try again.`);
  }
  return server;
}

/** Download Licenses from the Cloud: what the saved Customer ID may download, as the CMS lists it. */
export async function cloudLicenses(ctx: CoreContext, cloud: LicensingCloudPort, installCode: string) {
  const server = getSmartServer(ctx, installCode);
  requireOnline(ctx, server);
  const customerId = savedCustomerId(server);
  const available = await cloud.available(customerId);
  const licenses = available.map((l) => ({ segmentController: server.name, ...l }));
  // The real SmartServer also delivers this list as a WebSocket update.
  ctx.updates.publish({ type: 'UPD:LIC:CLOUD', installCode, licenses });
  return licenses;
}

/** ACTIVATE: the selected licenses are activated through the cloud and held by the SmartServer. */
export async function activateFromCloud(ctx: CoreContext, cloud: LicensingCloudPort, installCode: string, body: unknown) {
  const input = requireObject(body, 'body');
  const licenseIds = requireArray(input.licenseIds, 'licenseIds', 1, 100).map((id, i) => requireUuid(id, `licenseIds[${i}]`));
  if (new Set(licenseIds).size !== licenseIds.length) throw badInput('licenseIds', 'must not name a license twice');
  const server = getSmartServer(ctx, installCode);
  requireLicenseManagement(server);
  requireOnline(ctx, server);
  const customerId = savedCustomerId(server);
  // The SmartServer records what the cloud activated in the cloud's own transaction: both or neither.
  return cloud.activate({ customerId, server: licensingState(ctx, server), licenseIds }, (held) => inTransaction(ctx, () => {
    const current = requireStillOnline(ctx, installCode, 'downloading licenses');
    const next = refusalsAsProblems(() => applySmartServerEvent(licensingState(ctx, current), { type: 'ACTIVATE', via: 'cloud', licenses: held }));
    hold(ctx, installCode, next);
    return { activated: held.map((l) => l.licenseId), licenses: manageLicensesList(ctx, installCode) };
  }));
}

/** Transfer to Cloud: every capacity and maintenance license goes back; needs the Internet. */
export async function transferToCloud(ctx: CoreContext, cloud: LicensingCloudPort, installCode: string) {
  const server = getSmartServer(ctx, installCode);
  const state = licensingState(ctx, server);
  const next = refusalsAsProblems(() => applySmartServerEvent(state, { type: 'RETURN_ALL', at: ctx.clock.now() }));
  // The SmartServer machine decides what goes back (a Core license stays); the cloud takes back the rest.
  const kept = new Set(next.licenses.map((l) => l.licenseId));
  const returned = state.licenses.filter((l) => !kept.has(l.licenseId)).map((l) => l.licenseId);
  return cloud.giveBack({ installCode, licenseIds: returned }, () => inTransaction(ctx, () => {
    const current = licensingState(ctx, requireStillOnline(ctx, installCode, 'returning its licenses'));
    // What it held may have changed while the cloud was asked (an offline file loaded meanwhile).
    if (current.licenses.map((l) => l.licenseId).join() !== state.licenses.map((l) => l.licenseId).join()) {
      throw conflict('licenses-changed', `The licenses of SmartServer ${installCode} changed while they were being returned; nothing was returned. Try again.`);
    }
    hold(ctx, installCode, next);
    return { returned, licenses: manageLicensesList(ctx, installCode) };
  }));
}

/** The Manage Licenses table. */
export function manageLicensesList(ctx: CoreContext, installCode: string) {
  const server = getSmartServer(ctx, installCode);
  const today = ctx.clock.today();
  const held = heldLicenses(ctx, installCode);
  const maintenanceEnd = heldMaintenanceEnd(held);
  return held.map((l) => ({
      segmentController: server.name,
      licenseId: l.licenseId,
      kind: l.kind,
      description: describeHeld(l),
      status: l.kind === 'maintenance' && maintenanceEnd ? dialogMaintenanceStatus(maintenanceEnd, today) : 'Active',
      activationDate: l.activatedAt.slice(0, 10),
      mode: l.mode,
      note: l.note ?? null,
  }));
}

function describeHeld(l: HeldLicense): string {
  switch (l.kind) {
    case 'capacity': return `${l.capacity}-device capacity`;
    case 'trial': return `${l.capacity}-device trial capacity`;
    case 'maintenance': return `${l.termYears}-year maintenance`;
    case 'core': return 'SmartServer Pi core';
  }
}

/** The dashboard: capacity, used capacity, the red badge and the maintenance indicator. */
export function dashboard(ctx: CoreContext, installCode: string, viewer: CmsUserType = 'Owner') {
  const server = getSmartServer(ctx, installCode);
  const held = heldLicenses(ctx, installCode);
  const devices = tallyDevices(ctx, installCode);
  const capacity = licensedCapacity(held);
  const version = parseVersion(server.version)!;
  const licensing = needsLicensing(version);
  const ends = heldMaintenanceEnd(held);
  const badge = licensing && capacityBadge(capacity, devices.defined);
  return {
    installCode,
    name: server.name,
    version: server.version,
    edition: server.edition,
    online: server.online,
    licenseManagement: licensing,
    capacity,
    usedCapacity: usedCapacity(capacity, devices.defined),
    definedDevices: devices.defined,
    licensedDevices: devices.licensed,
    badge,
    // Manage Licenses is the Owner's alone, so it opens at start-up only for an Owner.
    manageLicensesOpensAtStartup: badge && viewer === 'Owner',
    maintenance: { status: dashboardMaintenanceStatus(ends, ctx.clock.today()), ends: ends ?? null },
    devicesByColour: devices.byColour,
    services: serviceStates(smartServerFacts(ctx, server)),
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

export { listDevices };
