/**
 * Values more than one surface speaks of. A type that only one surface uses lives in that
 * surface's file.
 */

/** A license as the partner portal lists it, and as an order returns it. */
export interface LicenseSummary {
  licenseId: string;
  model: string;
  kind: string;
  capacity: number;
  status: string;
  /** The License ID this one replaced when it was transferred, and the one that replaced it. */
  predecessorId?: string;
  successorId?: string;
  customer?: { customerId: string; name: string };
  poNumber?: string;
  maintenanceEnds?: string;
  transferred: number;
  activated: number;
  available: number;
}

/** A user signed in to one SmartServer's CMS; every CMS surface (licensing, devices, system) takes it. */
export interface CmsSession {
  installCode: string;
  username: string;
  token: string;
}

/** An offline activation file as it is handed over: a suggested file name and its text. */
export interface OfflineActivationFile {
  fileId: string;
  fileName: string;
  licenseId: string;
  installCode: string;
  kind: string;
  issuer: 'customer-portal' | 'customer-success';
  text: string;
}
