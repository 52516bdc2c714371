import type { LicenseKind } from './catalog';
import { addYears, dayOf, type IsoDate } from './dates';
import { refuse, type Refusal } from './refusal';

export type LicenseStateName = 'inInventory' | 'withCustomer' | 'offlineFileIssued' | 'active' | 'retired';

export interface LicenseContext {
  licenseId: string;
  model: string;
  kind: LicenseKind;
  capacity: number;
  termYears?: number;
  partnerId: string;
  customerId?: string;
  /** The License ID this one replaced when it was transferred. */
  predecessorId?: string;
  /** The License ID that replaced this one; set once it is retired. */
  successorId?: string;
  installCode?: string;
  /** The unused offline activation files that bind the license to `installCode` (absent on records older than file IDs). */
  offlineFileIds?: string[];
  /** Until when the latest of those files can be loaded; once it passes unused, the license comes back. */
  offlineFileExpiresAt?: string;
  activationMode?: 'online' | 'offline';
  activatedAt?: string;
  transferredAt?: string;
  termStart?: IsoDate;
  termEnd?: IsoDate;
}

/** How a maintenance license's device count must relate to the capacity it covers. */
export type MaintenanceRule = 'exact' | 'at-least';

/** What the license needs to know about the SmartServer it is being activated on. */
export interface ActivationTarget {
  /** Total capacity of the SmartServer once this activation (and its batch) is done. */
  capacityAfter: number;
  /** The SmartServer's current maintenance end, if it has maintenance. */
  maintenanceEnd?: IsoDate;
  edition: 'standard' | 'pi';
  maintenanceRule: MaintenanceRule;
}

export type LicenseEvent =
  | { type: 'TRANSFER'; customerId: string; successorId: string; at: string }
  | { type: 'ACTIVATE'; mode: 'online' | 'offline'; installCode: string; at: string; target: ActivationTarget; fileId?: string }
  | { type: 'ISSUE_OFFLINE_FILE'; installCode: string; issuer: 'customer-portal' | 'customer-success'; at: string; fileId?: string; expiresAt?: string }
  | { type: 'WITHDRAW_OFFLINE_FILE'; issuer: 'customer-portal' | 'customer-success'; at: string }
  | { type: 'OFFLINE_FILE_EXPIRED'; at: string }
  | { type: 'RETURN'; at: string };

type Activate = Extract<LicenseEvent, { type: 'ACTIVATE' }>;
type IssueFile = Extract<LicenseEvent, { type: 'ISSUE_OFFLINE_FILE' }>;
type FileEvent = Extract<LicenseEvent, { type: 'ISSUE_OFFLINE_FILE' | 'WITHDRAW_OFFLINE_FILE' }>;

/** The rules behind the license machine's guards; each answers "is this allowed?". */
export const licenseRules = {
  maintenanceMatchesCapacity(ctx: LicenseContext, ev: Activate): boolean {
    if (ctx.kind !== 'maintenance') return true;
    const need = ev.target.capacityAfter;
    return ev.target.maintenanceRule === 'exact' ? ctx.capacity === need : ctx.capacity >= need && need > 0;
  },
  maintenanceNotLapsed(ctx: LicenseContext, ev: Activate): boolean {
    if (ctx.kind !== 'maintenance' || !ev.target.maintenanceEnd) return true;
    return dayOf(ev.at) <= ev.target.maintenanceEnd;
  },
  maintenanceTermRunning(ctx: LicenseContext, ev: Activate): boolean {
    if (ctx.kind !== 'maintenance' || !ctx.termEnd) return true;
    return dayOf(ev.at) <= ctx.termEnd;
  },
  coreOnlyOnPi(ctx: LicenseContext, ev: Activate): boolean {
    return ctx.kind !== 'core' || ev.target.edition === 'pi';
  },
  offlineFileMatches(ctx: LicenseContext, ev: Activate): boolean {
    return ev.mode === 'offline' && ctx.installCode === ev.installCode && licenseRules.offlineFileStillBinds(ctx, ev);
  },
  /** A file withdrawn (or whose license came back on its expiry) no longer binds, even if the license was bound again since. */
  offlineFileStillBinds(ctx: LicenseContext, ev: Activate): boolean {
    return ev.fileId === undefined || ctx.offlineFileIds === undefined || ctx.offlineFileIds.includes(ev.fileId);
  },
  /** An unused file's license comes back once the latest file for it can no longer be loaded. */
  offlineFileExpired(ctx: LicenseContext, at: string): boolean {
    return ctx.offlineFileExpiresAt !== undefined && Date.parse(at) > Date.parse(ctx.offlineFileExpiresAt);
  },
  /** Capacity and trial files are the customer portal's to issue and withdraw, maintenance files Customer Success's. */
  issuerMayIssue(ctx: LicenseContext, ev: FileEvent): boolean {
    return ev.issuer === 'customer-portal' ? ctx.kind === 'capacity' || ctx.kind === 'trial' : ctx.kind === 'maintenance';
  },
  sameOfflineTarget(ctx: LicenseContext, ev: IssueFile): boolean {
    return ctx.installCode === ev.installCode;
  },
};

