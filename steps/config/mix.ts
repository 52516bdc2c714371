import { ConfigError, expandAddress, type Placement, type SurfaceDriver, type TargetSpec } from './project-config';
import { describeLocation, hasAdmin, placeKey, type Location } from './location';
import { PAGE_SURFACES, type Preset } from './presets';
import { DRIVEN_SURFACES, SYSTEMS, type DrivenSurface, type SystemName } from './systems';

/** A tag the mix leaves out, and why. */
export interface LeftOut {
  /** A cucumber tag expression selecting the scenarios left out. */
  expression: string;
  reason: string;
}

/** One run's systems and surfaces, checked to hold together: what the hooks start and the drivers use. */
export interface Mix {
  name: string;
  description: string;
  systems: Record<SystemName, Location>;
  surfaces: Record<DrivenSurface, SurfaceDriver>;
  cloudAdapter?: string;
  tags?: string;
  reference?: string;
  /** Browser locators replaced for the team's own screens (the configuration's "locators"). */
  locators?: Record<string, string>;
  leftOut: LeftOut[];
}

/** The environment variable through which `sslab conformance` hands the cucumber run its resolved mix. */
export const MIX_VARIABLE = 'SSLAB_MIX';

function locationOf(placement: Placement | undefined): Location {
  if (placement === undefined || placement === 'in-process') return { kind: 'in-process' };
  if (placement === 'emulator') return { kind: 'emulator', admin: true };
  return { kind: 'url', url: placement.url, admin: placement.admin === true };
}

const ENOCEAN = 'not @area:ecostruxure';

/** The scenarios a mix cannot run: those needing a control plane or clock that a system placed elsewhere does not offer. */
function leftOutBy(systems: Record<SystemName, Location>): LeftOut[] {
  const leftOut: LeftOut[] = [];
  const without = (names: SystemName[]) => names.filter((name) => !hasAdmin(systems[name]));
  // "vendor and smartservers (a stand-in …)": systems in one place are named together.
  const where = (names: SystemName[]) => {
    const byPlace = new Map<string, SystemName[]>();
    for (const name of names) byPlace.set(describeLocation(systems[name]), [...(byPlace.get(describeLocation(systems[name])) ?? []), name]);
    return [...byPlace].map(([place, together]) => `${together.join(' and ')} (${place})`).join(' nor ');
  };
  const enocean = without(['vendor', 'smartservers']);
  if (enocean.length > 0) {
    leftOut.push({
      expression: `@backoffice and ${ENOCEAN}`,
      reason: `setting up orders or SmartServers needs the back office and the control plane, not offered by ${where(enocean)}`,
    });
    leftOut.push({ expression: `@clock and ${ENOCEAN}`, reason: `moving the virtual clock needs the control plane, not offered by ${where(enocean)}` });
  }
  if (!hasAdmin(systems.smartservers)) {
    leftOut.push({
      expression: `@faults and ${ENOCEAN}`,
      reason: `injecting faults on the SmartServers' way to the cloud needs the control plane, not offered by ${where(['smartservers'])}`,
    });
  }
  if (!hasAdmin(systems.ecostruxure)) {
    leftOut.push({
      expression: '@area:ecostruxure and (@backoffice or @clock or @faults)',
      reason: `setting EcoStruxure up needs its control plane, not offered by ${where(['ecostruxure'])}`,
    });
  }
  return leftOut;
}

/** The tag expression a run uses: its own and the user's, less what the mix leaves out. */
export function tagExpression(mix: Mix, userTags?: string): string | undefined {
  const parts = [mix.tags, userTags].filter((t): t is string => Boolean(t)).map((t) => `(${t})`);
  for (const { expression } of mix.leftOut) parts.push(`not (${expression})`);
  return parts.length > 0 ? parts.join(' and ') : undefined;
}

