import type { RecordedTransition } from './machines';

/**
 * Joining the reports of a sharded run (`sslab conformance --shard i/n`) into the reports one
 * unsharded run writes: cucumber's JSON, messages (NDJSON) and JUnit XML, and the files the
 * conformance report reads beside them. Everything here works on file contents; reading and
 * writing is the command's (cli/merge-reports.ts).
 */

/** What a shard run leaves in its target's folder as shard.json. */
export interface ShardRecord {
  /** The run's folder name under reports/out: a target, or "browser". */
  target: string;
  index: number;
  total: number;
  tags: string | null;
  balancedBy: 'timings' | 'scenario count';
  /** A digest of the whole split: the same for every shard cut from the same features, tags and timings. */
  split: string;
  /** The feature files this shard ran. */
  features: string[];
  /** Whether this shard also replayed the paths generated from the machines (only shard 1 does). */
  generatedPaths: boolean;
}

/** One shard's folder: its record and the contents of the report files found there. */
export interface ShardReports {
  dir: string;
  record: ShardRecord;
  cucumberJson?: string;
  messages?: string;
  junit?: string;
  targetSummary?: string;
  transitions?: string;
  generatedTransitions?: string;
}

/** Inputs that cannot be joined into one run; the message says which and why. */
export class MergeRefusal extends Error {}

export function parseShardRecord(text: string, where: string): ShardRecord {
  let value: Partial<ShardRecord>;
  try {
    value = JSON.parse(text) as Partial<ShardRecord>;
  } catch {
    throw new MergeRefusal(`${where} is not JSON; it should be the shard.json a run with --shard wrote`);
  }
  const valid =
    typeof value.target === 'string' &&
    Number.isInteger(value.index) &&
    Number.isInteger(value.total) &&
    typeof value.split === 'string' &&
    Array.isArray(value.features) &&
    typeof value.generatedPaths === 'boolean';
  if (!valid)
    throw new MergeRefusal(`${where} lacks target, index, total, split, features or generatedPaths; it should be the shard.json a run with --shard wrote`);
  return value as ShardRecord;
}

const label = (s: ShardReports) => `${s.record.index}/${s.record.total}`;

/**
 * Refuses a set of shards that is not one whole run per target: shards of different counts, tags
 * or splits; a shard given twice; a shard missing (naming the target that has it, when shards of
 * different targets were mixed up); a shard without its reports.
 */
export function checkShardSets(byTarget: Map<string, ShardReports[]>): void {
  for (const [target, shards] of byTarget) {
    const first = shards[0];
    for (const s of shards) {
      if (s.record.total !== first.record.total) {
        throw new MergeRefusal(`the ${target} shards disagree on the shard count: ${label(first)} in ${first.dir}, ${label(s)} in ${s.dir}`);
      }
      if (s.record.tags !== first.record.tags) {
        throw new MergeRefusal(
          `the ${target} shards ran with different --tags: "${first.record.tags ?? '(none)'}" in ${first.dir}, "${s.record.tags ?? '(none)'}" in ${s.dir}`,
        );
      }
    }
    const seen = new Map<number, ShardReports>();
    for (const s of shards) {
      const twin = seen.get(s.record.index);
      if (twin) throw new MergeRefusal(`shard ${label(s)} of the ${target} target is given twice: ${twin.dir} and ${s.dir}`);
      seen.set(s.record.index, s);
    }
    const total = first.record.total;
    for (let index = 1; index <= total; index++) {
      if (seen.has(index)) continue;
      const have = [...seen.keys()].sort((a, b) => a - b).map((i) => `${i}/${total}`);
      const elsewhere = [...byTarget]
        .filter(([other, others]) => other !== target && others.some((o) => o.record.index === index && o.record.total === total))
        .map(([other]) => other);
      const mixed = elsewhere.length
        ? `; shard ${index}/${total} of the ${elsewhere.join(', ')} target is no stand-in: shards of different targets cannot be joined`
        : '';
      throw new MergeRefusal(`shard ${index}/${total} of the ${target} target is missing (given: ${have.join(', ')})${mixed}`);
    }
    for (const s of shards) {
      if (s.record.split !== first.record.split) {
        throw new MergeRefusal(
          `shards ${label(first)} and ${label(s)} of the ${target} target were split differently (other feature files or other timings); run every shard from the same commit with the same reports/out/timings.json`,
        );
      }
      if (s.record.features.length === 0) continue;
      const missing = (['cucumberJson', 'messages', 'junit'] as const).filter((k) => s[k] === undefined);
      if (missing.length) {
        const names = { cucumberJson: 'cucumber.json', messages: 'cucumber.ndjson', junit: 'cucumber-junit.xml' };
        throw new MergeRefusal(
          `shard ${label(s)} of the ${target} target (${s.dir}) has no ${missing.map((k) => names[k]).join(', ')}; did its run stop early?`,
        );
      }
    }
    const generated = shards.filter((s) => s.record.generatedPaths);
    if (generated.length > 1) throw new MergeRefusal(`more than one ${target} shard replayed the generated paths; only shard 1 should`);
  }
}

