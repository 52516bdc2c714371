import type {
  CloudOffer, CmsSession, CreatedSmartServer, CustomerAccountRow, CustomerEntry, Dashboard, DeviceSummary, LicenseSummary,
  LicensingDriver, ManagedLicense, OrderDetails, OrderLine, PartnerSession, SearchQuery, SmartServerSpec, TransferResult,
  TransitionCount,
} from './driver';
import type {
  CloudFaults, CustomerLicense, CustomerSession, NotificationSettings, NotificationsDue, OfflineActivationFile, ProvisionState,
  ReleaseInstalled, SmartServerFeature, SystemReset,
} from './driver';
import { HttpClient } from './http-client';
import { openUpdates, socketBaseFor, type UpdateWatch } from './updates-socket';

const stsQuery = (states?: ProvisionState[]) => (states?.length ? `?sts=${states.join(',')}` : '');

/** The licensing system through its REST API. */
export class ApiDriver implements LicensingDriver {
  private readonly http: HttpClient;

  constructor(baseUrl: string) {
    this.http = new HttpClient(baseUrl);
  }

  async reset(): Promise<void> {
    await this.http.call('POST', '/_emulator/reset');
  }

  placeOrder(poNumber: string, partner: { name: string; email: string }, lines: OrderLine[], customer?: string) {
    return this.http.call<{ credentials?: { email: string; password: string }; licenses: LicenseSummary[] }>(
      'POST', '/backoffice/api/orders', { body: { poNumber, partner, lines, customer } });
  }

  addSmartServer(spec: SmartServerSpec): Promise<CreatedSmartServer> {
    return this.http.call('POST', '/_emulator/smartservers', { body: spec });
  }

  async setOnline(installCode: string, online: boolean): Promise<void> {
    await this.http.call('PUT', `/_emulator/smartservers/${encodeURIComponent(installCode)}/connection`, { body: { online } });
  }

  async setDate(date: string): Promise<string> {
    return (await this.http.call<{ today: string }>('PUT', '/_emulator/clock', { body: { now: date } })).today;
  }

  async advanceDays(days: number): Promise<string> {
    return (await this.http.call<{ today: string }>('POST', '/_emulator/clock/advance', { body: { days } })).today;
  }

  async transitions(): Promise<TransitionCount[]> {
    return (await this.http.call<{ transitions: TransitionCount[] }>('GET', '/_emulator/coverage')).transitions;
  }

  searchLicenses(session: PartnerSession, query: SearchQuery): Promise<LicenseSummary[]> {
    const params = new URLSearchParams();
    if (query.customerName) params.set('customerName', query.customerName);
    if (query.poNumber) params.set('poNumber', query.poNumber);
    if (query.onlyAvailable) params.set('onlyAvailable', 'true');
    return this.http.call('GET', `/partner/api/search?${params}`, { token: session.token });
  }

  partnerCustomers(session: PartnerSession, name?: string): Promise<CustomerEntry[]> {
    return this.http.call('GET', `/partner/api/customers${name ? `?name=${encodeURIComponent(name)}` : ''}`, { token: session.token });
  }

  orderDetails(session: PartnerSession, licenseId: string): Promise<OrderDetails> {
    return this.http.call('GET', `/partner/api/licenses/${encodeURIComponent(licenseId)}`, { token: session.token });
  }

  customerAccounts(session: CmsSession): Promise<CustomerAccountRow[]> {
    return this.http.call('GET', `${this.ss(session.installCode)}/iap/lic/accounts`, { token: session.token });
  }

  enterCustomerId(session: CmsSession, customerId: string): Promise<CustomerAccountRow[]> {
    return this.http.call('POST', `${this.ss(session.installCode)}/iap/lic/accounts/draft`, { token: session.token, body: { customerId } });
  }

  settleCustomerId(session: CmsSession, decision: 'save' | 'discard'): Promise<CustomerAccountRow[]> {
    const path = `${this.ss(session.installCode)}/iap/lic/accounts/draft`;
    return decision === 'save'
      ? this.http.call('POST', `${path}/save`, { token: session.token })
      : this.http.call('DELETE', path, { token: session.token });
  }

  licensingStatus(session: CmsSession): Promise<Dashboard> {
    return this.http.call('GET', `${this.ss(session.installCode)}/iap/lic/status`, { token: session.token });
  }

