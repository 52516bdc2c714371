import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { describeLocation, driverWord, hasAdmin, placeKey, presetMix, resolveMix, type Mix } from '../steps/config/mix';
import { PRESET_NAMES, presets } from '../steps/config/presets';
import { ConfigError, checkProjectConfig, type ProjectConfig, type TargetSpec } from '../steps/config/project-config';
import { SYSTEMS, SURFACE_SYSTEM, DRIVEN_SURFACES } from '../steps/config/systems';
import { apiSurfaces } from '../steps/drivers/api';
import { LocatorOverrideError, withLocatorOverrides } from '../steps/drivers/browser/locators';
import { apiEcoStruxureSurfaces } from '../steps/drivers/api/ecostruxure';
import { loadCloudAdapter, loadSurfaceDriver } from '../steps/support/driver-modules';
import { seedReference } from '../steps/support/reference-data';
import { UsageError } from './args';
import { type CucumberProfile, PACKAGE_ROOT, packageProfiles, projectProfiles } from './cucumber-profiles';
import type { RunPlace } from './project';

/** Every target a run can name: the presets, then the project's own. */
export function knownTargets(config: ProjectConfig): string[] {
  return [...PRESET_NAMES, ...Object.keys(config.targets)];
}

/**
 * The mixes the named targets stand for: a preset (`url` pointing the emulator and browser presets
 * at a running emulator, SSLAB_REAL_URL the real one at the services), or a target of the project's
 * configuration, checked to hold together.
 */
export function planRuns(names: string[], config: ProjectConfig, url?: string, overrides: Overrides = {}): Mix[] {
  const known = knownTargets(config);
  const overridden = Boolean(overrides.systems || overrides.surfaces);
  return names.map((name) => {
    if ((PRESET_NAMES as readonly string[]).includes(name)) {
      const preset = name as (typeof PRESET_NAMES)[number];
      const at = preset === 'real' ? process.env.SSLAB_REAL_URL || undefined : preset === 'mock' ? undefined : url;
      const mix = presetMix(preset, presets(at)[preset]);
      return withLocators(overridden ? resolveMix(name, overrideSpec(name, specOf(mix), overrides), '--systems and --surfaces') : mix, config);
    }
    const spec = config.targets[name];
    if (!spec) throw new UsageError(`unknown target "${name}"; use ${known.join(', ')}${config.file ? '' : ' (targets of your own go in sslab.config.json)'}`);
    return withLocators(resolveMix(name, overrideSpec(name, spec, overrides), config.file!), config);
  });
}

/** What --systems and --surfaces say, as `name=value,…`: they replace the target's own settings. */
export interface Overrides {
  systems?: string;
  surfaces?: string;
}

/** A preset's mix in the configuration's words, to apply command-line overrides to. */
function specOf(mix: Mix): TargetSpec {
  const systems: TargetSpec['systems'] = {};
  for (const system of SYSTEMS) {
    const location = mix.systems[system];
    if (location.kind === 'emulator' && !location.admin)
      throw new UsageError("--systems and --surfaces do not apply to the real preset's stand-in; set SSLAB_REAL_URL or use a target of your own");
    systems[system] = location.kind === 'url' ? { url: location.url, admin: location.admin } : location.kind;
  }
  return { description: mix.description, systems, surfaces: { ...mix.surfaces }, tags: mix.tags };
}

/** The target with the command line's systems and surfaces in place of its own, each checked as the file's would be. */
function overrideSpec(name: string, spec: TargetSpec, overrides: Overrides): TargetSpec {
  const pairs = (flag: string, text: string | undefined) =>
    (text ?? '')
      .split(',')
      .map((pair) => pair.trim())
      .filter(Boolean)
      .map((pair) => {
        const at = pair.indexOf('=');
        if (at <= 0)
          throw new UsageError(
            `--${flag} takes name=value pairs separated by commas, such as vendor=https://staging.example,smartservers=in-process; "${pair}" is not one`,
          );
        return [pair.slice(0, at), pair.slice(at + 1)] as const;
      });
  const systems = Object.fromEntries(
    pairs('systems', overrides.systems).map(([system, where]) => [
      system,
      where === 'in-process' || where === 'emulator' ? where : { url: where, admin: false },
    ]),
  );
  const surfaces = Object.fromEntries(pairs('surfaces', overrides.surfaces));
  if (Object.keys(systems).length === 0 && Object.keys(surfaces).length === 0) return spec;
  const raw = { ...spec, systems: { ...spec.systems, ...systems }, surfaces: { ...spec.surfaces, ...surfaces } };
  const surfacesRaw = Object.fromEntries(
    Object.entries(raw.surfaces).map(([surface, driver]) => [surface, typeof driver === 'object' ? driver.module : driver]),
  );
  const checked = checkProjectConfig({ targets: { [name]: { ...raw, surfaces: surfacesRaw } } }, '--systems and --surfaces', []);
  return checked.targets[name];
}

/** The mix with the configuration's locator overrides, refused at once when one names no locator. */
function withLocators(mix: Mix, config: ProjectConfig): Mix {
  if (Object.keys(config.locators).length === 0) return mix;
  try {
    withLocatorOverrides(config.locators);
  } catch (error) {
    if (error instanceof LocatorOverrideError) throw new ConfigError(config.file!, [`locators: ${error.message}`]);
    throw error;
  }
  return { ...mix, locators: config.locators };
}

