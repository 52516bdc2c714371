import { refuse, type Refusal } from './refusal';
import { licensedCapacity, type HeldLicense } from './smartserver';
import { compareVersions, formatVersion, needsLicensing, type Version } from './versions';

/**
 * What a SmartServer may do given its release, its edition and the licenses it holds, apart from
 * the device machine: whether licensing applies at all, what a SmartServer Pi needs before it
 * handles devices, and which built-in features run without a capacity license.
 */
export interface SmartServerFacts {
  installCode: string;
  edition: 'standard' | 'pi';
  version: Version;
  licenses: readonly HeldLicense[];
}

const LON_ON_PI = { major: 4, minor: 3, update: 0 };

/**
 * Capacity the devices may use; releases without license management (up to 3.2) admit every device.
 * `licensed` is licensedCapacity(facts.licenses), when the caller keeps it.
 */
export function admittedCapacity(facts: Pick<SmartServerFacts, 'version' | 'licenses'>, licensed?: number): number {
  return needsLicensing(facts.version) ? (licensed ?? licensedCapacity(facts.licenses)) : Number.POSITIVE_INFINITY;
}

export function holdsCore(licenses: readonly HeldLicense[]): boolean {
  return licenses.some((l) => l.kind === 'core');
}

/**
 * Whether the SmartServer reaches its devices and runs its scheduler and data logging. Without any
 * capacity (never licensed, or every license returned to the cloud) it does not [inferred from the
 * Licenses REST page: after returning all licenses devices are inaccessible and both stop].
 */
export function devicesReachable(facts: Pick<SmartServerFacts, 'version' | 'licenses'>): boolean {
  return admittedCapacity(facts) > 0;
}

export function licenseManagementRefusal(facts: Pick<SmartServerFacts, 'installCode' | 'version'>): Refusal | undefined {
  if (needsLicensing(facts.version)) return undefined;
  return refuse(
    'no-license-management',
    'state',
    `SmartServer ${facts.installCode} runs release ${formatVersion(facts.version)}, which has no license management (it starts with 3.3); its devices need no license. Install 3.3 or later to use licenses.`,
  );
}

export type DeviceOrigin = 'create' | 'discover' | 'import';
export const DEVICE_ORIGINS: readonly DeviceOrigin[] = ['create', 'discover', 'import'];

/**
 * Adding a device by creating, discovering or importing it. Creating is allowed for unlicensed
 * devices (they show purple). A SmartServer Pi needs its Core license first, and handles LON only
 * from release 4.3 [Core gating inferred: the Core license is documented to cover these features].
 */
export function deviceCreationRefusal(facts: SmartServerFacts, protocol: string, origin: DeviceOrigin): Refusal | undefined {
  if (facts.edition !== 'pi') return undefined;
  if (!holdsCore(facts.licenses)) {
    return refuse(
      'core-license-required',
      'state',
      `SmartServer Pi ${facts.installCode} needs its Core license (SSPI-CORE) before it can ${origin} devices; activate the Core license in Manage Licenses first.`,
    );
  }
  if (protocol === 'lon' && compareVersions(facts.version, LON_ON_PI) < 0) {
    return refuse(
      'lon-needs-pi-4.3',
      'rule',
      `SmartServer Pi supports LON devices from release 4.3 on (LON PL excepted); ${facts.installCode} runs ${formatVersion(facts.version)}. Install 4.3 or later first.`,
    );
  }
  return undefined;
}

export type Feature = 'lon-rni' | 'lon-routing' | 'bacnet-routing' | 'scheduler' | 'data-logging';
export const ROUTING_FEATURES: readonly Feature[] = ['lon-rni', 'lon-routing', 'bacnet-routing'];
export const FEATURES: readonly Feature[] = [...ROUTING_FEATURES, 'scheduler', 'data-logging'];

export interface FeatureAvailability {
  feature: Feature;
  available: boolean;
  /** Why it is not available, and the way out. */
  reason?: string;
}

/**
 * LON RNI, LON routing and BACnet routing work without a capacity license; the scheduler and data
 * logging need reachable devices. On a SmartServer Pi everything needs the Core license, and the LON
 * features release 4.3 [Pi gating inferred].
 */
export function featureAvailability(facts: SmartServerFacts, feature: Feature): FeatureAvailability {
  const isLon = feature === 'lon-rni' || feature === 'lon-routing';
  if (facts.edition === 'pi' && !holdsCore(facts.licenses)) {
    return { feature, available: false, reason: `SmartServer Pi ${facts.installCode} needs its Core license (SSPI-CORE) for ${feature}.` };
  }
  if (facts.edition === 'pi' && isLon && compareVersions(facts.version, LON_ON_PI) < 0) {
    return { feature, available: false, reason: `SmartServer Pi supports LON from release 4.3 on; this one runs ${formatVersion(facts.version)}.` };
  }
  if ((feature === 'scheduler' || feature === 'data-logging') && !devicesReachable(facts)) {
    return {
      feature,
      available: false,
      reason: `SmartServer ${facts.installCode} holds no device capacity license, so its devices are unreachable; activate a capacity license.`,
    };
  }
  return { feature, available: true };
}
