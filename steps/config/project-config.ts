import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { suggestion } from './closest';
import { DRIVEN_SURFACES, SYSTEMS, type DrivenSurface, type SystemName } from './systems';

/** Where a system lives for a run. */
export type Placement =
  /** An emulator inside the test process: no socket, reset before every scenario. */
  | 'in-process'
  /** An emulator the run starts as a process and reaches over HTTP. */
  | 'emulator'
  /** A system already running: the team's staging, or an emulator someone started (`admin: true` when its control plane is on). */
  | { url: string; admin?: boolean };

/** How a surface is driven: its REST API, its web pages in headless Chromium, or a module of the team's own implementing its interface. */
export type SurfaceDriver = 'api' | 'browser' | { module: string };

/** One way of running the suite: where each system lives and how each surface is driven. */
export interface TargetSpec {
  description?: string;
  systems: Partial<Record<SystemName, Placement>>;
  surfaces: Partial<Record<DrivenSurface, SurfaceDriver>>;
  /** A module whose default export makes the port the emulated SmartServers reach the licensing cloud through. */
  cloudAdapter?: string;
  /** Only the scenarios matching this tag expression (cucumber's syntax). */
  tags?: string;
  /** A JSON file of the data the systems hold already (features/fixtures/readme.md); the seed's when emulated. */
  reference?: string;
}

/** A project's sslab.config.json, with paths made absolute. */
export interface ProjectConfig {
  /** The file it was read from, or undefined for the defaults. */
  file?: string;
  /** The folder paths in the file are relative to. */
  root: string;
  /** The team's own feature files (globs), run beside the bundled suite. */
  features: string[];
  /** The team's own step definitions and support code (globs); the bundled steps are always loaded. */
  steps: string[];
  /** Whether the bundled conformance suite runs too. */
  bundledSuite: boolean;
  /** Where reports are written. */
  reports: string;
  /** Targets of the team's own, beside the presets. */
  targets: Record<string, TargetSpec>;
  /** The targets `sslab conformance` runs when no --targets is given. */
  run: string[];
  /** Browser locators replaced for the team's own portal or CMS release, by locator key. */
  locators: Record<string, string>;
}

export const CONFIG_FILE = 'sslab.config.json';

/** A configuration that cannot be used, with every issue found, each naming the file, the field and the fix. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly issues: string[],
  ) {
    super(`${file}:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const TOP_LEVEL = ['$schema', 'features', 'steps', 'bundledSuite', 'reports', 'targets', 'run', 'locators'] as const;
const TARGET_FIELDS = ['description', 'systems', 'surfaces', 'cloudAdapter', 'tags', 'reference'] as const;
const PLACEMENT_WORDS = ['in-process', 'emulator'] as const;
const MODULE_EXTENSIONS = ['.ts', '.js', '.cjs', '.mjs', '.mts', '.cts'];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isModulePath = (text: string) => text.startsWith('./') || text.startsWith('../') || isAbsolute(text);

/** The defaults: the bundled suite, nothing of the team's own, reports under reports/out. */
export function defaultConfig(root: string): ProjectConfig {
  return { root, features: [], steps: [], bundledSuite: true, reports: join(root, 'reports', 'out'), targets: {}, run: [], locators: {} };
}

/**
 * Reads the project configuration: the file given, else sslab.config.json in `cwd` when there is
 * one, else the defaults. Every issue is reported at once, each with the field and the fix.
 */
export function readProjectConfig(cwd: string, file?: string, presets: readonly string[] = []): ProjectConfig {
  const path = file ? resolve(cwd, file) : join(cwd, CONFIG_FILE);
  if (!existsSync(path)) {
    if (file) throw new ConfigError(path, [`there is no such file; run "npx sslab init" to write a starter ${CONFIG_FILE}, or correct --config`]);
    return defaultConfig(cwd);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(path, [`is not valid JSON (${(error as Error).message})`]);
  }
  return checkProjectConfig(raw, path, presets);
}