/** A preset's mix: presets hold together by construction. */
export function presetMix(name: string, preset: Preset): Mix {
  const surfaces = Object.fromEntries(DRIVEN_SURFACES.map((surface) => [surface, preset.surfaces[surface] ?? 'api'])) as Record<DrivenSurface, SurfaceDriver>;
  return { name, description: preset.description, systems: preset.systems, surfaces, tags: preset.tags, leftOut: leftOutBy(preset.systems) };
}

/**
 * A configured target's mix, or a ConfigError naming each part that cannot hold together and
 * how to mend it. `file` is the configuration the target came from.
 */
export function resolveMix(name: string, spec: TargetSpec, file: string): Mix {
  const at = `targets.${name}`;
  const issues: string[] = [];
  const systems = Object.fromEntries(
    SYSTEMS.map((system) => {
      const location = locationOf(spec.systems[system]);
      if (location.kind !== 'url') return [system, location];
      const expanded = expandAddress(location.url, `${at}.systems.${system}`);
      if ('issue' in expanded) issues.push(expanded.issue);
      return [system, 'url' in expanded ? { ...location, url: expanded.url } : location];
    }),
  ) as Record<SystemName, Location>;
  if (issues.length > 0) throw new ConfigError(file, issues);
  const surfaces = Object.fromEntries(DRIVEN_SURFACES.map((surface) => [surface, spec.surfaces[surface] ?? 'api'])) as Record<DrivenSurface, SurfaceDriver>;

  for (const surface of DRIVEN_SURFACES) {
    if (surfaces[surface] !== 'browser') continue;
    if (!(PAGE_SURFACES as readonly string[]).includes(surface)) {
      issues.push(
        `${at}.surfaces.${surface}: has no web pages to drive; use "api" or your own driver module (surfaces with pages: ${PAGE_SURFACES.join(', ')})`,
      );
    }
  }

  const vendor = systems.vendor;
  const smartservers = systems.smartservers;
  const together = placeKey(vendor) === placeKey(smartservers);
  if (!together) {
    if (smartservers.kind === 'url' && vendor.kind !== 'url') {
      issues.push(
        `${at}.systems: SmartServers at ${smartservers.url} reach their own licensing cloud, so an emulated vendor side would hold licenses they never see; place "vendor" at the URL of the portals and cloud they use`,
      );
    } else if (smartservers.kind === 'emulator') {
      issues.push(
        `${at}.systems: SmartServers in a spawned emulator reach only that emulator's own cloud; place "smartservers" "in-process" to have them reach a vendor side ${describeLocation(vendor)}, or place both at "emulator"`,
      );
    } else if (smartservers.kind === 'in-process' && vendor.kind === 'url' && !spec.cloudAdapter) {
      issues.push(
        `${at}.cloudAdapter: the SmartServers emulated in-process need a way to the licensing cloud at ${vendor.url}; name a module whose default export makes the port (see "Writing a cloud adapter" in the README)`,
      );
    }
  } else if (spec.cloudAdapter) {
    issues.push(
      `${at}.cloudAdapter: the SmartServers share one emulator with the vendor side and reach its cloud directly; remove "cloudAdapter", or place the systems apart`,
    );
  }
  if (issues.length > 0) throw new ConfigError(file, issues);

  const placed = SYSTEMS.map((system) => `${system}: ${describeLocation(systems[system])}`).join('; ');
  const driven = DRIVEN_SURFACES.filter((surface) => surfaces[surface] !== 'api').map((surface) => `${surface} through ${driverWord(surfaces[surface])}`);
  return {
    name,
    description: spec.description ?? `${placed}${driven.length ? `; ${driven.join(', ')}` : ''}`,
    systems,
    surfaces,
    cloudAdapter: spec.cloudAdapter,
    tags: spec.tags,
    reference: spec.reference,
    leftOut: leftOutBy(systems),
  };
}

export function driverWord(driver: SurfaceDriver): string {
  return typeof driver === 'string' ? (driver === 'api' ? 'the API' : 'the browser') : driver.module;
}

export { describeLocation, hasAdmin, placeKey, type Location };
