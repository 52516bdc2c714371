import type { CloudLicenseOffer, CustomerAccount } from '../../../emulator/services/smartserver';
import type { CmsSession } from './types';

/** A license the licensing cloud offers the SmartServer for download. */
export type CloudOffer = Omit<CloudLicenseOffer, 'capacity'>;

/** A row of Manage Customer Accounts: the segment controller, its install code and the Customer ID saved or being entered. */
export type CustomerAccountRow = CustomerAccount;

/**
 * How a SmartServer takes licenses from EnOcean's licensing cloud and gives them back, through the
 * views of the CMS's Manage Licenses dialog: Manage Customer Accounts (the Customer ID decides
 * whose licenses the cloud offers), Download Licenses from the Cloud, and Transfer to Cloud.
 */
export interface CloudLicensing {
  /** Manage Customer Accounts as it shows. */
  customerAccounts(session: CmsSession): Promise<CustomerAccountRow[]>;
  /** Types a Customer ID into Manage Customer Accounts without saving it yet. */
  enterCustomerId(session: CmsSession, customerId: string): Promise<CustomerAccountRow[]>;
  /** Saves or discards the Customer ID typed in. */
  settleCustomerId(session: CmsSession, decision: 'save' | 'discard'): Promise<CustomerAccountRow[]>;
  /** Enters the customer's ID and saves it in one go, which ties the SmartServer to that customer's licenses. */
  saveCustomerId(session: CmsSession, customerId: string): Promise<void>;
  /** Download Licenses from the Cloud: the licenses the cloud offers the SmartServer. */
  offers(session: CmsSession): Promise<CloudOffer[]>;
  /** Downloads the chosen offered licenses onto the SmartServer, which activates them. */
  activate(session: CmsSession, licenseIds: string[]): Promise<void>;
  /** Transfer to Cloud: hands every license of the SmartServer back to the cloud. */
  transferToCloud(session: CmsSession): Promise<void>;
}
