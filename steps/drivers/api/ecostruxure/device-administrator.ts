import type { HttpClient } from '../../http-client';
import type { DeviceAdministrator, EcxEntitlement, EcxFile, EcxLicense, EcxServer } from '../../surfaces/ecostruxure';
import { serverPath } from './server-path';

/** Device Administrator through the emulator's REST routes (/ecostruxure/api). */
export class ApiDeviceAdministrator implements DeviceAdministrator {
  constructor(private readonly http: HttpClient) {}

  addEntitlementFromFile(file: EcxFile): Promise<EcxEntitlement> {
    return this.http.call('POST', '/ecostruxure/api/entitlements', { body: { certificateFile: { fileName: file.fileName, content: file.content } } });
  }

  addEntitlementById(entitlementId: string): Promise<EcxEntitlement> {
    return this.http.call('POST', '/ecostruxure/api/entitlements', { body: { entitlementId } });
  }

  entitlements(): Promise<EcxEntitlement[]> {
    return this.http.all('/ecostruxure/api/entitlements');
  }

  server(serverId: string): Promise<EcxServer> {
    return this.http.call('GET', serverPath(serverId));
  }

  assign(serverId: string, activationId: string, feature: string, quantity: number): Promise<EcxLicense> {
    return this.http.call('POST', `${serverPath(serverId)}/assignments`, { body: { activationId, feature, quantity } });
  }

  async activateOnline(choice: { servers?: string[]; licenseIds?: string[] }): Promise<EcxLicense[]> {
    const { activated } = await this.http.call<{ activated: EcxLicense[] }>('POST', '/ecostruxure/api/activations', { body: choice });
    return activated;
  }

  async deactivate(serverId: string, licenseId: string): Promise<void> {
    await this.http.call('POST', `${serverPath(serverId)}/licenses/${encodeURIComponent(licenseId)}/deactivation`);
  }

  createActivationRequest(serverId: string): Promise<EcxFile> {
    return this.http.call('POST', `${serverPath(serverId)}/activation-request`);
  }

  async sendActivationResponse(serverId: string, file: EcxFile): Promise<EcxLicense[]> {
    const { licenses } = await this.http.call<{ licenses: EcxLicense[] }>('POST', `${serverPath(serverId)}/activation-response`, { body: { file } });
    return licenses;
  }

  async returnOnline(serverId: string): Promise<EcxLicense[]> {
    const { returned } = await this.http.call<{ returned: EcxLicense[] }>('POST', `${serverPath(serverId)}/return`);
    return returned;
  }

  createReturnRequest(serverId: string): Promise<EcxFile> {
    return this.http.call('POST', `${serverPath(serverId)}/return-request`);
  }

  async sendReturnResponse(serverId: string, file: EcxFile): Promise<EcxLicense[]> {
    const { licenses } = await this.http.call<{ licenses: EcxLicense[] }>('POST', `${serverPath(serverId)}/return-response`, { body: { file } });
    return licenses;
  }
}
