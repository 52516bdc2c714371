import type { CmsSession } from './types';

export interface DeviceSummary {
  id: number;
  name: string;
  protocol: string;
  state: string;
  colour: string;
  licensed: boolean;
  /** Provision state (lowercase) and health as /iap/devs reports them. */
  status?: { state: string; health: string };
  /** Emulator extension: the licence flag a device waits for before it is provisioned. */
  lic?: { licensed: boolean };
}

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
