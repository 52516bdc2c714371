import type { EcxFile, EcxLicense as ApiLicense, EcxNewServer, EcxServer as ApiServer } from '../../../../emulator/services/ecostruxure';
/**
 * Values more than one EcoStruxure surface speaks of: the files passed between the tools, the
 * servers and the licenses on them.
 */

export type { EcxFile };

export type EcxLicense = Pick<
  ApiLicense,
  'licenseId' | 'entitlementId' | 'activationId' | 'product' | 'feature' | 'featureName' | 'quantity' | 'status' | 'server' | 'activationMode'
>;

export type EcxServerSpec = EcxNewServer;

export type EcxServer = Omit<ApiServer, 'licenses'> & { licenses: EcxLicense[] };
