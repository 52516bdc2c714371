import { assertEvent, assign, setup } from 'xstate';
import type { LicenseKind } from './catalog';
import type { IsoDate } from './dates';
import type { ActivationTarget, MaintenanceRule } from './license.rules';
import { maintenanceEnd, type MaintenanceGrant } from './maintenance';
import { refuse, type Refusal } from './refusal';

/** A license as the SmartServer holds it once activated. */
export interface HeldLicense {
  licenseId: string;
  kind: LicenseKind;
  capacity: number;
  termYears?: number;
  termEnd?: IsoDate;
  activatedAt: string;
  mode: 'online' | 'offline';
}

export interface SmartServerLicensing {
  installCode: string;
  edition: 'standard' | 'pi';
  online: boolean;
  licenses: readonly HeldLicense[];
  maintenanceRule: MaintenanceRule;
}

/** The capacity a held license grants: capacity and trial licenses grant theirs, maintenance none. */
const grantedCapacity = (l: HeldLicense): number => (l.kind === 'capacity' || l.kind === 'trial' ? l.capacity : 0);

/** Licensed capacity: capacity and trial licenses add up. */
export function licensedCapacity(licenses: readonly HeldLicense[]): number {
  return licenses.reduce((sum, l) => sum + grantedCapacity(l), 0);
}

/** Whether any capacity is licensed (licensedCapacity > 0), found without adding up every license. */
export function hasLicensedCapacity(licenses: readonly HeldLicense[]): boolean {
  return licenses.some((l) => grantedCapacity(l) > 0);
}

/** Devices (besides the SmartServer itself, which takes one place) that the capacity admits. */
export function deviceSlots(capacity: number): number {
  return Math.max(0, capacity - 1);
}

/** How many of `defined` devices, taken in creation order, are licensed. */
export function licensedDeviceCount(capacity: number, defined: number): number {
  return Math.min(defined, deviceSlots(capacity));
}

/** Used capacity: the SmartServer itself plus its licensed devices. */
export function usedCapacity(capacity: number, defined: number): number {
  return 1 + licensedDeviceCount(capacity, defined);
}

/** The red exclamation badge: no capacity at all, or not enough for every defined device and the SmartServer. */
export function capacityBadge(capacity: number, defined: number): boolean {
  return capacity === 0 || capacity < defined + 1;
}

export function heldMaintenanceEnd(licenses: readonly HeldLicense[]): IsoDate | undefined {
  const grants: MaintenanceGrant[] = licenses
    .filter((l) => l.kind === 'maintenance' && l.termEnd && l.termYears)
    .map((l) => ({ termEnd: l.termEnd!, termYears: l.termYears!, activatedAt: l.activatedAt }));
  return maintenanceEnd(grants);
}

/** What a SmartServer's held licenses add up to, as far as an activation is concerned. */
export interface HeldTotals {
  capacity: number;
  maintenanceEnd?: IsoDate;
}

export function heldTotals(licenses: readonly HeldLicense[]): HeldTotals {
  return { capacity: licensedCapacity(licenses), maintenanceEnd: heldMaintenanceEnd(licenses) };
}

/**
 * What a license being activated in a batch needs to know about this SmartServer; `totals` are
 * heldTotals(server.licenses), passed by a caller that keeps them rather than adding up every license again.
 */
export function activationTarget(
  server: SmartServerLicensing,
  batch: readonly Pick<HeldLicense, 'kind' | 'capacity'>[],
  totals: HeldTotals = heldTotals(server.licenses),
): ActivationTarget {
  const batchCapacity = licensedCapacity(batch as HeldLicense[]);
  return {
    capacityAfter: totals.capacity + batchCapacity,
    maintenanceEnd: totals.maintenanceEnd,
    edition: server.edition,
    maintenanceRule: server.maintenanceRule,
  };
}

export type SmartServerEvent =
  | { type: 'ACTIVATE'; via: 'cloud' | 'file'; licenses: HeldLicense[] }
  | { type: 'RETURN_ALL'; at: string }
  | { type: 'SET_ONLINE'; online: boolean };

export function smartServerRefusal(ctx: SmartServerLicensing, ev: SmartServerEvent): Refusal | undefined {
  if (ev.type === 'ACTIVATE' && ev.via === 'cloud' && !ctx.online) {
    return refuse('smartserver-offline', 'state', `SmartServer ${ctx.installCode} has no Internet connection; use an offline activation file instead.`);
  }
  if (ev.type === 'RETURN_ALL') {
    if (!ctx.online)
      return refuse(
        'smartserver-offline',
        'state',
        `SmartServer ${ctx.installCode} has no Internet connection; licenses can be returned to the cloud only online.`,
      );
    if (ctx.licenses.length === 0) return refuse('no-licenses', 'state', `SmartServer ${ctx.installCode} holds no licenses to return.`);
  }
  return undefined;
}

/**
 * The licensing side of one SmartServer: which licenses it holds and whether it can reach the
 * cloud. Capacity, the badge and the maintenance status are derived from this context.
 */
export const smartServerMachine = setup({
  types: {
    context: {} as SmartServerLicensing,
    events: {} as SmartServerEvent,
    input: {} as SmartServerLicensing,
  },
  guards: {
    allowed: ({ context, event }) => smartServerRefusal(context, event) === undefined,
    hasCapacity: ({ context }) => hasLicensedCapacity(context.licenses),
  },
  actions: {
    hold: assign(({ context, event }) => {
      assertEvent(event, 'ACTIVATE');
      return { licenses: [...context.licenses, ...event.licenses] };
    }),
    // Transfer to Cloud gives back capacity, trial and maintenance licenses (CMS-5); a Pi keeps its Core license.
    releaseAll: assign(({ context }) => ({ licenses: context.licenses.filter((l) => l.kind === 'core') })),
    setOnline: assign(({ event }) => {
      assertEvent(event, 'SET_ONLINE');
      return { online: event.online };
    }),
  },
}).createMachine({
  id: 'smartserver',
  context: ({ input }) => input,
  initial: 'deciding',
  on: { SET_ONLINE: { actions: 'setOnline' } },
  states: {
    deciding: {
      always: [{ guard: 'hasCapacity', target: 'licensed' }, { target: 'unlicensed' }],
    },
    unlicensed: {
      on: {
        ACTIVATE: { guard: 'allowed', actions: 'hold', target: 'deciding' },
        RETURN_ALL: { guard: 'allowed', actions: 'releaseAll', target: 'deciding' },
      },
    },
    licensed: {
      on: {
        ACTIVATE: { guard: 'allowed', actions: 'hold', target: 'deciding' },
        RETURN_ALL: { guard: 'allowed', actions: 'releaseAll', target: 'deciding' },
      },
    },
  },
});
