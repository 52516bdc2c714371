import type { ReleaseInstalled as ApiReleaseInstalled, SmartServerFeature, SystemReset as ApiSystemReset } from '../../../emulator/services/smartserver';
import type { CmsSession } from './types';

export type ReleaseInstalled = Omit<ApiReleaseInstalled, 'installCode'>;

export type SystemReset = Omit<ApiSystemReset, 'installCode'>;

export type { SmartServerFeature };

/**
 * An EnOcean SmartServer's system administration, as its Owner performs it: software releases and
 * re-imaging, the two resets, and the built-in features; each says which licenses survive it.
 */
export interface SmartServerSystem {
  /** Installs a software release, or re-images the SmartServer with it. */
  installRelease(session: CmsSession, version: string, options?: { reimage?: boolean }): Promise<ReleaseInstalled>;
  /** Resets the SmartServer's databases. */
  resetDatabases(session: CmsSession): Promise<SystemReset>;
  /** Restores the factory settings. */
  restoreFactorySettings(session: CmsSession): Promise<SystemReset>;
  /** The built-in features (LON RNI and routing, BACnet routing, scheduler, data logging) and whether they run. */
  features(session: CmsSession): Promise<SmartServerFeature[]>;
  /** Switches a routing feature on or off; a feature that runs by itself, or is not available here, is refused. */
  switchFeature(session: CmsSession, feature: string, enabled: boolean): Promise<SmartServerFeature>;
}
