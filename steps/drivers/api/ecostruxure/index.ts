import { globalFetch, type Transport } from '../../http-client';
import { EcoStruxureOperatorClient } from './operator-session';
import type { EcoStruxureSurfaces } from '../../surfaces/ecostruxure';
import { ApiEcoStruxureControlPlane } from './control-plane';
import { ApiDeviceAdministrator } from './device-administrator';
import { ApiLicenseActivationServer } from './license-activation-server';
import { ApiEcoStruxureSalesDesk } from './sales-desk';

export { ApiDeviceAdministrator, ApiEcoStruxureControlPlane, ApiEcoStruxureSalesDesk, ApiLicenseActivationServer };

/** Every EcoStruxure surface through the emulator's REST routes, over one HTTP client and the target's transport. */
export function apiEcoStruxureSurfaces(baseUrl: string, transport: Transport = globalFetch): EcoStruxureSurfaces {
  const http = new EcoStruxureOperatorClient(baseUrl, transport);
  return {
    salesDesk: new ApiEcoStruxureSalesDesk(http),
    deviceAdministrator: new ApiDeviceAdministrator(http),
    activationServer: new ApiLicenseActivationServer(http),
    controlPlane: new ApiEcoStruxureControlPlane(http),
  };
}
