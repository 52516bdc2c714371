import type { EcoStruxureControlPlane } from './control-plane';
import type { DeviceAdministrator } from './device-administrator';
import type { LicenseActivationServer } from './license-activation-server';
import type { EcoStruxureSalesDesk } from './sales-desk';

export type * from './control-plane';
export type * from './device-administrator';
export type * from './license-activation-server';
export type * from './sales-desk';
export type * from './types';

/** Schneider Electric's EcoStruxure BMS centralized licensing, one driver per surface. */
export interface EcoStruxureSurfaces {
  salesDesk: EcoStruxureSalesDesk;
  deviceAdministrator: DeviceAdministrator;
  activationServer: LicenseActivationServer;
  controlPlane: EcoStruxureControlPlane;
}

export type EcoStruxureSurfaceName = keyof EcoStruxureSurfaces;
