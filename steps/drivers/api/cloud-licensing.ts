import type { HttpClient } from '../http-client';
import type { CloudLicensing, CloudOffer, CmsSession, CustomerAccountRow } from '../surfaces';
import { smartServerPath } from './smartserver-path';

/** Manage Customer Accounts, the cloud download and Transfer to Cloud through the SmartServer's REST paths (/iap/lic). */
export class ApiCloudLicensing implements CloudLicensing {
  constructor(private readonly http: HttpClient) {}

  customerAccounts(session: CmsSession): Promise<CustomerAccountRow[]> {
    return this.http.call('GET', `${smartServerPath(session.installCode)}/iap/lic/accounts`, { token: session.token });
  }

  enterCustomerId(session: CmsSession, customerId: string): Promise<CustomerAccountRow[]> {
    return this.http.call('POST', `${smartServerPath(session.installCode)}/iap/lic/accounts/draft`, { token: session.token, body: { customerId } });
  }

  settleCustomerId(session: CmsSession, decision: 'save' | 'discard'): Promise<CustomerAccountRow[]> {
    const path = `${smartServerPath(session.installCode)}/iap/lic/accounts/draft`;
    return decision === 'save' ? this.http.call('POST', `${path}/save`, { token: session.token }) : this.http.call('DELETE', path, { token: session.token });
  }

  /** Integrations set the Customer ID on the SmartServer's segment in one request. */
  async saveCustomerId(session: CmsSession, customerId: string): Promise<void> {
    const segment = `segmentId=${encodeURIComponent(session.installCode)}`;
    await this.http.call('PUT', `${smartServerPath(session.installCode)}/iap/lic/accounts?${segment}`, { token: session.token, body: { customerId } });
  }

  /** The cloud answers a page at a time: every page, followed by its cursor. */
  offers(session: CmsSession): Promise<CloudOffer[]> {
    return this.http.all(`${smartServerPath(session.installCode)}/iap/lic/cloud`, session.token);
  }

  async activate(session: CmsSession, licenseIds: string[]): Promise<void> {
    await this.http.call('POST', `${smartServerPath(session.installCode)}/iap/lic/cloud/download`, { token: session.token, body: { licenseIds } });
  }

  async transferToCloud(session: CmsSession): Promise<void> {
    await this.http.call('POST', `${smartServerPath(session.installCode)}/iap/lic/cloud/upload`, { token: session.token });
  }
}
