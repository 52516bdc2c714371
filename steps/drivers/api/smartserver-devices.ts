import type { HttpClient } from '../http-client';
import type { CmsSession, DeviceHealth, DeviceSummary, ProvisionState, SmartServerDevices } from '../surfaces';
import { smartServerPath } from './smartserver-path';

const stsQuery = (states?: ProvisionState[]) => (states?.length ? `?sts=${states.join(',')}` : '');

/** A SmartServer's devices through its REST device paths (/iap/devs). */
export class ApiSmartServerDevices implements SmartServerDevices {
  constructor(private readonly http: HttpClient) {}

  list(session: CmsSession, provisionStates?: ProvisionState[]): Promise<DeviceSummary[]> {
    return this.http.call('GET', `${smartServerPath(session.installCode)}/iap/devs${stsQuery(provisionStates)}`, { token: session.token });
  }

  operate(session: CmsSession, deviceId: number, action: string): Promise<DeviceSummary> {
    return this.act(session, deviceId, { action });
  }

  add(session: CmsSession, name: string, protocol: string, origin?: 'create' | 'discover' | 'import'): Promise<DeviceSummary> {
    return this.http.call('POST', `${smartServerPath(session.installCode)}/iap/devs`, {
      token: session.token,
      body: { name, protocol, ...(origin ? { origin } : {}) },
    });
  }

  async count(session: CmsSession, provisionStates?: ProvisionState[]): Promise<number> {
    const path = `${smartServerPath(session.installCode)}/iap/devs/count${stsQuery(provisionStates)}`;
    return (await this.http.call<{ value: number }>('GET', path, { token: session.token })).value;
  }

  reportHealth(session: CmsSession, deviceId: number, health: DeviceHealth): Promise<DeviceSummary> {
    return this.act(session, deviceId, { action: 'report-health', health });
  }

  reportProvisioning(session: CmsSession, deviceId: number, outcome: 'succeeded' | 'failed'): Promise<DeviceSummary> {
    return this.act(session, deviceId, { action: 'report-provisioning', outcome });
  }

  /** User actions and the device's own reports share one path. */
  private act(session: CmsSession, deviceId: number, body: Record<string, string>): Promise<DeviceSummary> {
    return this.http.call('POST', `${smartServerPath(session.installCode)}/iap/devs/${deviceId}/do`, { token: session.token, body });
  }
}
