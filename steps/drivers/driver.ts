/**
 * What a scenario can ask of the licensing system, in its own words. One implementation talks to
 * the REST API; others (a browser) implement the same interface, so the Gherkin stays the same.
 */
export interface OrderLine {
  model: string;
  quantity: number;
}

export interface LicenseSummary {
  licenseId: string;
  model: string;
  kind: string;
  capacity: number;
  status: string;
  predecessorId?: string;
  successorId?: string;
  customer?: { customerId: string; name: string };
  transferred: number;
  activated: number;
  available: number;
}

export interface PartnerSession {
  email: string;
  token: string;
}

export interface CmsSession {
  installCode: string;
  username: string;
  token: string;
}

export interface SmartServerSpec {
  name: string;
  version: string;
  edition?: 'standard' | 'pi';
  online?: boolean;
  devices: { lon: number; bacnet: number; modbus: number };
  users?: { username: string; userType: string; password?: string }[];
}

export interface CreatedSmartServer {
  installCode: string;
  name: string;
  users: { username: string; userType: string; password: string }[];
}

export interface CloudOffer {
  licenseId: string;
  model: string;
  kind: string;
  transferDate: string;
  description: string;
  segmentController: string;
}

export interface Dashboard {
  capacity: number;
  usedCapacity: number;
  definedDevices: number;
  licensedDevices: number;
  badge: boolean;
  maintenance: { status: string; ends: string | null };
  devicesByColour: Record<string, number>;
}

export interface DeviceSummary {
  id: number;
  name: string;
  protocol: string;
  state: string;
  colour: string;
  licensed: boolean;
}

export interface TransferResult {
  retiredLicenseId: string;
  license: LicenseSummary;
  customer: { customerId: string; name: string; created: boolean };
}

export interface LicensingDriver {
  // set-up: the vendor's back office and the emulator's control plane
  reset(): Promise<void>;
  placeOrder(poNumber: string, partner: { name: string; email: string }, lines: OrderLine[], customer?: string):
    Promise<{ credentials?: { email: string; password: string }; licenses: LicenseSummary[] }>;
  addSmartServer(spec: SmartServerSpec): Promise<CreatedSmartServer>;

  // License Partner Portal
  partnerLogin(email: string, password: string): Promise<PartnerSession>;
  myInventory(session: PartnerSession): Promise<LicenseSummary[]>;
  customerInventory(session: PartnerSession): Promise<LicenseSummary[]>;
  transfer(session: PartnerSession, licenseId: string, customerName: string, newAccount?: { contactEmail?: string }): Promise<TransferResult>;

  // SmartServer CMS
  cmsLogin(installCode: string, username: string, password: string): Promise<CmsSession>;
  saveCustomerId(session: CmsSession, customerId: string): Promise<void>;
  cloudOffers(session: CmsSession): Promise<CloudOffer[]>;
  activate(session: CmsSession, licenseIds: string[]): Promise<void>;
  transferToCloud(session: CmsSession): Promise<void>;
  dashboard(session: CmsSession): Promise<Dashboard>;
  devices(session: CmsSession): Promise<DeviceSummary[]>;
  operateDevice(session: CmsSession, deviceId: number, action: string): Promise<DeviceSummary>;
}
