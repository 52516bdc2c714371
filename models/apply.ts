import { licenseMachine } from './license.machine';
import { machineTable } from './machine-table';
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

/**
 * The machines as tables (machine-table.ts): every license and SmartServer operation runs its event
 * through one, so a write costs a lookup and the machine's own guards and assignments rather than
 * a throwaway actor. machine-table.test.ts holds each table equal to its machine.
 */
const LICENSES = machineTable<LicenseStateName, LicenseContext, LicenseEvent>(licenseMachine);
const SMARTSERVERS = machineTable<'deciding' | 'unlicensed' | 'licensed', SmartServerLicensing, SmartServerEvent>(smartServerMachine);

export function newLicense(input: LicenseContext): LicenseRecord {
  return LICENSES.initial(input);
}

/** Sends one event to a stored license through the license machine; refuses with the rule's reason. */
export function applyLicenseEvent(license: LicenseRecord, event: LicenseEvent): LicenseRecord {
  const next = LICENSES.apply(license.state, license.context, event);
  if (!next) {
    throw new RefusedError(
      licenseRefusal(license.state, license.context, event) ??
        refuse('license-state', 'state', `License ${license.context.licenseId} cannot take ${event.type} while ${license.state}.`),
    );
  }
  return next;
}

/** Sends one event to a SmartServer's licensing state through its machine. */
export function applySmartServerEvent(server: SmartServerLicensing, event: SmartServerEvent): SmartServerLicensing {
  const start = SMARTSERVERS.initial(server);
  const next = SMARTSERVERS.apply(start.state, start.context, event);
  if (!next) {
    throw new RefusedError(
      smartServerRefusal(server, event) ?? refuse('smartserver-state', 'state', `SmartServer ${server.installCode} cannot take ${event.type} now.`),
    );
  }
  return next.context;
}
