import type { CmsSession, DeviceHealth, DeviceSummary, ProvisionState, SmartServerDevices } from '../surfaces';
import { cmsTab } from './cms-tab';
import type { BrowserTabs } from './tabs';

/**
 * A SmartServer's devices through the CMS page's Devices widget, which lists devices and runs their
 * actions; adding, counting and the devices' own reports go to `api`
 * (THROUGH_API_IN_BROWSER_RUNS.devices says why for each).
 */
export class BrowserSmartServerDevices implements SmartServerDevices {
  constructor(
    private readonly tabs: BrowserTabs,
    private readonly api: SmartServerDevices,
  ) {}

  /** A session whose tab is still to open reads the widget as the page opens; any other presses Refresh. */
  async list(session: CmsSession, provisionStates?: ProvisionState[]): Promise<DeviceSummary[]> {
    const opensNow = this.tabs.opensOnFirstUse(session.token);
    return (await cmsTab(this.tabs, session)).devices(provisionStates, opensNow);
  }

  async operate(session: CmsSession, deviceId: number, action: string): Promise<DeviceSummary> {
    const opensNow = this.tabs.opensOnFirstUse(session.token);
    return (await cmsTab(this.tabs, session)).operateDevice(deviceId, action, opensNow);
  }

  add(session: CmsSession, name: string, protocol: string, origin?: 'create' | 'discover' | 'import'): Promise<DeviceSummary> {
    return this.api.add(session, name, protocol, origin);
  }

  count(session: CmsSession, provisionStates?: ProvisionState[]): Promise<number> {
    return this.api.count(session, provisionStates);
  }

  reportHealth(session: CmsSession, deviceId: number, health: DeviceHealth): Promise<DeviceSummary> {
    return this.api.reportHealth(session, deviceId, health);
  }

  reportProvisioning(session: CmsSession, deviceId: number, outcome: 'succeeded' | 'failed'): Promise<DeviceSummary> {
    return this.api.reportProvisioning(session, deviceId, outcome);
  }
}
