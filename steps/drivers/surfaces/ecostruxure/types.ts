/**
 * Values more than one EcoStruxure surface speaks of: the files passed between the tools, the
 * servers and the licenses on them.
 */

export interface EcxFile {
  fileName: string;
  content: string;
  /** The request a request or response file belongs to. */
  requestId?: string;
}

export interface EcxLicense {
  licenseId: string;
  entitlementId: string;
  activationId: string;
  product: string;
  feature: string;
  featureName: string;
  quantity: number;
  status: string;
  server: { serverId: string; name: string } | null;
  activationMode: 'online' | 'offline' | null;
}

export interface EcxServerSpec {
  name: string;
  product: string;
  version?: string;
  internet?: boolean;
  https?: boolean;
  certificatesInstalled?: boolean;
}

export interface EcxServer extends Required<EcxServerSpec> {
  serverId: string;
  licenses: EcxLicense[];
}
