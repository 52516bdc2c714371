import type { OfflineActivationFile } from './types';

/** The support a SmartServer is entitled to, and why. */
export interface SupportEntitlement {
  support: 'priority' | 'standard';
  maintenanceEnd: string | null;
  reason: string;
}

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
