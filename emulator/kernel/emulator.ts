import type { CloudFaults } from './cloud-faults';
import type { CoreContext } from './context';
import type { LicensingCloudPort } from './ports';

/** The domain core, assembled: one database, one virtual clock, the cloud and its services. */
export interface Emulator {
  ctx: CoreContext;
  cloud: LicensingCloudPort;
  /** Faults injected into the SmartServers' path to the cloud (test control plane). */
  faults: CloudFaults;
  dataFile: string;
  /** Where its IAP/MQ broker is, once the runtime started one or connected to one (see runtime/iap-mq.ts). */
  iapMq?: { url: string; embedded: boolean; settled(): Promise<void> };
  reset(): void;
  close(): void;
}
