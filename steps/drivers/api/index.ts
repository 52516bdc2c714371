import { globalFetch, HttpClient, type Transport } from '../http-client';
import type { SmartServerSurfaces } from '../surfaces';
import { ApiCloudLicensing } from './cloud-licensing';
import { ApiControlPlane } from './control-plane';
import { ApiCustomerPortal } from './customer-portal';
import { ApiCustomerSuccess } from './customer-success';
import { ApiOrderDesk } from './order-desk';
import { ApiPartnerPortal } from './partner-portal';
import { ApiSmartServerCms } from './smartserver-cms';
import { ApiSmartServerDevices } from './smartserver-devices';
import { ApiSmartServerSystem } from './smartserver-system';

export {
  ApiCloudLicensing,
  ApiControlPlane,
  ApiCustomerPortal,
  ApiCustomerSuccess,
  ApiOrderDesk,
  ApiPartnerPortal,
  ApiSmartServerCms,
  ApiSmartServerDevices,
  ApiSmartServerSystem,
};

/** Every SmartServer surface through the REST API, over one HTTP client and the target's transport. */
export function apiSurfaces(baseUrl: string, transport: Transport = globalFetch): SmartServerSurfaces {
  const http = new HttpClient(baseUrl, transport);
  return {
    orderDesk: new ApiOrderDesk(http),
    partnerPortal: new ApiPartnerPortal(http),
    customerPortal: new ApiCustomerPortal(http),
    customerSuccess: new ApiCustomerSuccess(http),
    cms: new ApiSmartServerCms(http),
    cloud: new ApiCloudLicensing(http),
    devices: new ApiSmartServerDevices(http),
    system: new ApiSmartServerSystem(http),
    controlPlane: new ApiControlPlane(http),
  };
}
