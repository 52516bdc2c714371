import type { OfflineActivationFile as ApiOfflineActivationFile } from '../../../emulator/services/customer-portal';
import type { License } from '../../../emulator/services/partner-portal';
/**
 * Values more than one surface speaks of. A type that only one surface uses lives in that
 * surface's file.
 */

/** A license as the partner portal lists it, and as an order returns it. */
export type LicenseSummary = Pick<
  License,
  | 'licenseId'
  | 'model'
  | 'kind'
  | 'capacity'
  | 'status'
  | 'predecessorId'
  | 'successorId'
  | 'customer'
  | 'maintenanceEnds'
  | 'transferred'
  | 'activated'
  | 'available'
> &
  Partial<Pick<License, 'poNumber'>>;

/** A user signed in to one SmartServer's CMS; every CMS surface (licensing, devices, system) takes it. */
export interface CmsSession {
  installCode: string;
  username: string;
  token: string;
}

/** An offline activation file as it is handed over: a suggested file name and its text. */
export type OfflineActivationFile = Omit<ApiOfflineActivationFile, 'license'>;
