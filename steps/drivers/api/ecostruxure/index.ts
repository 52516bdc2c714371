import { HttpClient } from '../../http-client';
import type { EcoStruxureSurfaces } from '../../surfaces/ecostruxure';
import { ApiEcoStruxureControlPlane } from './control-plane';
import { ApiDeviceAdministrator } from './device-administrator';
import { ApiLicenseActivationServer } from './license-activation-server';
import { ApiEcoStruxureSalesDesk } from './sales-desk';

export { ApiDeviceAdministrator, ApiEcoStruxureControlPlane, ApiEcoStruxureSalesDesk, ApiLicenseActivationServer };

/** Every EcoStruxure surface through the emulator's REST routes, over one HTTP client. */
export function apiEcoStruxureSurfaces(baseUrl: string): EcoStruxureSurfaces {
  const http = new HttpClient(baseUrl);
  return {
    salesDesk: new ApiEcoStruxureSalesDesk(http),
    deviceAdministrator: new ApiDeviceAdministrator(http),
    activationServer: new ApiLicenseActivationServer(http),
    controlPlane: new ApiEcoStruxureControlPlane(http),
  };
}