export function canActivate(ctx: LicenseContext, ev: Activate): boolean {
  return (
    licenseRules.coreOnlyOnPi(ctx, ev) &&
    licenseRules.maintenanceTermRunning(ctx, ev) &&
    licenseRules.maintenanceNotLapsed(ctx, ev) &&
    licenseRules.maintenanceMatchesCapacity(ctx, ev)
  );
}

/** The license a transfer creates: a new ID owned by the customer; a maintenance term starts at the first transfer. */
export function successorContext(ctx: LicenseContext, ev: Extract<LicenseEvent, { type: 'TRANSFER' }>): LicenseContext {
  const termStart = ctx.kind === 'maintenance' ? (ctx.termStart ?? dayOf(ev.at)) : undefined;
  return {
    licenseId: ev.successorId,
    model: ctx.model,
    kind: ctx.kind,
    capacity: ctx.capacity,
    termYears: ctx.termYears,
    partnerId: ctx.partnerId,
    customerId: ev.customerId,
    predecessorId: ctx.licenseId,
    transferredAt: ev.at,
    termStart,
    termEnd: termStart && ctx.termYears ? addYears(termStart, ctx.termYears) : undefined,
  };
}

/** What binding a license to a SmartServer by an offline file records: the file, and until when it can be loaded. */
export function offlineBinding(ctx: LicenseContext, ev: Extract<LicenseEvent, { type: 'ISSUE_OFFLINE_FILE' }>): Partial<LicenseContext> {
  const again = ctx.installCode === ev.installCode && ctx.offlineFileIds !== undefined;
  const ids = ev.fileId === undefined ? ctx.offlineFileIds : [...(again ? (ctx.offlineFileIds ?? []) : []), ev.fileId];
  const latest = [again ? ctx.offlineFileExpiresAt : undefined, ev.expiresAt]
    .filter((d): d is string => d !== undefined)
    .sort()
    .at(-1);
  return { installCode: ev.installCode, offlineFileIds: ids, offlineFileExpiresAt: latest };
}

const where = (ctx: LicenseContext) => (ctx.installCode ? ` on SmartServer ${ctx.installCode}` : '');

/**
 * Why `event` is refused in `state`, or undefined when the license machine accepts it.
 * The emulator shows these messages; the machine's guards use the same rules.
 */
