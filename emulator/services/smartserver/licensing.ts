import type { IsoDate } from '../../../models/dates';
import { dashboardMaintenanceStatus, dialogMaintenanceStatus } from '../../../models/maintenance';
import { capacityBadge, heldMaintenanceEnd, licensedCapacity, usedCapacity, type HeldLicense, type SmartServerLicensing } from '../../../models/smartserver';
import { admittedCapacity, devicesReachable, featureAvailability, licenseManagementRefusal, type SmartServerFacts } from '../../../models/editions';
import { needsLicensing, parseVersion } from '../../../models/versions';
import { inTransaction, type CoreContext } from '../../kernel/context';
import { type DeviceTally, relicense, tallyDevices } from './devices';
import { recordTransition } from '../../kernel/coverage';
import { Problem, problemOf } from '../../kernel/problems';
import type { CmsUserType } from '../../kernel/tokens';
import { optionalString, requireObject, requireUuid } from '../../kernel/validate';
import { type SmartServerRecord, getSmartServer } from './records';

/** What a SmartServer holds: its licenses, the devices they admit, Manage Licenses and the dashboard. */

export function heldLicenses(ctx: CoreContext, installCode: string): (HeldLicense & { note?: string })[] {
  return ctx.db
    .prepare<[string], { held: string; note: string | null }>('SELECT held, note FROM held_licenses WHERE install_code = ? ORDER BY rowid')
    .all(installCode)
    .map((r) => ({ ...(JSON.parse(r.held) as HeldLicense), note: r.note ?? undefined }));
}

export function licensingState(ctx: CoreContext, server: SmartServerRecord): SmartServerLicensing {
  return {
    installCode: server.installCode,
    edition: server.edition,
    online: server.online,
    licenses: heldLicenses(ctx, server.installCode),
    maintenanceRule: ctx.config.maintenanceRule,
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