/** Shards that ran scenarios, in shard order. */
export const withScenarios = (shards: ShardReports[]) =>
  [...shards].filter((s) => s.record.features.length > 0).sort((a, b) => a.record.index - b.record.index);

interface KeyedFeature {
  uri: string;
  elements?: { type?: string; line: number }[];
}

/** Cucumber's JSON of several shards as one run: features in path order, each scenario once. */
export function mergeCucumberJson(shards: ShardReports[]): string {
  const owner = new Map<string, string>();
  const features: KeyedFeature[] = [];
  for (const s of withScenarios(shards)) {
    for (const feature of JSON.parse(s.cucumberJson!) as KeyedFeature[]) {
      for (const element of feature.elements ?? []) {
        if (element.type === 'background') continue;
        const key = `${feature.uri}:${element.line}`;
        const other = owner.get(key);
        if (other) throw new MergeRefusal(`scenario ${key} of the ${s.record.target} target is reported twice: by shard ${other} and shard ${label(s)}`);
        owner.set(key, label(s));
      }
      features.push(feature);
    }
  }
  // Plain comparison, not localeCompare: the order must not depend on the machine's locale.
  features.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  return JSON.stringify(features, null, 2);
}

type Envelope = Record<string, Record<string, unknown>>;
interface Timestamp {
  seconds: number;
  nanos: number;
}
const later = (a: Timestamp, b: Timestamp) => a.seconds > b.seconds || (a.seconds === b.seconds && a.nanos > b.nanos);

/**
 * Cucumber's messages of several shards as one stream: one meta, one test run started at the
 * first shard's start and finished at the last one's end, successful only if every shard was;
 * each shard's definitions before the run starts, its test cases after, all pointing at the one run.
 */
export function mergeMessages(shards: ShardReports[]): string {
  const streams = withScenarios(shards).map((s) =>
    s
      .messages!.split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as Envelope),
  );
  if (streams.length === 0) return '';
  const started = streams.map((stream) => stream.find((e) => e.testRunStarted)?.testRunStarted);
  const finished = streams.map((stream) => stream.find((e) => e.testRunFinished)?.testRunFinished);
  const runId = (started[0]?.id as string | undefined) ?? 'merged';
  const firstStart = started
    .filter((s) => s !== undefined)
    .reduce((a, b) => (later(a.timestamp as Timestamp, b.timestamp as Timestamp) ? b : a), started[0] ?? { timestamp: { seconds: 0, nanos: 0 } });
  const lastFinish = finished
    .filter((f) => f !== undefined)
    .reduce((a, b) => (later(b.timestamp as Timestamp, a.timestamp as Timestamp) ? b : a), finished[0] ?? { timestamp: { seconds: 0, nanos: 0 } });
  const pointedAtRun = (envelope: Envelope): Envelope =>
    Object.fromEntries(
      Object.entries(envelope).map(([kind, body]) => [kind, body && 'testRunStartedId' in body ? { ...body, testRunStartedId: runId } : body]),
    );
  const before: Envelope[] = [];
  const after: Envelope[] = [];
  for (const stream of streams) {
    const start = stream.findIndex((e) => e.testRunStarted);
    stream.forEach((envelope, i) => {
      if (envelope.meta || envelope.testRunStarted || envelope.testRunFinished) return;
      (start >= 0 && i > start ? after : before).push(pointedAtRun(envelope));
    });
  }
  const meta = streams[0].find((e) => e.meta);
  const runFinished = {
    ...lastFinish,
    testRunStartedId: runId,
    success: finished.every((f) => f?.success === true),
  };
  const envelopes = [...(meta ? [meta] : []), ...before, { testRunStarted: { ...firstStart, id: runId } }, ...after, { testRunFinished: runFinished }];
  return `${envelopes.map((e) => JSON.stringify(e)).join('\n')}\n`;
}

