import { HttpClient } from './http-client';

/**
 * What a scenario can ask of EcoStruxure's centralized licensing: the sales desk that emails
 * entitlements, Device Administrator and the License Activation Server. The API implementation
 * talks to the emulator's REST routes; another implementation could drive the real tools.
 */
export interface EcxFile {
  fileName: string;
  content: string;
  /** The request a request or response file belongs to. */
  requestId?: string;
}

export interface EcxProductLine {
  product: string;
  feature: string;
  seats: number;
}

export interface EcxIssuedEntitlement {
  entitlementId: string;
  products: { activationId: string; name: string; features: { code: string; seats: number }[] }[];
  email: { to: string; subject: string; body: string; attachment: EcxFile };
}

export interface EcxFeatureSeats {
  feature: string;
  featureName: string;
  seats: number;
  inUse: number;
  free: number;
  awaitingReturnConfirmation: number;
}

export interface EcxEntitlement {
  entitlementId: string;
  soldTo: string;
  status: string;
  addedVia: string | null;
  products: { activationId: string; name: string; features: EcxFeatureSeats[] }[];
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

export type EcxNetworkChange = Partial<Pick<EcxServer, 'internet' | 'https' | 'certificatesInstalled'>>;

export interface EcoStruxureDriver {
  // set-up: the vendor's sales desk and the emulator's control plane
  sendEntitlementByEmail(soldTo: string, email: string, lines: EcxProductLine[]): Promise<EcxIssuedEntitlement>;
  addServer(spec: EcxServerSpec): Promise<EcxServer>;
  changeNetwork(serverId: string, change: EcxNetworkChange): Promise<EcxServer>;

  // Device Administrator
  addEntitlementFromFile(file: EcxFile): Promise<EcxEntitlement>;
  addEntitlementById(entitlementId: string): Promise<EcxEntitlement>;
  entitlements(): Promise<EcxEntitlement[]>;
  server(serverId: string): Promise<EcxServer>;
  assign(serverId: string, activationId: string, feature: string, quantity: number): Promise<EcxLicense>;
  /** Activates online on the given servers, or on all servers when none are given. */
  activateOnline(choice: { servers?: string[]; licenseIds?: string[] }): Promise<EcxLicense[]>;
  deactivate(serverId: string, licenseId: string): Promise<void>;
  createActivationRequest(serverId: string): Promise<EcxFile>;
  sendActivationResponse(serverId: string, file: EcxFile): Promise<EcxLicense[]>;
  returnOnline(serverId: string): Promise<EcxLicense[]>;
  createReturnRequest(serverId: string): Promise<EcxFile>;
  sendReturnResponse(serverId: string, file: EcxFile): Promise<EcxLicense[]>;

  // License Activation Server
  answerRequest(file: EcxFile): Promise<EcxFile>;
  confirmReturn(requestId: string): Promise<void>;
}

/** EcoStruxure's centralized licensing through the emulator's REST API. */
export class EcoStruxureApiDriver implements EcoStruxureDriver {
  private readonly http: HttpClient;

  constructor(baseUrl: string) {
    this.http = new HttpClient(baseUrl);
  }

  sendEntitlementByEmail(soldTo: string, email: string, lines: EcxProductLine[]): Promise<EcxIssuedEntitlement> {
    const products = [...new Set(lines.map((l) => l.product))].map((name) => ({
      name, features: lines.filter((l) => l.product === name).map((l) => ({ feature: l.feature, seats: l.seats })),
    }));
    return this.http.call('POST', '/_emulator/ecostruxure/entitlements', { body: { soldTo, email, products } });
  }

  addServer(spec: EcxServerSpec): Promise<EcxServer> {
    return this.http.call('POST', '/_emulator/ecostruxure/servers', { body: spec });
  }

  changeNetwork(serverId: string, change: EcxNetworkChange): Promise<EcxServer> {
    return this.http.call('PATCH', `/_emulator/ecostruxure/servers/${encodeURIComponent(serverId)}`, { body: change });
  }

  addEntitlementFromFile(file: EcxFile): Promise<EcxEntitlement> {
    return this.http.call('POST', '/ecostruxure/api/entitlements', { body: { certificateFile: { fileName: file.fileName, content: file.content } } });
  }

  addEntitlementById(entitlementId: string): Promise<EcxEntitlement> {
    return this.http.call('POST', '/ecostruxure/api/entitlements', { body: { entitlementId } });
  }

  entitlements(): Promise<EcxEntitlement[]> {
    return this.http.call('GET', '/ecostruxure/api/entitlements');
  }

  server(serverId: string): Promise<EcxServer> {
    return this.http.call('GET', this.srv(serverId));
  }

  assign(serverId: string, activationId: string, feature: string, quantity: number): Promise<EcxLicense> {
    return this.http.call('POST', `${this.srv(serverId)}/assignments`, { body: { activationId, feature, quantity } });
  }

  async activateOnline(choice: { servers?: string[]; licenseIds?: string[] }): Promise<EcxLicense[]> {
    const { activated } = await this.http.call<{ activated: EcxLicense[] }>('POST', '/ecostruxure/api/activations', { body: choice });
    return activated;
  }

  async deactivate(serverId: string, licenseId: string): Promise<void> {
    await this.http.call('POST', `${this.srv(serverId)}/licenses/${encodeURIComponent(licenseId)}/deactivation`);
  }

  createActivationRequest(serverId: string): Promise<EcxFile> {
    return this.http.call('POST', `${this.srv(serverId)}/activation-request`);
  }

  async sendActivationResponse(serverId: string, file: EcxFile): Promise<EcxLicense[]> {
    const { licenses } = await this.http.call<{ licenses: EcxLicense[] }>('POST', `${this.srv(serverId)}/activation-response`, { body: { file } });
    return licenses;
  }

  async returnOnline(serverId: string): Promise<EcxLicense[]> {
    const { returned } = await this.http.call<{ returned: EcxLicense[] }>('POST', `${this.srv(serverId)}/return`);
    return returned;
  }

  createReturnRequest(serverId: string): Promise<EcxFile> {
    return this.http.call('POST', `${this.srv(serverId)}/return-request`);
  }

  async sendReturnResponse(serverId: string, file: EcxFile): Promise<EcxLicense[]> {
    const { licenses } = await this.http.call<{ licenses: EcxLicense[] }>('POST', `${this.srv(serverId)}/return-response`, { body: { file } });
    return licenses;
  }

  answerRequest(file: EcxFile): Promise<EcxFile> {
    return this.http.call('POST', '/ecostruxure/las/api/responses', { body: { file } });
  }

  async confirmReturn(requestId: string): Promise<void> {
    await this.http.call('POST', `/ecostruxure/las/api/returns/${encodeURIComponent(requestId)}/confirmation`);
  }

  private srv(serverId: string): string {
    return `/ecostruxure/api/servers/${encodeURIComponent(serverId)}`;
  }
}
