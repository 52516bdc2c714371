import type { HttpClient } from '../http-client';
import type { CloudFaults, ControlPlane, CreatedSmartServer, SmartServerSpec, TransitionCount } from '../surfaces';

/** The emulator's control plane (/_emulator). */
export class ApiControlPlane implements ControlPlane {
  constructor(private readonly http: HttpClient) {}

  async reset(): Promise<void> {
    await this.http.call('POST', '/_emulator/reset');
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

  async setCloudFaults(faults: CloudFaults | null): Promise<CloudFaults> {
    return (await this.http.call<{ cloud: CloudFaults }>('PUT', '/_emulator/faults', { body: { cloud: faults } })).cloud;
  }

  async setProvisioningWaits(installCode: string, waitForReport: boolean): Promise<void> {
    await this.http.call('PUT', `/_emulator/smartservers/${encodeURIComponent(installCode)}/provisioning`, { body: { waitForReport } });
  }

  async transitions(): Promise<TransitionCount[]> {
    return (await this.http.call<{ transitions: TransitionCount[] }>('GET', '/_emulator/coverage')).transitions;
  }
}
