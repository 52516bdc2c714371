import type { DeviceEvent } from '../device.machine';
import type { LicenseEvent } from '../license.rules';
import type { SmartServerEvent } from '../smartserver';
import { devicePathSpec } from './device.paths';
import { generatePaths, type PathPlan } from './generate';
import { licensePathSpec } from './license.paths';
import { smartServerPathSpec } from './smartserver.paths';

export * from './generate';

/** The generated paths of every machine, in the order they are run. */
export interface MachinePlans {
  license: PathPlan<LicenseEvent>;
  device: PathPlan<DeviceEvent>;
  smartserver: PathPlan<SmartServerEvent>;
}

export function generateAllPaths(): MachinePlans {
  return { license: generatePaths(licensePathSpec), device: generatePaths(devicePathSpec), smartserver: generatePaths(smartServerPathSpec) };
}
