import { MIX_VARIABLE, presetMix, type Mix } from '../config/mix';
import { presets } from '../config/presets';
import { TARGETS, type TargetName } from './targets';

/**
 * The run's settings from cucumber's world parameters; SSLAB_TARGET, SSLAB_DRIVER and SSLAB_URL override them.
 * For the real target, SSLAB_REAL_URL names the services; without it a seeded stand-in is started.
 */
export interface RunSettings {
  target: TargetName;
  /** How steps reach the system: its REST API, or its web pages in headless Chromium. */
  driver: DriverName;
  /** A running emulator (or, for the real target, the real services) to use instead of starting one. */
  url?: string;
}

export const DRIVERS = ['api', 'browser'] as const;
export type DriverName = (typeof DRIVERS)[number];

const KNOWN = ['target', 'driver', 'url'];

export function readSettings(raw: Record<string, unknown> = {}): RunSettings {
  for (const key of Object.keys(raw)) {
    if (!KNOWN.includes(key)) throw new Error(`Unknown world parameter "${key}"; known: ${KNOWN.join(', ')}`);
  }
  const target = (process.env.SSLAB_TARGET || raw.target || 'mock') as TargetName;
  if (!TARGETS.includes(target)) throw new Error(`Unknown target "${target}"; use one of ${TARGETS.join(', ')}`);
  const driver = (process.env.SSLAB_DRIVER || raw.driver || 'api') as DriverName;
  if (!DRIVERS.includes(driver)) throw new Error(`Unknown driver "${String(driver)}"; use one of ${DRIVERS.join(', ')}`);
  // The pages are served over HTTP; the in-process target answers only fetches made in this process.
  if (driver === 'browser' && target !== 'emulator') {
    throw new Error(
      `The browser driver needs the emulator target (the pages are served over HTTP), not "${target}"; run "sslab conformance --targets browser".`,
    );
  }
  const realUrl = target === 'real' ? process.env.SSLAB_REAL_URL : undefined;
  const url = process.env.SSLAB_URL || realUrl || (typeof raw.url === 'string' ? raw.url : undefined);
  return { target, driver, url };
}

/**
 * The mix this run starts: the one `sslab conformance` resolved from the project's configuration,
 * else the preset the world parameters (or SSLAB_TARGET, SSLAB_DRIVER, SSLAB_URL) name.
 */
export function readRunMix(raw: Record<string, unknown> = {}): Mix {
  const given = process.env[MIX_VARIABLE];
  if (given) return JSON.parse(given) as Mix;
  const settings = readSettings(raw);
  const name = settings.driver === 'browser' ? 'browser' : settings.target;
  return presetMix(name, presets(settings.url)[name]);
}
