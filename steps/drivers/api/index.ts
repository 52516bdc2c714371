import { globalFetch, HttpClient, type Transport } from '../http-client';
import type { SmartServerSurfaces } from '../surfaces';
import { ApiCloudLicensing } from './cloud-licensing';
import { ApiControlPlane } from './control-plane';
import { ApiCustomerPortal } from './customer-portal';
import { ApiCustomerSuccess } from './customer-success';
import { ApiOrderDesk } from './order-desk';
import { ApiPartnerPortal } from './partner-portal';
import { ApiSmartServerCms } from './smartserver-cms';
import { ApiSmartServerDatapoints } from './smartserver-datapoints';
import { ApiSmartServerDevices } from './smartserver-devices';
import { ApiSmartServerMq } from './smartserver-mq';
import { ApiSmartServerSystem } from './smartserver-system';

export {
  ApiCloudLicensing,
  ApiControlPlane,
  ApiCustomerPortal,
  ApiCustomerSuccess,
  ApiOrderDesk,
  ApiPartnerPortal,
  ApiSmartServerCms,
  ApiSmartServerDatapoints,
  ApiSmartServerDevices,
  ApiSmartServerMq,
  ApiSmartServerSystem,
};

/**
 * Every SmartServer surface through the REST API, over one HTTP client and the target's transport;
 * IAP/MQ through an MQTT client, at `mqttUrl` when the run knows where the broker is.
 */
export function apiSurfaces(baseUrl: string, transport: Transport = globalFetch, mqttUrl?: string): SmartServerSurfaces {
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
    datapoints: new ApiSmartServerDatapoints(http),
    iapMq: new ApiSmartServerMq(http, mqttUrl),
    controlPlane: new ApiControlPlane(http),
  };
}
