import type { CloudFaults } from './cloud-faults';
import type { CoreContext } from './context';
import type { LicensingCloudPort } from './ports';
import type { EmulatorState } from './state';

/** The domain core, assembled: one database, one virtual clock, the cloud and its services. */
export interface Emulator {
  ctx: CoreContext;
  cloud: LicensingCloudPort;
  /** Faults injected into the SmartServers' path to the cloud (test control plane). */
  faults: CloudFaults;
  dataFile: string;
  /** Where its IAP/MQ broker is, once the runtime started one or connected to one (see runtime/iap-mq.ts). */
  iapMq?: {
    url: string;
    embedded: boolean;
    settled(): Promise<void>;
    /** QoS 0 messages the embedded broker dropped because their subscriber's queue was full. */
    dropped(): number;
  };
  /** Back to the seed (or empty), the clock at its start, no faults; the keys stay. */
  reset(): void;
  /** The whole state as it is now, keys included. */
  capture(): EmulatorState;
  /**
   * Replaces the whole state with `state` in one transaction, or refuses (problem details naming
   * what does not fit) and changes nothing. Sessions signed with other keys end.
   */
  restore(state: EmulatorState): void;
  close(): void;
}
