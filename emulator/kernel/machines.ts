import { applyLicenseEvent, applySmartServerEvent, type LicenseRecord } from '../../models/apply';
import type { LicenseEvent } from '../../models/license.rules';
import type { SmartServerEvent, SmartServerLicensing } from '../../models/smartserver';
import { refusalsAsProblems } from './problems';

/**
 * The one way the services run an event through a machine: the models decide, and a refusal comes
 * back as problem details with the machine's code and message. The transitions taken are recorded
 * for the coverage report where the new state is stored (the license store, a SmartServer's held
 * licenses, a device's cells), so a refused event records nothing.
 */
export function applyLicense(license: LicenseRecord, event: LicenseEvent): LicenseRecord {
  return refusalsAsProblems(() => applyLicenseEvent(license, event));
}

export function applySmartServer(state: SmartServerLicensing, event: SmartServerEvent): SmartServerLicensing {
  return refusalsAsProblems(() => applySmartServerEvent(state, event));
}