/** The configuration `raw` describes, read from `path`, or a ConfigError listing what is wrong. */
export function checkProjectConfig(raw: unknown, path: string, presets: readonly string[] = []): ProjectConfig {
  const root = dirname(path);
  const issues: string[] = [];
  if (!isRecord(raw)) throw new ConfigError(path, ['must hold a JSON object, such as {"features": ["features/**/*.feature"]}']);
  for (const key of Object.keys(raw)) {
    if (!(TOP_LEVEL as readonly string[]).includes(key))
      issues.push(`"${key}" is not a setting${suggestion(key, TOP_LEVEL)} (settings: ${TOP_LEVEL.slice(1).join(', ')})`);
  }
  const config = defaultConfig(root);
  config.file = path;
  const globs = (field: 'features' | 'steps') => {
    const value = raw[field];
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === '')) {
      issues.push(
        `"${field}" must be a list of file patterns relative to the file, such as ["${field === 'features' ? 'features/**/*.feature' : 'features/steps/**/*.ts'}"]`,
      );
      return [];
    }
    return (value as string[]).map((glob) => (isAbsolute(glob) ? glob : join(root, glob)));
  };
  config.features = globs('features');
  config.steps = globs('steps');
  if (raw.bundledSuite !== undefined) {
    if (typeof raw.bundledSuite === 'boolean') config.bundledSuite = raw.bundledSuite;
    else issues.push('"bundledSuite" must be true or false');
  }
  if (raw.reports !== undefined) {
    if (typeof raw.reports === 'string' && raw.reports !== '') config.reports = resolve(root, raw.reports);
    else issues.push('"reports" must be a folder, such as "reports/out"');
  }
  if (raw.targets !== undefined) {
    if (!isRecord(raw.targets)) issues.push('"targets" must map target names to targets, such as {"staging": {"systems": {...}}}');
    else
      for (const [name, spec] of Object.entries(raw.targets)) {
        if (presets.includes(name)) {
          issues.push(`targets.${name}: "${name}" is a preset; give your target another name`);
          continue;
        }
        if (!/^[a-z][a-z0-9-]*$/.test(name)) {
          issues.push(`targets.${name}: a target's name is lower-case letters, digits and hyphens, starting with a letter`);
          continue;
        }
        const target = checkTarget(spec, `targets.${name}`, root, issues);
        if (target) config.targets[name] = target;
      }
  }
  if (raw.run !== undefined) {
    const known = [...presets, ...Object.keys(config.targets)];
    if (!Array.isArray(raw.run) || raw.run.some((t) => typeof t !== 'string')) issues.push(`"run" must be a list of target names, such as ["mock"]`);
    else
      for (const name of raw.run as string[]) {
        if (known.includes(name)) config.run.push(name);
        else issues.push(`run: there is no target "${name}"${suggestion(name, known)} (targets: ${known.join(', ')})`);
      }
  }
  if (raw.locators !== undefined) {
    if (!isRecord(raw.locators) || Object.values(raw.locators).some((v) => typeof v !== 'string' || v === ''))
      issues.push('"locators" must map locator keys to the words on your screens, such as {"partnerPortal.tab.transfer": "Transfer"}');
    else config.locators = raw.locators as Record<string, string>;
  }
  if (issues.length > 0) throw new ConfigError(path, issues);
  return config;
}

function checkTarget(raw: unknown, at: string, root: string, issues: string[]): TargetSpec | undefined {
  if (!isRecord(raw)) {
    issues.push(`${at}: must be an object with "systems" and, optionally, "surfaces"`);
    return undefined;
  }
  for (const key of Object.keys(raw)) {
    if (!(TARGET_FIELDS as readonly string[]).includes(key))
      issues.push(`${at}: "${key}" is not a target setting${suggestion(key, TARGET_FIELDS)} (settings: ${TARGET_FIELDS.join(', ')})`);
  }
  const target: TargetSpec = { systems: {}, surfaces: {} };
  for (const field of ['description', 'tags'] as const) {
    const value = raw[field];
    if (value === undefined) continue;
    if (typeof value === 'string' && value.trim() !== '') target[field] = value;
    else issues.push(`${at}.${field}: must be a non-empty text`);
  }
  const systems = raw.systems ?? {};
  if (!isRecord(systems)) issues.push(`${at}.systems: must map systems (${SYSTEMS.join(', ')}) to where they live`);
  else
    for (const [system, placement] of Object.entries(systems)) {
      if (!(SYSTEMS as readonly string[]).includes(system)) {
        issues.push(`${at}.systems: there is no system "${system}"${suggestion(system, SYSTEMS)} (systems: ${SYSTEMS.join(', ')})`);
        continue;
      }
      const checked = checkPlacement(placement, `${at}.systems.${system}`, issues);
      if (checked) target.systems[system as SystemName] = checked;
    }
  const surfaces = raw.surfaces ?? {};
  if (!isRecord(surfaces)) issues.push(`${at}.surfaces: must map surfaces to "api", "browser" or the path of your driver module`);
  else
    for (const [surface, driver] of Object.entries(surfaces)) {
      if (!(DRIVEN_SURFACES as readonly string[]).includes(surface)) {
        issues.push(`${at}.surfaces: there is no surface "${surface}"${suggestion(surface, DRIVEN_SURFACES)} (surfaces: ${DRIVEN_SURFACES.join(', ')})`);
        continue;
      }
      const checked = checkDriver(driver, `${at}.surfaces.${surface}`, root, issues);
      if (checked) target.surfaces[surface as DrivenSurface] = checked;
    }
  if (raw.cloudAdapter !== undefined) {
    const module = typeof raw.cloudAdapter === 'string' ? checkModule(raw.cloudAdapter, `${at}.cloudAdapter`, root, issues) : undefined;
    if (typeof raw.cloudAdapter !== 'string') issues.push(`${at}.cloudAdapter: must be the path of a module, such as "./cloud-adapter.ts"`);
    if (module) target.cloudAdapter = module;
  }
  if (raw.reference !== undefined) {
    if (typeof raw.reference !== 'string' || raw.reference === '') issues.push(`${at}.reference: must be the path of a JSON file, such as "reference.json"`);
    else if (!existsSync(resolve(root, raw.reference))) issues.push(`${at}.reference: there is no file ${resolve(root, raw.reference)}`);
    else target.reference = resolve(root, raw.reference);
  }
  return target;
}

