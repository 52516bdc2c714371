import { initialTransition, transition } from 'xstate';
import { licenseMachine } from './license.machine';
import { licenseRefusal, type LicenseContext, type LicenseEvent, type LicenseStateName } from './license.rules';
import { refuse, type Refusal } from './refusal';
import { smartServerMachine, smartServerRefusal, type SmartServerEvent, type SmartServerLicensing } from './smartserver';

/** Thrown when a machine does not accept an event; carries the reason in the user's words. */
export class RefusedError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
    this.name = 'RefusedError';
  }
}

export interface LicenseRecord {
  state: LicenseStateName;
  context: LicenseContext;
}

export function newLicense(input: LicenseContext): LicenseRecord {
  const [snapshot] = initialTransition(licenseMachine, input);
  return { state: snapshot.value as LicenseStateName, context: snapshot.context };
}

/** Sends one event to a stored license through the license machine; refuses with the rule's reason. */
export function applyLicenseEvent(license: LicenseRecord, event: LicenseEvent): LicenseRecord {
  const snapshot = licenseMachine.resolveState({ value: license.state, context: license.context });
  if (!snapshot.can(event)) {
    throw new RefusedError(
      licenseRefusal(license.state, license.context, event) ??
        refuse('license-state', 'state', `License ${license.context.licenseId} cannot take ${event.type} while ${license.state}.`),
    );
  }
  const [next] = transition(licenseMachine, snapshot, event);
  return { state: next.value as LicenseStateName, context: next.context };
}

/** Sends one event to a SmartServer's licensing state through its machine. */
export function applySmartServerEvent(server: SmartServerLicensing, event: SmartServerEvent): SmartServerLicensing {
  const [start] = initialTransition(smartServerMachine, server);
  if (!start.can(event)) {
    throw new RefusedError(
      smartServerRefusal(server, event) ?? refuse('smartserver-state', 'state', `SmartServer ${server.installCode} cannot take ${event.type} now.`),
    );
  }
  const [next] = transition(smartServerMachine, start, event);
  return next.context;
}
