import type { HttpClient } from '../http-client';
import type { CustomerLicense, CustomerPortal, CustomerSession, OfflineActivationFile } from '../surfaces';

/** The License Customer Portal through its REST API. */
export class ApiCustomerPortal implements CustomerPortal {
  constructor(private readonly http: HttpClient) {}

  async logIn(credential: { licenseId: string } | { email: string }): Promise<CustomerSession> {
    const body = 'licenseId' in credential ? { eid: credential.licenseId } : { email: credential.email };
    const { token, customer } = await this.http.call<{ token: string; customer: { customerId: string; name: string } }>('POST', '/customer/api/session', {
      body,
    });
    return { ...customer, token };
  }

  licenses(session: CustomerSession): Promise<CustomerLicense[]> {
    return this.http.all('/customer/api/licenses', session.token);
  }

  createOfflineActivationFile(session: CustomerSession, licenseId: string, installCode: string, confirmation = installCode): Promise<OfflineActivationFile> {
    return this.http.call('POST', `/customer/api/licenses/${encodeURIComponent(licenseId)}/offline-activation-files`, {
      token: session.token,
      body: { installCode, installCodeAgain: confirmation },
    });
  }

  async withdrawOfflineActivationFile(session: CustomerSession, licenseId: string): Promise<CustomerLicense> {
    const answer = await this.http.call<{ license: CustomerLicense }>(
      'DELETE',
      `/customer/api/licenses/${encodeURIComponent(licenseId)}/offline-activation-files`,
      {
        token: session.token,
      },
    );
    return answer.license;
  }
}