  watchUpdates(session: CmsSession): Promise<UpdateWatch> {
    return openUpdates(`${socketBaseFor(this.http.baseUrl)}${this.ss(session.installCode)}/iap/ws`, session.token);
  }

  manageLicenses(session: CmsSession): Promise<ManagedLicense[]> {
    return this.http.call('GET', `${this.ss(session.installCode)}/iap/lic`, { token: session.token });
  }

  async partnerLogin(email: string, password: string): Promise<PartnerSession> {
    const { token } = await this.http.call<{ token: string }>('POST', '/partner/api/session', { body: { email, password } });
    return { email, token };
  }

  myInventory(session: PartnerSession): Promise<LicenseSummary[]> {
    return this.http.call('GET', '/partner/api/inventory', { token: session.token });
  }

  customerInventory(session: PartnerSession): Promise<LicenseSummary[]> {
    return this.http.call('GET', '/partner/api/customer-inventory', { token: session.token });
  }

  transfer(session: PartnerSession, licenseId: string, customerName: string, newAccount?: { contactEmail?: string }): Promise<TransferResult> {
    return this.http.call('POST', `/partner/api/licenses/${encodeURIComponent(licenseId)}/transfers`, {
      token: session.token, body: { customerName, transferTo: 'Customer', ...(newAccount ? { newAccount } : {}) },
    });
  }

  async cmsLogin(installCode: string, username: string, password: string): Promise<CmsSession> {
    const { token } = await this.http.call<{ token: string }>('POST', `${this.ss(installCode)}/login`, { body: { username, password } });
    return { installCode, username, token };
  }

  async saveCustomerId(session: CmsSession, customerId: string): Promise<void> {
    const segment = `segmentId=${encodeURIComponent(session.installCode)}`;
    await this.http.call('PUT', `${this.ss(session.installCode)}/iap/lic/accounts?${segment}`, { token: session.token, body: { customerId } });
  }

  cloudOffers(session: CmsSession): Promise<CloudOffer[]> {
    return this.http.call('GET', `${this.ss(session.installCode)}/iap/lic/cloud`, { token: session.token });
  }

  async activate(session: CmsSession, licenseIds: string[]): Promise<void> {
    await this.http.call('POST', `${this.ss(session.installCode)}/iap/lic/cloud/download`, { token: session.token, body: { licenseIds } });
  }

  async transferToCloud(session: CmsSession): Promise<void> {
    await this.http.call('POST', `${this.ss(session.installCode)}/iap/lic/cloud/upload`, { token: session.token });
  }

  dashboard(session: CmsSession): Promise<Dashboard> {
    return this.http.call('GET', `${this.ss(session.installCode)}/dashboard`, { token: session.token });
  }

  devices(session: CmsSession, provisionStates?: ProvisionState[]): Promise<DeviceSummary[]> {
    return this.http.call('GET', `${this.ss(session.installCode)}/iap/devs${stsQuery(provisionStates)}`, { token: session.token });
  }

  operateDevice(session: CmsSession, deviceId: number, action: string): Promise<DeviceSummary> {
    return this.http.call('POST', `${this.ss(session.installCode)}/iap/devs/${deviceId}/do`, { token: session.token, body: { action } });
  }

  async customerLogin(credential: { licenseId: string } | { email: string }): Promise<CustomerSession> {
    const body = 'licenseId' in credential ? { eid: credential.licenseId } : { email: credential.email };
    const { token, customer } = await this.http.call<{ token: string; customer: { customerId: string; name: string } }>('POST', '/customer/api/session', { body });
    return { ...customer, token };
  }

  customerLicenses(session: CustomerSession): Promise<CustomerLicense[]> {
    return this.http.call('GET', '/customer/api/licenses', { token: session.token });
  }

  createOfflineActivationFile(session: CustomerSession, licenseId: string, installCode: string): Promise<OfflineActivationFile> {
    return this.http.call('POST', `/customer/api/licenses/${encodeURIComponent(licenseId)}/offline-activation-files`, { token: session.token, body: { installCode } });
  }

  requestOfflineMaintenanceFile(licenseId: string, installCode: string): Promise<OfflineActivationFile> {
    return this.http.call('POST', '/backoffice/api/maintenance-files', { body: { licenseId, installCode } });
  }