/**
 * What can be found wrong before any scenario runs: a driver or cloud adapter module that does not
 * load or lacks an operation, and a system at a URL that does not answer. Each issue names the
 * setting, the file and the fix.
 */
export async function checkMixAtStart(mix: Mix, configFile = 'the presets'): Promise<void> {
  const issues: string[] = [];
  const at = `targets.${mix.name}`;
  const stand = 'http://127.0.0.1:9';
  const api = apiSurfaces(stand);
  const ecostruxure = apiEcoStruxureSurfaces(stand);
  const reference = seedReference();
  for (const surface of DRIVEN_SURFACES) {
    const driver = mix.surfaces[surface];
    if (typeof driver === 'string') continue;
    const viaApi = surface.startsWith('ecostruxure.')
      ? ecostruxure[surface.slice('ecostruxure.'.length) as 'salesDesk']
      : api[surface as Exclude<typeof surface, `ecostruxure.${string}`>];
    try {
      loadSurfaceDriver(driver.module, { surface, baseUrl: stand, api: viaApi as object, reference, fetch });
    } catch (error) {
      issues.push(`${at}.${(error as Error).message}`);
    }
  }
  for (const system of SYSTEMS) {
    const location = mix.systems[system];
    if (location.kind !== 'url' || SYSTEMS.slice(0, SYSTEMS.indexOf(system)).some((s) => placeKey(mix.systems[s]) === placeKey(location))) continue;
    const problem = await unreachable(location.url);
    if (problem) issues.push(`${at}.systems.${system}: ${location.url} cannot be reached (${problem}); check the address, or start the system first`);
  }
  if (mix.cloudAdapter && issues.length === 0) {
    const vendor = mix.systems.vendor;
    try {
      await loadCloudAdapter(mix.cloudAdapter, { vendorUrl: vendor.kind === 'url' ? vendor.url : stand });
    } catch (error) {
      issues.push(`${at}.${(error as Error).message}`);
    }
  }
  if (issues.length > 0) throw new ConfigError(configFile, issues);
}

/** Why nothing answers at `url`, or undefined when something does (any HTTP answer will do). */
async function unreachable(url: string): Promise<string | undefined> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(5_000), redirect: 'manual' });
    return undefined;
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? (error as Error).message;
  }
}

/** The surfaces of a mix that reach a system the run does not reset, for the console. */
export function describeMix(mix: Mix): string[] {
  const lines = SYSTEMS.map((system) => {
    const location = mix.systems[system];
    const driven = DRIVEN_SURFACES.filter((surface) => SURFACE_SYSTEM[surface] === system && mix.surfaces[surface] !== 'api');
    const how = driven.map((surface) => `${surface} through ${driverWord(mix.surfaces[surface])}`);
    const noControlPlane = location.kind === 'url' && !hasAdmin(location) ? ' (no control plane)' : '';
    return `  ${system}: ${describeLocation(location)}${noControlPlane}${how.length ? `; ${how.join(', ')}` : ''}`;
  });
  for (const { expression, reason } of mix.leftOut) lines.push(`  left out, ${expression}: ${reason}`);
  return lines;
}

/**
 * How many cucumber workers a run uses: one per core for a mix that drives pages in a browser, when
 * every system is one the run starts itself (each worker then starts its own, with its own control
 * plane to reset, so scenarios running side by side cannot see each other's data); one otherwise.
 * A browser scenario spends most of its time waiting on the page and the emulator, which the other
 * worker's scenario fills.
 */
export function workersFor(mix: Mix, cores = availableParallelism()): number {
  const drivesPages = Object.values(mix.surfaces).includes('browser');
  const ownSystems = Object.values(mix.systems).every((location) => location.kind !== 'url' && hasAdmin(location));
  return drivesPages && ownSystems ? Math.max(1, cores) : 1;
}

/**
 * The cucumber configuration for one run, written beside its reports: the bundled support code
 * and features (with a project's own steps and features added), or for a shard its own feature
 * files, its reports under `<reports>/<run>/`, and its workers (`workersFor`). Answers the path as
 * cucumber takes it.
 */
export function writeCucumberConfig(mix: Mix, place: RunPlace, features?: string[]): string {
  const base = place.config ? projectProfiles(place.config).default : absolute(packageProfiles().default);
  const dir = join(place.reports, mix.name);
  mkdirSync(dir, { recursive: true });
  const profile: CucumberProfile = {
    ...base,
    paths: features ?? base.paths,
    format: [
      'progress',
      `html:${join(dir, 'cucumber.html')}`,
      `json:${join(dir, 'cucumber.json')}`,
      `junit:${join(dir, 'cucumber-junit.xml')}`,
      `message:${join(dir, 'cucumber.ndjson')}`,
    ],
    formatOptions: { junit: { suiteName: `conformance (${mix.name})` } },
    worldParameters: {},
  };
  const workers = workersFor(mix);
  if (workers > 1) profile.parallel = workers;
  delete profile.tags;
  const file = join(dir, 'cucumber.config.json');
  writeFileSync(file, `${JSON.stringify({ default: profile }, null, 2)}\n`);
  // cucumber reads --config relative to its working folder, even when the path is absolute.
  return relative(place.cwd, file);
}

/** The package's own profile with its support code and features named by absolute paths. */
function absolute(profile: CucumberProfile): CucumberProfile {
  return {
    ...profile,
    require: (profile.require ?? []).map((glob) => join(PACKAGE_ROOT, glob)),
    paths: (profile.paths ?? []).map((glob) => join(PACKAGE_ROOT, glob)),
  };
}
