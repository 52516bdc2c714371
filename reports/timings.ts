import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * How long each scenario took, per target, kept in reports/out/timings.json so the next sharded run
 * can balance its shards by time. Kept per scenario rather than per feature, so a run limited by
 * --tags records only what it ran and a later split weighs each feature by the scenarios it will run.
 * Scenarios are keyed `uri:line`, as in the conformance report.
 */
export type Timings = Record<string, Record<string, number>>;

export const TIMINGS_FILE = 'timings.json';

interface JsonFeature {
  uri: string;
  elements?: { type?: string; line: number; steps?: { result?: { duration?: number | { seconds: number; nanos: number } } }[] }[];
}

/** Nanoseconds in cucumber's JSON report; a `{seconds, nanos}` pair in some older versions. */
const nanosOf = (duration: number | { seconds: number; nanos: number } | undefined): number =>
  duration === undefined ? 0 : typeof duration === 'number' ? duration : duration.seconds * 1e9 + duration.nanos;

/** Milliseconds per scenario (steps and hooks together) in one cucumber JSON report. */
export function scenarioDurations(cucumberJson: string): Record<string, number> {
  const durations: Record<string, number> = {};
  for (const feature of JSON.parse(cucumberJson) as JsonFeature[]) {
    for (const element of feature.elements ?? []) {
      if (element.type === 'background') continue;
      const nanos = (element.steps ?? []).reduce((sum, step) => sum + nanosOf(step.result?.duration), 0);
      // A scenario that did not run (a dry run, or skipped) says nothing of how long it takes.
      if (nanos === 0) continue;
      // A tenth of a millisecond is finer than runs repeat; rounding keeps the file short and stable.
      durations[`${feature.uri.replace(/\\/g, '/')}:${element.line}`] = Math.round(nanos / 1e5) / 10;
    }
  }
  return durations;
}

export function readTimings(file: string): Timings {
  if (!existsSync(file)) return {};
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Timings) : {};
  } catch {
    // A damaged timings file only costs balance: the split falls back to scenario counts.
    return {};
  }
}

/** Puts one run's scenario times into the file: scenarios it ran are replaced, the others kept. */
export function recordTimings(file: string, target: string, durations: Record<string, number>): void {
  const timings = readTimings(file);
  const merged = { ...(timings[target] ?? {}), ...durations };
  timings[target] = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(timings, null, 2)}\n`);
}