  supportEntitlement(installCode: string): Promise<{ support: 'priority' | 'standard'; maintenanceEnd: string | null; reason: string }> {
    return this.http.call('GET', `/backoffice/api/support/${encodeURIComponent(installCode)}`);
  }

  async addLicenseFile(session: CmsSession, fileText: string): Promise<ManagedLicense[]> {
    const result = await this.http.call<{ licenses: ManagedLicense[] }>('POST', `${this.ss(session.installCode)}/iap/lic/files`, { token: session.token, body: { file: fileText } });
    return result.licenses;
  }

  setLicenseNote(session: CmsSession, licenseId: string, note: string | null): Promise<ManagedLicense> {
    return this.http.call('PUT', `${this.ss(session.installCode)}/iap/lic/${encodeURIComponent(licenseId)}/note`, { token: session.token, body: { note } });
  }

  notificationSettings(session: CmsSession): Promise<NotificationSettings> {
    return this.http.call('GET', `${this.ss(session.installCode)}/iap/lic/notifications`, { token: session.token });
  }

  editNotifications(session: CmsSession, settings: NotificationSettings): Promise<NotificationSettings> {
    return this.http.call('PUT', `${this.ss(session.installCode)}/iap/lic/notifications`, { token: session.token, body: settings });
  }

  notificationsDue(session: CmsSession): Promise<NotificationsDue> {
    return this.http.call('GET', `${this.ss(session.installCode)}/iap/lic/notifications/due`, { token: session.token });
  }

  installRelease(session: CmsSession, version: string, options: { reimage?: boolean } = {}): Promise<ReleaseInstalled> {
    return this.http.call('POST', `${this.ss(session.installCode)}/software`, { token: session.token, body: { version, ...options } });
  }

  resetDatabases(session: CmsSession): Promise<SystemReset> {
    return this.http.call('POST', `${this.ss(session.installCode)}/reset-databases`, { token: session.token });
  }

  restoreFactorySettings(session: CmsSession): Promise<SystemReset> {
    return this.http.call('POST', `${this.ss(session.installCode)}/restore-factory-settings`, { token: session.token });
  }

  addDevice(session: CmsSession, name: string, protocol: string, origin?: 'create' | 'discover' | 'import'): Promise<DeviceSummary> {
    return this.http.call('POST', `${this.ss(session.installCode)}/iap/devs`, { token: session.token, body: { name, protocol, ...(origin ? { origin } : {}) } });
  }

  async countDevices(session: CmsSession, provisionStates?: ProvisionState[]): Promise<number> {
    return (await this.http.call<{ value: number }>('GET', `${this.ss(session.installCode)}/iap/devs/count${stsQuery(provisionStates)}`, { token: session.token })).value;
  }

  reportDeviceHealth(session: CmsSession, deviceId: number, health: 'normal' | 'marginal' | 'suspect' | 'down'): Promise<DeviceSummary> {
    return this.http.call('POST', `${this.ss(session.installCode)}/iap/devs/${deviceId}/do`, { token: session.token, body: { action: 'report-health', health } });
  }

  reportProvisioning(session: CmsSession, deviceId: number, outcome: 'succeeded' | 'failed'): Promise<DeviceSummary> {
    return this.http.call('POST', `${this.ss(session.installCode)}/iap/devs/${deviceId}/do`, { token: session.token, body: { action: 'report-provisioning', outcome } });
  }

  features(session: CmsSession): Promise<SmartServerFeature[]> {
    return this.http.call('GET', `${this.ss(session.installCode)}/features`, { token: session.token });
  }

  switchFeature(session: CmsSession, feature: string, enabled: boolean): Promise<SmartServerFeature> {
    return this.http.call('PUT', `${this.ss(session.installCode)}/features/${encodeURIComponent(feature)}`, { token: session.token, body: { enabled } });
  }

  async setCloudFaults(faults: CloudFaults | null): Promise<CloudFaults> {
    return (await this.http.call<{ cloud: CloudFaults }>('PUT', '/_emulator/faults', { body: { cloud: faults } })).cloud;
  }

  async setProvisioningWaits(installCode: string, waitForReport: boolean): Promise<void> {
    await this.http.call('PUT', `/_emulator/smartservers/${encodeURIComponent(installCode)}/provisioning`, { body: { waitForReport } });
  }

  private ss(installCode: string): string {
    return `/smartservers/${encodeURIComponent(installCode)}`;
  }
}
