import type { CloudLicensing } from './cloud-licensing';
import type { ControlPlane } from './control-plane';
import type { CustomerPortal } from './customer-portal';
import type { CustomerSuccess } from './customer-success';
import type { OrderDesk } from './order-desk';
import type { PartnerPortal } from './partner-portal';
import type { SmartServerCms } from './smartserver-cms';
import type { SmartServerDatapoints } from './smartserver-datapoints';
import type { SmartServerDevices } from './smartserver-devices';
import type { SmartServerMq } from './smartserver-mq';
import type { SmartServerSystem } from './smartserver-system';

export type * from './cloud-licensing';
export type * from './control-plane';
export type * from './customer-portal';
export type * from './customer-success';
export type * from './order-desk';
export type * from './partner-portal';
export type * from './smartserver-cms';
export type * from './smartserver-datapoints';
export type * from './smartserver-devices';
export type * from './smartserver-mq';
export type * from './smartserver-system';
export type * from './types';

/**
 * Every surface of EnOcean's SmartServer licensing, by the name the World gives its driver. A
 * target can drive each one its own way: through the REST API, through web pages, or through a
 * team's own system.
 */
export interface SmartServerSurfaces {
  orderDesk: OrderDesk;
  partnerPortal: PartnerPortal;
  customerPortal: CustomerPortal;
  customerSuccess: CustomerSuccess;
  cms: SmartServerCms;
  cloud: CloudLicensing;
  devices: SmartServerDevices;
  system: SmartServerSystem;
  datapoints: SmartServerDatapoints;
  iapMq: SmartServerMq;
  controlPlane: ControlPlane;
}

export type SurfaceName = keyof SmartServerSurfaces;

export const SURFACE_NAMES = [
  'orderDesk',
  'partnerPortal',
  'customerPortal',
  'customerSuccess',
  'cms',
  'cloud',
  'devices',
  'system',
  'datapoints',
  'iapMq',
  'controlPlane',
] as const satisfies readonly SurfaceName[];
