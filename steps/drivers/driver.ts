import type { UpdateWatch } from './updates-socket';

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
  poNumber?: string;
  maintenanceEnds?: string;
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
  installCode?: string;
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
  hostname?: string;
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
  manageLicensesOpensAtStartup?: boolean;
  version?: string;
  licenseManagement?: boolean;
  maintenance: { status: string; ends: string | null };
  devicesByColour: Record<string, number>;
  /** Whether the devices are reachable and the scheduler and data logging run (they stop once no capacity is left). */
  services?: { devices: 'reachable' | 'unreachable'; scheduler: 'running' | 'stopped'; dataLogging: 'running' | 'stopped' };
}

export interface DeviceSummary {
  id: number;
  name: string;
  protocol: string;
  state: string;
  colour: string;
  licensed: boolean;
  /** Provision state (lowercase) and health as /iap/devs reports them. */
  status?: { state: string; health: string };
  /** Emulator extension: the licence flag a device waits for before it is provisioned. */
  lic?: { licensed: boolean };
}

/** Provision states as the device list filters them. */
export type ProvisionState = 'PROVISIONED' | 'UNPROVISIONED' | 'PROVISIONING' | 'UNPROVISIONING';

export interface CustomerSession {
  customerId: string;
  name: string;
  token: string;
}

/** A license as the License Customer Portal lists it; its License ID is what the portal calls the EID. */
export interface CustomerLicense {
  licenseId: string;
  eid: string;
  model: string;
  kind: string;
  description: string;
  capacity: number;
  status: string;
  installCode: string | null;
  activationMode: 'online' | 'offline' | null;
  maintenanceEnds: string | null;
  offlineFileFrom: 'customer-portal' | 'customer-success' | null;
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

export interface NotificationSettings {
  emails: string[];
  daysBefore: number[];
  renewalConfirmation: boolean;
}

export interface PlannedNotification {
  kind: 'expiry-reminder' | 'renewal-confirmation';
  sendOn: string;
  to: string[];
  maintenanceEnd: string;
  daysBefore?: number;
}

export interface NotificationsDue {
  today: string;
  maintenanceEnd: string | null;
  due: PlannedNotification[];
  planned: PlannedNotification[];
}

export interface ReleaseInstalled {
  from: string;
  to: string;
  change: 'upgrade' | 'update' | 'same' | 'downgrade';
  reimaged: boolean;
  licensesKept: number;
  devicesCleared: number;
}

export interface SystemReset {
  reset: 'databases' | 'factory-settings';
  licensesKept: number;
  devicesCleared: number;
}

export interface SmartServerFeature {
  feature: 'lon-rni' | 'lon-routing' | 'bacnet-routing' | 'scheduler' | 'data-logging';
  available: boolean;
  enabled: boolean;
  switchable: boolean;
  reason?: string;
}

/** Faults on the SmartServers' path to the licensing cloud (test control plane). */
export interface CloudFaults {
  delayMs?: number;
  failWith?: 503 | 504 | null;
}

export interface TransferResult {
  message?: string;
  retiredLicenseId: string;
  license: LicenseSummary;
  customer: { customerId: string; name: string; created: boolean };
}

export interface SearchQuery {
  customerName?: string;
  poNumber?: string;
  onlyAvailable?: boolean;
}

export interface CustomerEntry {
  customerId: string;
  name: string;
  contactEmail?: string;
}

export interface OrderDetails {
  license: LicenseSummary;
  transferDefaults: { tab: string; transferTo: string };
  customers: CustomerEntry[];
}

export interface CustomerAccountRow {
  segmentController: string;
  installCode: string;
  customerId: string | null;
  pendingCustomerId: string | null;
}

export interface ManagedLicense {
  segmentController: string;
  licenseId: string;
  kind: string;
  description: string;
  status: string;
  activationDate: string;
  note: string | null;
}

/** A machine transition the emulator performed, with how often (GET /_emulator/coverage). */
export interface TransitionCount {
  machine: string;
  from: string;
  event?: string;
  to: string;
  count: number;
}

export type { UpdateWatch };

export interface LicensingDriver {
  // set-up: the vendor's back office and the emulator's control plane
  reset(): Promise<void>;
  placeOrder(poNumber: string, partner: { name: string; email: string }, lines: OrderLine[], customer?: string):
    Promise<{ credentials?: { email: string; password: string }; licenses: LicenseSummary[] }>;
  addSmartServer(spec: SmartServerSpec): Promise<CreatedSmartServer>;
  setOnline(installCode: string, online: boolean): Promise<void>;
  setDate(date: string): Promise<string>;
  advanceDays(days: number): Promise<string>;
  transitions(): Promise<TransitionCount[]>;

