import type { EcoStruxureSurfaceName } from '../drivers/surfaces/ecostruxure';
import type { SurfaceName } from '../drivers/surfaces';

/**
 * The systems a run can place apart. Surfaces that share state belong to one system: the vendor
 * side (its order desk feeds the partner portal, which feeds the customer portal and the licensing
 * cloud), the SmartServers (each one's CMS, devices and software, and its way to that cloud), and
 * EcoStruxure's licensing.
 */
export const SYSTEMS = ['vendor', 'smartservers', 'ecostruxure'] as const;
export type SystemName = (typeof SYSTEMS)[number];

/** A surface a team can drive its own way; the control planes are the emulator's and stay on its API. */
export type DrivenSurface = Exclude<SurfaceName, 'controlPlane'> | `ecostruxure.${Exclude<EcoStruxureSurfaceName, 'controlPlane'>}`;

/** Which system each surface belongs to. */
export const SURFACE_SYSTEM: Readonly<Record<DrivenSurface, SystemName>> = {
  orderDesk: 'vendor',
  partnerPortal: 'vendor',
  customerPortal: 'vendor',
  customerSuccess: 'vendor',
  // The CMS's Manage Customer Accounts and cloud downloads: the SmartServer's side of the cloud.
  cloud: 'smartservers',
  cms: 'smartservers',
  devices: 'smartservers',
  system: 'smartservers',
  datapoints: 'smartservers',
  iapMq: 'smartservers',
  'ecostruxure.salesDesk': 'ecostruxure',
  'ecostruxure.deviceAdministrator': 'ecostruxure',
  'ecostruxure.activationServer': 'ecostruxure',
};

export const DRIVEN_SURFACES = Object.keys(SURFACE_SYSTEM) as DrivenSurface[];

export const surfacesOf = (system: SystemName): DrivenSurface[] => DRIVEN_SURFACES.filter((surface) => SURFACE_SYSTEM[surface] === system);
