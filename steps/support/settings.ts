import { TARGETS, type TargetName } from './targets';

/** The run's settings from cucumber's world parameters; SSLAB_TARGET and SSLAB_URL override them. */
export interface RunSettings {
  target: TargetName;
  driver: 'api';
  /** A running emulator to use instead of starting one. */
  url?: string;
}

const KNOWN = ['target', 'driver', 'url'];

export function readSettings(raw: Record<string, unknown> = {}): RunSettings {
  for (const key of Object.keys(raw)) {
    if (!KNOWN.includes(key)) throw new Error(`Unknown world parameter "${key}"; known: ${KNOWN.join(', ')}`);
  }
  const target = (process.env.SSLAB_TARGET || raw.target || 'mock') as TargetName;
  if (!TARGETS.includes(target)) throw new Error(`Unknown target "${target}"; use one of ${TARGETS.join(', ')}`);
  const driver = raw.driver ?? 'api';
  if (driver !== 'api') throw new Error(`Unknown driver "${String(driver)}"; use api`);
  const url = process.env.SSLAB_URL || (typeof raw.url === 'string' ? raw.url : undefined);
  return { target, driver, url };
}