export function licenseRefusal(state: LicenseStateName, ctx: LicenseContext, ev: LicenseEvent): Refusal | undefined {
  const id = ctx.licenseId;
  if (state === 'retired') {
    return refuse('license-retired', 'state', `License ${id} was transferred and is kept for tracking only; use its new License ID ${ctx.successorId}.`);
  }
  switch (ev.type) {
    case 'TRANSFER':
      if (state === 'active') return refuse('license-active', 'state', `License ${id} is active${where(ctx)}; return it to the cloud before transferring it.`);
      if (state === 'offlineFileIssued')
        return refuse(
          'license-bound-offline',
          'state',
          `License ${id} has an offline activation file for SmartServer ${ctx.installCode} and cannot be transferred.`,
        );
      return undefined;
    case 'ISSUE_OFFLINE_FILE':
      if (state === 'inInventory')
        return refuse('license-not-with-customer', 'state', `License ${id} is still in the partner's inventory; transfer it to a customer first.`);
      if (state === 'active') return refuse('license-already-active', 'state', `License ${id} is already active${where(ctx)}.`);
      if (!licenseRules.issuerMayIssue(ctx, ev)) {
        if (ctx.kind === 'core') {
          return refuse(
            'offline-file-not-for-core',
            'rule',
            `License ${id} is a SmartServer Pi Core license; neither the customer portal nor Customer Success issues offline activation files for it.`,
          );
        }
        return ev.issuer === 'customer-portal'
          ? refuse(
              'offline-maintenance-needs-customer-success',
              'rule',
              `License ${id} is a maintenance license; its offline activation file comes from Customer Success, not the customer portal.`,
            )
          : refuse('offline-file-not-maintenance', 'rule', `License ${id} is not a maintenance license; capacity files are created in the customer portal.`);
      }
      if (state === 'offlineFileIssued' && !licenseRules.sameOfflineTarget(ctx, ev)) {
        return refuse('license-bound-offline', 'state', `License ${id} already has an offline activation file for SmartServer ${ctx.installCode}.`);
      }
      return undefined;
    case 'ACTIVATE':
      if (state === 'inInventory')
        return refuse('license-not-with-customer', 'state', `License ${id} is still in the partner's inventory; transfer it to a customer first.`);
      if (state === 'active') return refuse('license-already-active', 'state', `License ${id} is already active${where(ctx)}.`);
      if (state === 'offlineFileIssued' && !licenseRules.offlineFileStillBinds(ctx, ev)) return fileWithdrawn(id);
      if (state === 'offlineFileIssued' && !licenseRules.offlineFileMatches(ctx, ev)) {
        return refuse('license-bound-offline', 'state', `License ${id} is bound by an offline activation file to SmartServer ${ctx.installCode}.`);
      }
      if (state === 'withCustomer' && ev.mode === 'offline') {
        return ev.fileId === undefined
          ? refuse('offline-file-unknown', 'state', `No offline activation file was issued for license ${id}.`)
          : fileWithdrawn(id);
      }
      if (!licenseRules.coreOnlyOnPi(ctx, ev))
        return refuse('core-needs-pi', 'rule', `License ${id} is a SmartServer Pi Core license; SmartServer ${ev.installCode} is not a SmartServer Pi.`);
      if (!licenseRules.maintenanceTermRunning(ctx, ev)) return refuse('maintenance-term-ended', 'state', `Maintenance license ${id} ended on ${ctx.termEnd}.`);
      if (!licenseRules.maintenanceNotLapsed(ctx, ev)) {
        return refuse(
          'maintenance-expired',
          'state',
          `Maintenance on SmartServer ${ev.installCode} expired on ${ev.target.maintenanceEnd}; expired maintenance cannot be extended.`,
        );
      }
      if (!licenseRules.maintenanceMatchesCapacity(ctx, ev)) {
        const rule = ev.target.maintenanceRule === 'exact' ? 'match' : 'meet or exceed';
        return refuse(
          'maintenance-capacity-mismatch',
          'rule',
          `Maintenance license ${id} covers ${ctx.capacity} devices; it must ${rule} the SmartServer's device capacity of ${ev.target.capacityAfter}.`,
        );
      }
      return undefined;
    case 'WITHDRAW_OFFLINE_FILE':
      if (state === 'inInventory')
        return refuse('license-not-with-customer', 'state', `License ${id} is still in the partner's inventory; it has no offline activation file.`);
      if (state === 'active')
        return refuse('license-already-active', 'state', `License ${id} is already active${where(ctx)}; its file was loaded, so there is nothing to withdraw.`);
      if (state === 'withCustomer') return refuse('no-offline-file', 'state', `License ${id} has no offline activation file waiting to be loaded.`);
      if (!licenseRules.issuerMayIssue(ctx, ev)) {
        return ev.issuer === 'customer-portal'
          ? refuse(
              'offline-maintenance-needs-customer-success',
              'rule',
              `License ${id} is a maintenance license; its offline activation file came from Customer Success, which alone can withdraw it.`,
            )
          : refuse('offline-file-not-maintenance', 'rule', `License ${id} is not a maintenance license; its file is withdrawn in the customer portal.`);
      }
      return undefined;
    case 'OFFLINE_FILE_EXPIRED':
      if (state !== 'offlineFileIssued') return refuse('no-offline-file', 'state', `License ${id} has no offline activation file waiting to be loaded.`);
      if (!licenseRules.offlineFileExpired(ctx, ev.at))
        return refuse('offline-file-not-expired', 'state', `The offline activation file of license ${id} can be loaded until ${ctx.offlineFileExpiresAt}.`);
      return undefined;
    case 'RETURN':
      if (state !== 'active') return refuse('license-not-active', 'state', `License ${id} is not active on a SmartServer.`);
      return undefined;
  }
}

const fileWithdrawn = (id: string) =>
  refuse(
    'offline-file-withdrawn',
    'state',
    `This offline activation file no longer binds license ${id}: it was withdrawn in the customer portal, or it expired unused and the license came back. Ask for a new file.`,
  );
