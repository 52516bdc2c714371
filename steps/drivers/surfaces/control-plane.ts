import type { CreatedSmartServer, NewSmartServer } from '../../../emulator/services/smartserver';
import type { Faults, TransitionCount } from '../../../emulator/control-plane/schemas';
export type SmartServerSpec = NewSmartServer;

export type { CreatedSmartServer };

/** A SmartServer a scenario knows: made through the control plane, or on record in the system under test (then without a hostname). */
export type KnownSmartServer = Pick<CreatedSmartServer, 'installCode' | 'name' | 'users'> & Partial<Pick<CreatedSmartServer, 'hostname'>>;

/** Faults on the SmartServers' path to the licensing cloud. */
export type CloudFaults = Partial<Faults['cloud']>;

/** A machine transition the emulator performed, with how often (GET /_emulator/coverage). */
export type { TransitionCount };

/**
 * The emulator's test-only control plane (/_emulator): what no vendor system offers but a test
 * needs, such as a fresh start, a fleet of SmartServers, a virtual clock and injected faults. Real
 * services have none; the scenarios that need it are tagged so that a real run leaves them out.
 */
export interface ControlPlane {
  /** Puts the system back to its seed; every scenario starts from there. */
  reset(): Promise<void>;
  /** Builds a SmartServer with its release, devices and CMS users. */
  addSmartServer(spec: SmartServerSpec): Promise<CreatedSmartServer>;
  /** Cuts or restores a SmartServer's Internet connection. */
  setOnline(installCode: string, online: boolean): Promise<void>;
  /** Sets the virtual clock; answers the date it now shows. */
  setDate(date: string): Promise<string>;
  /** Moves the virtual clock on by some days; answers the new date. */
  advanceDays(days: number): Promise<string>;
  /** Makes the licensing cloud slow or failing for the SmartServers, or (with null) well again. */
  setCloudFaults(faults: CloudFaults | null): Promise<CloudFaults>;
  /** Makes a SmartServer's devices finish provisioning only when they report back, or at once (the default). */
  setProvisioningWaits(installCode: string, waitForReport: boolean): Promise<void>;
  /** The machine transitions the emulator performed so far, for the conformance report's coverage. */
  transitions(): Promise<TransitionCount[]>;
}
