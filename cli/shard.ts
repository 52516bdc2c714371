import { parse as parseTagExpression } from '@cucumber/tag-expressions';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ShardRecord } from '../reports/merge';
import { featureFiles, listScenarios } from '../reports/scenarios';
import { readTimings, recordTimings, scenarioDurations, TIMINGS_FILE } from '../reports/timings';
import { UsageError } from './args';

/**
 * `sslab conformance --shard i/n`: which feature files shard i of n runs. Whole feature files stay
 * together; they are dealt out heaviest first, each to the shard with the least work so far, the
 * weight of a feature being the time its scenarios took on the last runs (reports/out/timings.json)
 * or, with no timings at all, its scenario count. Ties are broken by path, so every machine given the
 * same features, tags and timings deals the same shards.
 */
const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'reports', 'out');

/** Where a run happens: the folder cucumber runs in, where its reports go and the feature folders it reads. */
export interface ShardPlace {
  cwd: string;
  reports: string;
  featureSources: { dir: string }[];
}

/** sslab's own checkout: the bundled features, reports/out. */
const OWN_PLACE: ShardPlace = { cwd: ROOT, reports: OUT, featureSources: [{ dir: join(ROOT, 'features') }] };

export interface ShardSpec {
  index: number;
  total: number;
}

export const SHARD_RECORD = 'shard.json';

export function parseShard(value: string): ShardSpec {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  if (!match) throw new UsageError(`--shard takes "i/n", the shard to run and how many there are, e.g. 2/4; not "${value}"`);
  const index = Number(match[1]);
  const total = Number(match[2]);
  if (total < 1) throw new UsageError(`--shard ${value}: there must be at least one shard`);
  if (index < 1 || index > total) throw new UsageError(`--shard ${value}: shards are numbered from 1 to ${total}, like 1/${total} … ${total}/${total}`);
  return { index, total };
}

export interface FeatureWeight {
  uri: string;
  weight: number;
}

const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Deals features into `total` shards, heaviest first, each to the least loaded shard; on equal loads
 * to the one with fewer features, then the lowest-numbered, so features that weigh nothing are spread too.
 */
export function splitFeatures(features: readonly FeatureWeight[], total: number): string[][] {
  const ordered = [...features].sort((a, b) => b.weight - a.weight || byPath(a.uri, b.uri));
  const shards = Array.from({ length: total }, () => ({ load: 0, uris: [] as string[] }));
  const lighter = (a: (typeof shards)[number], b: (typeof shards)[number]) => a.load < b.load || (a.load === b.load && a.uris.length < b.uris.length);
  for (const feature of ordered) {
    let least = 0;
    for (let i = 1; i < total; i++) if (lighter(shards[i], shards[least])) least = i;
    shards[least].load += feature.weight;
    shards[least].uris.push(feature.uri);
  }
  return shards.map((s) => s.uris.sort(byPath));
}

export interface SuiteScenario {
  key: string;
  uri: string;
}

/**
 * Each feature's weight: the summed times of its scenarios when the timings know any scenario of
 * the suite, a scenario nobody timed yet counted at the mean time of those that were; otherwise
 * its scenario count.
 */
export function weighFeatures(
  features: readonly string[],
  scenarios: readonly SuiteScenario[],
  timings: Record<string, number>,
): { weights: FeatureWeight[]; balancedBy: ShardRecord['balancedBy'] } {
  const timed = scenarios.filter((s) => typeof timings[s.key] === 'number');
  const mean = timed.length ? timed.reduce((n, s) => n + timings[s.key], 0) / timed.length : 0;
  const byTime = timed.length > 0;
  const weight = new Map<string, number>(features.map((uri) => [uri, 0]));
  for (const s of scenarios) weight.set(s.uri, (weight.get(s.uri) ?? 0) + (byTime ? (timings[s.key] ?? mean) : 1));
  return {
    weights: [...weight].map(([uri, w]) => ({ uri, weight: w })),
    balancedBy: byTime ? 'timings' : 'scenario count',
  };
}

/**
 * The share of the suite one shard runs on one target, and the record it leaves for merge-reports.
 * `selected`: the tag expression the run uses (the target's, the user's, less what it leaves out);
 * `tags`: the user's alone, which every shard of one run must share.
 */
export function planShard(
  spec: ShardSpec,
  run: string,
  selected: string | undefined,
  tags: string | undefined,
  generatedPaths: boolean,
  place: ShardPlace = OWN_PLACE,
): ShardRecord {
  const matches = selected ? parseTagExpression(selected) : undefined;
  // A project's own features are dealt out with the bundled ones, each named from where cucumber runs.
  const features = place.featureSources.flatMap((source) => featureFiles(source.dir).map((path) => relative(place.cwd, path).replace(/\\/g, '/')));
  const scenarios = place.featureSources.flatMap((source) => listScenarios(source.dir, place.cwd)).filter((s) => !matches || matches.evaluate(s.tags));
  const { weights, balancedBy } = weighFeatures(features, scenarios, readTimings(join(place.reports, TIMINGS_FILE))[run] ?? {});
  const shards = splitFeatures(weights, spec.total);
  return {
    target: run,
    index: spec.index,
    total: spec.total,
    tags: tags ?? null,
    balancedBy,
    split: createHash('sha256').update(JSON.stringify(shards)).digest('hex').slice(0, 16),
    features: shards[spec.index - 1],
    generatedPaths,
  };
}

/**
 * Runs one shard through `runCucumber`, handing it the shard's feature files for the run's
 * configuration to list instead of the whole suite's (paths given on cucumber's command line would
 * be added to the configuration's, not replace them), then writes shard.json beside its reports.
 */
export async function runShard(record: ShardRecord, runCucumber: (features: string[]) => Promise<number>, place: ShardPlace = OWN_PLACE): Promise<number> {
  const dir = join(place.reports, record.target);
  mkdirSync(dir, { recursive: true });
  let code = 0;
  if (record.features.length === 0) {
    console.log(`Shard ${record.index}/${record.total} has no feature files to run on the ${record.target} target (there are more shards than features).`);
  } else {
    console.log(`Shard ${record.index}/${record.total}: ${record.features.length} feature files, balanced by ${record.balancedBy}.`);
    code = await runCucumber(record.features.map((feature) => join(place.cwd, feature)));
  }
  writeFileSync(join(dir, SHARD_RECORD), `${JSON.stringify(record, null, 2)}\n`);
  return code;
}

/** After an unsharded run: its scenario times go into reports/out/timings.json for the next sharded one. */
export function recordRunTimings(run: string, reports = OUT): void {
  const json = join(reports, run, 'cucumber.json');
  if (existsSync(json)) recordTimings(join(reports, TIMINGS_FILE), run, scenarioDurations(readFileSync(json, 'utf8')));
}
