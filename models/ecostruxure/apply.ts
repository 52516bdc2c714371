import { initialTransition, transition } from 'xstate';
import { RefusedError } from '../apply';
import { refuse } from '../refusal';
import {
  drawRefusal,
  entitlementMachine,
  entitlementRefusal,
  type EntitlementContext,
  type EntitlementEvent,
  type EntitlementStateName,
} from './entitlement.machine';
import { serverLicenseMachine } from './license.machine';
import { serverLicenseRefusal, type ServerLicenseContext, type ServerLicenseEvent, type ServerLicenseStateName } from './license.rules';
import type { ServerLicenseRecord } from './seats';

export interface EntitlementRecord {
  state: EntitlementStateName;
  context: EntitlementContext;
}

export function newEntitlement(input: EntitlementContext): EntitlementRecord {
  const [snapshot] = initialTransition(entitlementMachine, input);
  return { state: snapshot.value as EntitlementStateName, context: snapshot.context };
}

/** Sends one event to a stored entitlement through its machine; refuses with the rule's reason. */
export function applyEntitlementEvent(entitlement: EntitlementRecord, event: EntitlementEvent): EntitlementRecord {
  const snapshot = entitlementMachine.resolveState({ value: entitlement.state, context: entitlement.context });
  if (!snapshot.can(event)) {
    throw new RefusedError(
      entitlementRefusal(entitlement.state, entitlement.context, event) ??
        refuse('entitlement-state', 'state', `Entitlement ${entitlement.context.entitlementId} cannot take ${event.type} while ${entitlement.state}.`),
    );
  }
  const [next] = transition(entitlementMachine, snapshot, event);
  return { state: next.value as EntitlementStateName, context: next.context };
}

/** Checks that the entitlement lends out licenses of this product feature; refuses with the reason otherwise. */
export function requireDrawable(entitlement: EntitlementRecord, activationId: string, featureCode: string): void {
  const refusal = drawRefusal(entitlement.state, entitlement.context, activationId, featureCode);
  if (refusal) throw new RefusedError(refusal);
}

/** A license drawn from an entitlement, not yet assigned to a server. */
export function newServerLicense(input: ServerLicenseContext): ServerLicenseRecord {
  const [snapshot] = initialTransition(serverLicenseMachine, input);
  return { state: snapshot.value as ServerLicenseStateName, context: snapshot.context };
}

/** Sends one event to a stored license through the license machine; refuses with the rule's reason. */
export function applyServerLicenseEvent(license: ServerLicenseRecord, event: ServerLicenseEvent): ServerLicenseRecord {
  const snapshot = serverLicenseMachine.resolveState({ value: license.state, context: license.context });
  if (!snapshot.can(event)) {
    throw new RefusedError(
      serverLicenseRefusal(license.state, license.context, event) ??
        refuse('license-state', 'state', `License ${license.context.licenseId} cannot take ${event.type} while ${license.state}.`),
    );
  }
  const [next] = transition(serverLicenseMachine, snapshot, event);
  return { state: next.value as ServerLicenseStateName, context: next.context };
}