  // License Partner Portal
  partnerLogin(email: string, password: string): Promise<PartnerSession>;
  myInventory(session: PartnerSession): Promise<LicenseSummary[]>;
  customerInventory(session: PartnerSession): Promise<LicenseSummary[]>;
  transfer(session: PartnerSession, licenseId: string, customerName: string, newAccount?: { contactEmail?: string }): Promise<TransferResult>;

  searchLicenses(session: PartnerSession, query: SearchQuery): Promise<LicenseSummary[]>;
  partnerCustomers(session: PartnerSession, name?: string): Promise<CustomerEntry[]>;
  orderDetails(session: PartnerSession, licenseId: string): Promise<OrderDetails>;

  // SmartServer CMS
  customerAccounts(session: CmsSession): Promise<CustomerAccountRow[]>;
  enterCustomerId(session: CmsSession, customerId: string): Promise<CustomerAccountRow[]>;
  settleCustomerId(session: CmsSession, decision: 'save' | 'discard'): Promise<CustomerAccountRow[]>;
  manageLicenses(session: CmsSession): Promise<ManagedLicense[]>;
  licensingStatus(session: CmsSession): Promise<Dashboard>;
  /** Opens the SmartServer's update WebSocket (UPD:LIC:CLOUD and the like); the caller closes it. */
  watchUpdates(session: CmsSession): Promise<UpdateWatch>;
  cmsLogin(installCode: string, username: string, password: string): Promise<CmsSession>;
  saveCustomerId(session: CmsSession, customerId: string): Promise<void>;
  cloudOffers(session: CmsSession): Promise<CloudOffer[]>;
  activate(session: CmsSession, licenseIds: string[]): Promise<void>;
  transferToCloud(session: CmsSession): Promise<void>;
  dashboard(session: CmsSession): Promise<Dashboard>;
  devices(session: CmsSession, provisionStates?: ProvisionState[]): Promise<DeviceSummary[]>;
  operateDevice(session: CmsSession, deviceId: number, action: string): Promise<DeviceSummary>;

  // License Customer Portal, and Customer Success for offline maintenance files
  customerLogin(credential: { licenseId: string } | { email: string }): Promise<CustomerSession>;
  customerLicenses(session: CustomerSession): Promise<CustomerLicense[]>;
  createOfflineActivationFile(session: CustomerSession, licenseId: string, installCode: string): Promise<OfflineActivationFile>;
  requestOfflineMaintenanceFile(licenseId: string, installCode: string): Promise<OfflineActivationFile>;
  /** Customer Success: the support a SmartServer is entitled to. */
  supportEntitlement(installCode: string): Promise<{ support: 'priority' | 'standard'; maintenanceEnd: string | null; reason: string }>;

  // SmartServer CMS: Add License, notes and notifications
  addLicenseFile(session: CmsSession, fileText: string): Promise<ManagedLicense[]>;
  setLicenseNote(session: CmsSession, licenseId: string, note: string | null): Promise<ManagedLicense>;
  notificationSettings(session: CmsSession): Promise<NotificationSettings>;
  editNotifications(session: CmsSession, settings: NotificationSettings): Promise<NotificationSettings>;
  notificationsDue(session: CmsSession): Promise<NotificationsDue>;

  // SmartServer system: releases, resets, devices and built-in features
  installRelease(session: CmsSession, version: string, options?: { reimage?: boolean }): Promise<ReleaseInstalled>;
  resetDatabases(session: CmsSession): Promise<SystemReset>;
  restoreFactorySettings(session: CmsSession): Promise<SystemReset>;
  addDevice(session: CmsSession, name: string, protocol: string, origin?: 'create' | 'discover' | 'import'): Promise<DeviceSummary>;
  countDevices(session: CmsSession, provisionStates?: ProvisionState[]): Promise<number>;
  reportDeviceHealth(session: CmsSession, deviceId: number, health: 'normal' | 'marginal' | 'suspect' | 'down'): Promise<DeviceSummary>;
  /** A device answers a provisioning request (only while the control plane makes provisioning wait for it). */
  reportProvisioning(session: CmsSession, deviceId: number, outcome: 'succeeded' | 'failed'): Promise<DeviceSummary>;
  features(session: CmsSession): Promise<SmartServerFeature[]>;
  switchFeature(session: CmsSession, feature: string, enabled: boolean): Promise<SmartServerFeature>;

  // control plane: a slow or failing licensing cloud
  setCloudFaults(faults: CloudFaults | null): Promise<CloudFaults>;
  /** Control plane: the SmartServer's devices finish provisioning only when they report back, or at once (the default). */
  setProvisioningWaits(installCode: string, waitForReport: boolean): Promise<void>;
}
