import type { CmsUserType } from './tokens';

/** Words several services and their API shapes share: device protocols, provision states and health, CMS user types. */
export type Protocol = 'lon' | 'bacnet' | 'modbus';
export const PROTOCOLS: readonly Protocol[] = ['lon', 'bacnet', 'modbus'];
export type ProvisionState = 'unprovisioned' | 'provisioning' | 'provisioned' | 'unprovisioning';
export const PROVISION_STATES: readonly ProvisionState[] = ['provisioned', 'unprovisioned', 'provisioning', 'unprovisioning'];
export type DeviceHealth = 'normal' | 'marginal' | 'suspect' | 'down';
export const DEVICE_HEALTHS: readonly DeviceHealth[] = ['normal', 'marginal', 'suspect', 'down'];
export const USER_TYPES: readonly CmsUserType[] = ['Owner', 'Admin', 'Supervisor', 'User'];
