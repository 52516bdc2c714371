import { findProduct } from '../catalog';
import { licenseMachine } from '../license.machine';
import { licenseRefusal, successorContext, type LicenseContext, type LicenseEvent, type LicenseStateName } from '../license.rules';
import { activationTarget, type HeldLicense, type SmartServerLicensing } from '../smartserver';
import type { PathSpec, PathStart } from './generate';

/**
 * The license machine's representative world: one license under test (the subject), two customers
 * and two SmartServers, one standard and one SmartServer Pi. Each subject brings the events that
 * make sense for it; the SmartServers' fixture licenses decide what an activation target looks like.
 */
export const LICENSE_CUSTOMERS = ['A', 'B'] as const;
export type CustomerSymbol = (typeof LICENSE_CUSTOMERS)[number];

export const LICENSE_SERVERS = { S1: { edition: 'standard' }, S2: { edition: 'pi' } } as const;
export type ServerSymbol = keyof typeof LICENSE_SERVERS;
const SERVERS = Object.keys(LICENSE_SERVERS) as ServerSymbol[];

/** The paths run on one day; the emulator's clock moves only when an offline file is let expire. */
export const PATH_TIME = '2026-01-05T09:00:00.000Z';
/** How long an offline file can be loaded, and how far the clock moves to let one expire. */
export const OFFLINE_FILE_DAYS = 30;
export const EXPIRY_STEP_DAYS = OFFLINE_FILE_DAYS + 1;
const later = (days: number) => new Date(Date.parse(PATH_TIME) + days * 86_400_000).toISOString();

export interface LicenseSubject {
  name: string;
  model: string;
  /** Transferred to customer A before the path starts (else still in the partner's inventory). */
  owned: boolean;
  /** Models each SmartServer holds, activated for customer A, before the path starts. */
  fixture: Partial<Record<ServerSymbol, string[]>>;
  /** Whether Transfer to Cloud is one of its events (a Core license never goes back; see below). */
  returns: boolean;
}

/**
 * A maintenance subject leaves RETURN out: Transfer to Cloud also returns the fixture capacity it
 * depends on, which the license machine alone cannot follow. Transfer to Cloud keeps a Core license.
 */
export const LICENSE_SUBJECTS: readonly LicenseSubject[] = [
  { name: "a capacity license in the partner's inventory", model: '72220-50', owned: false, fixture: {}, returns: true },
  { name: 'a capacity license with its customer', model: '72220-50', owned: true, fixture: {}, returns: true },
  { name: 'a maintenance license with its customer', model: '92201R-P-50', owned: true, fixture: { S2: ['72220-50'] }, returns: false },
  { name: 'a SmartServer Pi Core license with its customer', model: 'SSPI-CORE', owned: true, fixture: {}, returns: false },
];

export function subjectContext(subject: LicenseSubject): LicenseContext {
  const product = findProduct(subject.model);
  if (!product) throw new Error(`no product ${subject.model}`);
  const bought: LicenseContext = {
    licenseId: subject.owned ? 'original' : 'subject',
    model: product.model,
    kind: product.kind,
    capacity: product.capacity,
    termYears: product.termYears,
    partnerId: 'partner',
  };
  return subject.owned ? successorContext(bought, { type: 'TRANSFER', customerId: 'A', successorId: 'subject', at: PATH_TIME }) : bought;
}

/** The licensing side of a fixture SmartServer before the path starts. */
export function fixtureServer(subject: LicenseSubject, server: ServerSymbol): SmartServerLicensing {
  const licenses: HeldLicense[] = (subject.fixture[server] ?? []).map((model, i) => {
    const product = findProduct(model)!;
    return {
      licenseId: `fixture-${server}-${i + 1}`,
      kind: product.kind,
      capacity: product.capacity,
      termYears: product.termYears,
      activatedAt: PATH_TIME,
      mode: 'online',
    };
  });
  return { installCode: server, edition: LICENSE_SERVERS[server].edition, online: true, licenses, maintenanceRule: 'exact' };
}

export function licenseEvents(subject: LicenseSubject): LicenseEvent[] {
  const context = subjectContext(subject);
  const activate = (mode: 'online' | 'offline', server: ServerSymbol): LicenseEvent => ({
    type: 'ACTIVATE',
    mode,
    installCode: server,
    at: PATH_TIME,
    target: activationTarget(fixtureServer(subject, server), [context]),
  });
  // The order steers the transition cover: offline files first, so later probes have a used file to try
  // again, and transfers last, since a transfer retires the license and ends what a path can do with it.
  return [
    ...(['customer-portal', 'customer-success'] as const).flatMap((issuer) =>
      SERVERS.map((installCode): LicenseEvent => ({ type: 'ISSUE_OFFLINE_FILE', installCode, issuer, at: PATH_TIME, expiresAt: later(OFFLINE_FILE_DAYS) })),
    ),
    { type: 'WITHDRAW_OFFLINE_FILE', issuer: 'customer-portal', at: PATH_TIME },
    { type: 'OFFLINE_FILE_EXPIRED', at: later(EXPIRY_STEP_DAYS) },
    ...SERVERS.map((s) => activate('offline', s)),
    ...SERVERS.map((s) => activate('online', s)),
    ...(subject.returns ? [{ type: 'RETURN', at: PATH_TIME } as LicenseEvent] : []),
    ...LICENSE_CUSTOMERS.map((customerId): LicenseEvent => ({ type: 'TRANSFER', customerId, successorId: 'successor', at: PATH_TIME })),
  ];
}

export function licenseVariant(event: LicenseEvent): string {
  switch (event.type) {
    case 'ACTIVATE':
      return `ACTIVATE(${event.mode})`;
    case 'ISSUE_OFFLINE_FILE':
      return `ISSUE_OFFLINE_FILE(${event.issuer})`;
    default:
      return event.type;
  }
}

export type LicenseStart = PathStart<LicenseContext> & { subject: LicenseSubject };

export const licensePathSpec: PathSpec<LicenseEvent, LicenseContext> = {
  machine: 'license',
  logic: licenseMachine,
  starts: LICENSE_SUBJECTS.map((subject): LicenseStart => ({ name: subject.name, input: subjectContext(subject), subject })),
  events: (start) => licenseEvents((start as LicenseStart).subject),
  variant: licenseVariant,
  refusal: (snapshot, event) => licenseRefusal(snapshot.value as LicenseStateName, snapshot.context as LicenseContext, event)?.code,
  maxLength: 12,
};
