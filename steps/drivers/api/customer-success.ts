import type { HttpClient } from '../http-client';
import type { CustomerSuccess, OfflineActivationFile, SupportEntitlement } from '../surfaces';

/** Customer Success through the back office's REST API. */
export class ApiCustomerSuccess implements CustomerSuccess {
  constructor(private readonly http: HttpClient) {}

  issueOfflineMaintenanceFile(licenseId: string, installCode: string): Promise<OfflineActivationFile> {
    return this.http.call('POST', '/backoffice/api/maintenance-files', { body: { licenseId, installCode } });
  }

  supportEntitlement(installCode: string): Promise<SupportEntitlement> {
    return this.http.call('GET', `/backoffice/api/support/${encodeURIComponent(installCode)}`);
  }
}
