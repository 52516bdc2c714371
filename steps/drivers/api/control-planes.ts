import type { CloudFaults, ControlPlane, CreatedSmartServer, SmartServerSpec, TransitionCount } from '../surfaces';

/**
 * The control planes of a run whose systems are emulated in more than one place, as one: the
 * SmartServers' own answers what concerns them, every place moves its clock and resets, and the
 * coverage is the sum of all.
 */
export class CombinedControlPlanes implements ControlPlane {
  constructor(
    private readonly smartservers: ControlPlane,
    private readonly all: ControlPlane[],
  ) {}

  async reset(): Promise<void> {
    for (const plane of this.all) await plane.reset();
  }

  addSmartServer(spec: SmartServerSpec): Promise<CreatedSmartServer> {
    return this.smartservers.addSmartServer(spec);
  }

  setOnline(installCode: string, online: boolean): Promise<void> {
    return this.smartservers.setOnline(installCode, online);
  }

  async setDate(date: string): Promise<string> {
    for (const plane of this.all) if (plane !== this.smartservers) await plane.setDate(date);
    return this.smartservers.setDate(date);
  }

  async advanceDays(days: number): Promise<string> {
    for (const plane of this.all) if (plane !== this.smartservers) await plane.advanceDays(days);
    return this.smartservers.advanceDays(days);
  }

  setCloudFaults(faults: CloudFaults | null): Promise<CloudFaults> {
    return this.smartservers.setCloudFaults(faults);
  }

  setProvisioningWaits(installCode: string, waitForReport: boolean): Promise<void> {
    return this.smartservers.setProvisioningWaits(installCode, waitForReport);
  }

  async transitions(): Promise<TransitionCount[]> {
    const counts = new Map<string, TransitionCount>();
    for (const plane of this.all) {
      for (const transition of await plane.transitions()) {
        const key = JSON.stringify({ ...transition, count: 0 });
        const known = counts.get(key);
        counts.set(key, known ? { ...known, count: known.count + transition.count } : transition);
      }
    }
    return [...counts.values()];
  }
}