/** JUnit XML of several shards as one test suite: the test cases in shard order, the counts added up. */
export function mergeJunit(shards: ShardReports[]): string {
  const parts = withScenarios(shards).map((s) => {
    const open = /<testsuite\b([^>]*?)(\/?)>/.exec(s.junit!);
    if (!open) throw new MergeRefusal(`the JUnit report of shard ${label(s)} of the ${s.record.target} target (${s.dir}) has no <testsuite>`);
    const attributes = Object.fromEntries([...open[1].matchAll(/([\w:-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const close = s.junit!.lastIndexOf('</testsuite>');
    const body = open[2] === '/' || close < 0 ? '' : s.junit!.slice(open.index + open[0].length, close);
    return { attributes, body };
  });
  if (parts.length === 0) return '';
  const sum = (name: string, digits = 0) => {
    const total = parts.reduce((n, p) => n + Number(p.attributes[name] ?? 0), 0);
    return digits ? String(Math.round(total * 10 ** digits) / 10 ** digits) : String(total);
  };
  const timestamps = parts.map((p) => p.attributes.timestamp).filter(Boolean);
  const attributes: Record<string, string> = {
    ...parts[0].attributes,
    time: sum('time', 3),
    tests: sum('tests'),
    skipped: sum('skipped'),
    failures: sum('failures'),
    errors: sum('errors'),
    ...(timestamps.length ? { timestamp: [...timestamps].sort()[0] } : {}),
  };
  const head = Object.entries(attributes)
    .map(([k, v]) => `${k}="${v}"`)
    .join(' ');
  const body = parts.map((p) => p.body.replace(/^\n+|\s+$/g, '')).join('\n');
  return `<?xml version="1.0"?>\n<testsuite ${head}>\n${body}\n</testsuite>`;
}

/**
 * The transitions every shard made the emulator perform, counted together. Each shard's target was
 * seeded once before its first scenario (`atStart`); an unsharded run is seeded once, so the seeding
 * of every shard but the first is taken off again.
 */
export function mergeTransitions(shards: ShardReports[]): string | undefined {
  return joinTransitions(
    withScenarios(shards)
      .map((s) => s.transitions)
      .filter((text): text is string => text !== undefined),
  );
}

/**
 * transitions.json files of runs that each started and seeded their own emulator (shards, or the
 * workers of a parallel run), counted as one run seeded once: every seeding but the first is taken off.
 */
export function joinTransitions(files: readonly string[]): string | undefined {
  if (files.length === 0) return undefined;
  const counts = new Map<string, RecordedTransition>();
  const add = (t: RecordedTransition, sign: number) => {
    const key = JSON.stringify([t.machine, t.from, t.event ?? null, t.to]);
    const known = counts.get(key);
    counts.set(key, known ? { ...known, count: known.count + sign * t.count } : { ...t, count: sign * t.count });
  };
  const parsed = files.map((text) => JSON.parse(text) as { target: string; transitions: RecordedTransition[]; atStart?: RecordedTransition[] });
  parsed.forEach((file, i) => {
    for (const t of file.transitions) add(t, 1);
    if (i > 0) for (const t of file.atStart ?? []) add(t, -1);
  });
  const transitions = [...counts.values()].filter((t) => t.count > 0);
  return `${JSON.stringify({ target: parsed[0].target, transitions, atStart: parsed[0].atStart ?? [] }, null, 2)}\n`;
}

/** target.json of the first shard, with the requests every shard's target answered added up. */
export function mergeTargetSummary(shards: ShardReports[]): string | undefined {
  return joinTargetSummaries(
    withScenarios(shards)
      .map((s) => s.targetSummary)
      .filter((text): text is string => text !== undefined),
  );
}

/** What a run's target.json counts: requests, and the milliseconds spent starting, answering and resetting; runs of one target add them up. */
const ADDED_UP = ['requestsAnswered', 'startMs', 'answeringMs', 'resetMs'] as const;

/** target.json files of runs of one target (shards, or a parallel run's workers): the first, with what each counted added up. */
export function joinTargetSummaries(files: readonly string[]): string | undefined {
  const summaries = files.map((text) => JSON.parse(text) as Record<string, unknown>);
  if (summaries.length === 0) return undefined;
  const merged = { ...summaries[0] };
  for (const key of ADDED_UP) {
    const counts = summaries.map((s) => s[key]);
    if (counts.every((n) => typeof n === 'number')) merged[key] = (counts as number[]).reduce((a, b) => a + b, 0);
  }
  return `${JSON.stringify(merged, null, 2)}\n`;
}
