import type { Device } from '../../../emulator/services/smartserver';
import type { CmsSession } from './types';

export type DeviceSummary = Omit<Device, 'uid'>;

/** Provision states as the device list filters them. */
export type ProvisionState = 'PROVISIONED' | 'UNPROVISIONED' | 'PROVISIONING' | 'UNPROVISIONING';

export type DeviceHealth = 'normal' | 'marginal' | 'suspect' | 'down';

/**
 * The devices of an EnOcean SmartServer: the CMS's Devices widget, its REST device paths, and what
 * the devices themselves report. Whether a device is licensed depends on the SmartServer's capacity.
 */
export interface SmartServerDevices {
  /** The device list, optionally filtered to some provision states. */
  list(session: CmsSession, provisionStates?: ProvisionState[]): Promise<DeviceSummary[]>;
  /** Runs a device action (provision, deprovision, read datapoints, …); an unlicensed device refuses most. */
  operate(session: CmsSession, deviceId: number, action: string): Promise<DeviceSummary>;
  /** Creates, discovers or imports a device. */
  add(session: CmsSession, name: string, protocol: string, origin?: 'create' | 'discover' | 'import'): Promise<DeviceSummary>;
  /** How many devices are in the given provision states (all when none are given). */
  count(session: CmsSession, provisionStates?: ProvisionState[]): Promise<number>;
  /** A device reports its own health. */
  reportHealth(session: CmsSession, deviceId: number, health: DeviceHealth): Promise<DeviceSummary>;
  /** A device answers a provisioning request (only while the control plane makes provisioning wait for it). */
  reportProvisioning(session: CmsSession, deviceId: number, outcome: 'succeeded' | 'failed'): Promise<DeviceSummary>;
}