function checkPlacement(raw: unknown, at: string, issues: string[]): Placement | undefined {
  if (raw === 'in-process' || raw === 'emulator') return raw;
  if (isRecord(raw) && typeof raw.url === 'string') {
    for (const key of Object.keys(raw))
      if (key !== 'url' && key !== 'admin') issues.push(`${at}: "${key}" is not a setting of a system at a URL (settings: url, admin)`);
    // "${STAGING_URL}": a CI job names its staging system in the environment; the address is read when the target runs.
    const address = raw.url;
    if (/\$\{[A-Za-z_][A-Za-z0-9_]*\}/.test(address)) {
      if (raw.admin !== undefined && typeof raw.admin !== 'boolean') issues.push(`${at}.admin: must be true (the emulator's control plane is on) or false`);
      return { url: address, admin: raw.admin === true };
    }
    let url: URL | undefined;
    try {
      url = new URL(address);
    } catch {
      // reported below
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      issues.push(`${at}.url: "${address}" is not an http or https address`);
      return undefined;
    }
    if (raw.admin !== undefined && typeof raw.admin !== 'boolean') {
      issues.push(`${at}.admin: must be true (the emulator's control plane is on) or false`);
      return undefined;
    }
    return { url: address.replace(/\/$/, ''), admin: raw.admin === true };
  }
  issues.push(`${at}: must be ${PLACEMENT_WORDS.map((w) => `"${w}"`).join(', ')} or {"url": "https://…", "admin": false}`);
  return undefined;
}

function checkDriver(raw: unknown, at: string, root: string, issues: string[]): SurfaceDriver | undefined {
  if (raw === 'api' || raw === 'browser') return raw;
  if (typeof raw === 'string' && isModulePath(raw)) {
    const module = checkModule(raw, at, root, issues);
    return module ? { module } : undefined;
  }
  issues.push(`${at}: must be "api", "browser" or the path of your driver module starting with ./ (such as "./drivers/partner-portal.ts")`);
  return undefined;
}

function checkModule(raw: string, at: string, root: string, issues: string[]): string | undefined {
  const path = resolve(root, raw);
  if (!MODULE_EXTENSIONS.includes(extname(path))) {
    issues.push(`${at}: "${raw}" must name a TypeScript or JavaScript file (${MODULE_EXTENSIONS.join(', ')})`);
    return undefined;
  }
  if (!existsSync(path)) {
    issues.push(`${at}: there is no module ${path}; write it, or correct the path (relative to ${root})`);
    return undefined;
  }
  return path;
}

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * A system's address with each ${NAME} replaced from the environment, or the issue that stops it:
 * a variable not set, or an address that is not http or https once it is.
 */
export function expandAddress(url: string, at: string, env: NodeJS.ProcessEnv = process.env): { url: string } | { issue: string } {
  const unset = [...url.matchAll(VARIABLE)].map((match) => match[1]).filter((name) => !env[name]);
  if (unset.length > 0)
    return { issue: `${at}.url: ${unset.map((name) => `\${${name}}`).join(', ')} is not set in the environment; set it, or write the address itself` };
  const address = url.replace(VARIABLE, (_, name: string) => env[name] ?? '');
  try {
    const parsed = new URL(address);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return { url: address.replace(/\/$/, '') };
  } catch {
    // refused below
  }
  return { issue: `${at}.url: "${address}" (from "${url}") is not an http or https address` };
}
