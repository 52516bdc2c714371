import type { HttpClient } from '../../http-client';
import type { EcxFile, LicenseActivationServer } from '../../surfaces/ecostruxure';

/** The License Activation Server through the emulator's REST routes (/ecostruxure/las/api). */
export class ApiLicenseActivationServer implements LicenseActivationServer {
  constructor(private readonly http: HttpClient) {}

  answerRequest(file: EcxFile): Promise<EcxFile> {
    return this.http.call('POST', '/ecostruxure/las/api/responses', { body: { file } });
  }

  async confirmReturn(requestId: string): Promise<void> {
    await this.http.call('POST', `/ecostruxure/las/api/returns/${encodeURIComponent(requestId)}/confirmation`);
  }
}
