import type { SupportEntitlement as ApiSupportEntitlement } from '../../../emulator/services/customer-success';
import type { OfflineActivationFile } from './types';

/** The support a SmartServer is entitled to, and why. */
export type SupportEntitlement = Omit<ApiSupportEntitlement, 'installCode'>;

/**
 * EnOcean Customer Success: the vendor's support staff, who act on a customer's behalf where the
 * customer has no screen of its own.
 */
export interface CustomerSuccess {
  /** Issues an offline file of a maintenance license for a SmartServer without an Internet connection. */
  issueOfflineMaintenanceFile(licenseId: string, installCode: string): Promise<OfflineActivationFile>;
  /** Looks up the support a SmartServer is entitled to, which its maintenance decides. */
  supportEntitlement(installCode: string): Promise<SupportEntitlement>;
}
