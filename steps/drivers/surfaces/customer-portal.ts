import type { CustomerLicense } from '../../../emulator/services/customer-portal';
import type { OfflineActivationFile } from './types';

export interface CustomerSession {
  customerId: string;
  name: string;
  token: string;
}

/** A license as the License Customer Portal lists it; its License ID is what the portal calls the EID. */
export type { CustomerLicense };

/**
 * EnOcean's License Customer Portal: where a customer sees its licenses and makes the files that
 * activate them on a SmartServer without an Internet connection.
 */
export interface CustomerPortal {
  /** Signs the customer in with the EID of one of its licenses, or with its contact email. */
  logIn(credential: { licenseId: string } | { email: string }): Promise<CustomerSession>;
  /** The licenses the portal lists for the customer. */
  licenses(session: CustomerSession): Promise<CustomerLicense[]>;
  /**
   * Creates and downloads an offline activation file that binds the license to the SmartServer's
   * install code, typed twice (`confirmation`, the same code unless a scenario mistypes it).
   */
  createOfflineActivationFile(session: CustomerSession, licenseId: string, installCode: string, confirmation?: string): Promise<OfflineActivationFile>;
  /** Withdraws the license's unused offline activation file; the license is free again. */
  withdrawOfflineActivationFile(session: CustomerSession, licenseId: string): Promise<CustomerLicense>;
}
