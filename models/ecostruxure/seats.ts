import type { EntitlementContext } from './entitlement.machine';
import { RETURN_PENDING_STATES, SEAT_HOLDING_STATES, type SeatCount, type ServerLicenseContext, type ServerLicenseStateName } from './license.rules';

export interface ServerLicenseRecord {
  state: ServerLicenseStateName;
  context: ServerLicenseContext;
}

export interface SeatUsage extends SeatCount {
  /** Seats the entitlement holds of the feature in that license product. */
  seats: number;
  /** Seats drawn by licenses that are assigned, active or being returned. */
  inUse: number;
}

/** Seats the entitlement holds of one feature of one license product; 0 when it has none. */
export function entitledSeats(entitlement: EntitlementContext, activationId: string, featureCode: string): number {
  const product = entitlement.products.find((p) => p.activationId === activationId);
  return product?.features.find((f) => f.code === featureCode)?.seats ?? 0;
}

/** How the seats of one feature of one license product are used by the licenses drawn from it. */
export function seatUsage(entitlement: EntitlementContext, activationId: string, featureCode: string, licenses: readonly ServerLicenseRecord[]): SeatUsage {
  const seats = entitledSeats(entitlement, activationId, featureCode);
  let inUse = 0;
  let awaitingReturnConfirmation = 0;
  for (const { state, context } of licenses) {
    if (context.entitlementId !== entitlement.entitlementId || context.activationId !== activationId || context.featureCode !== featureCode) continue;
    if (SEAT_HOLDING_STATES.includes(state)) inUse += context.quantity;
    if (RETURN_PENDING_STATES.includes(state)) awaitingReturnConfirmation += context.quantity;
  }
  return { seats, inUse, awaitingReturnConfirmation, free: Math.max(0, seats - inUse) };
}

/** Whether a server already has (assigned, active or being returned) a license of the feature. */
export function featureOnServer(serverId: string, featureCode: string, licenses: readonly ServerLicenseRecord[]): boolean {
  return licenses.some((l) => l.context.serverId === serverId && l.context.featureCode === featureCode && SEAT_HOLDING_STATES.includes(l.state));
}
