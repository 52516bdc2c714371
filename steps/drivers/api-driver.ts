import type {
  CloudOffer, CmsSession, CreatedSmartServer, Dashboard, DeviceSummary, LicenseSummary, LicensingDriver, OrderLine,
  PartnerSession, SmartServerSpec, TransferResult,
} from './driver';
import { HttpClient } from './http-client';

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
    await this.http.call('PUT', `${this.ss(session.installCode)}/iap/lic/accounts`, { token: session.token, body: { customerId } });
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

  devices(session: CmsSession): Promise<DeviceSummary[]> {
    return this.http.call('GET', `${this.ss(session.installCode)}/iap/devs`, { token: session.token });
  }

  operateDevice(session: CmsSession, deviceId: number, action: string): Promise<DeviceSummary> {
    return this.http.call('POST', `${this.ss(session.installCode)}/iap/devs/${deviceId}/do`, { token: session.token, body: { action } });
  }

  private ss(installCode: string): string {
    return `/smartservers/${encodeURIComponent(installCode)}`;
  }
}
