import { CucumberHtmlStream } from '@cucumber/html-formatter';
import type { Envelope } from '@cucumber/messages';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import {
  checkShardSets,
  MergeRefusal,
  mergeCucumberJson,
  mergeJunit,
  mergeMessages,
  mergeTargetSummary,
  mergeTransitions,
  parseShardRecord,
  type ShardReports,
} from '../reports/merge';
import { recordTimings, scenarioDurations, TIMINGS_FILE } from '../reports/timings';
import { TARGETS } from '../steps/support/targets';
import { describeOptions, parseOptions, UsageError, type OptionSpec } from './args';
import { OWN_CHECKOUT, reportConformance } from './conformance-report';
import { SHARD_RECORD } from './shard';

const OPTIONS: OptionSpec[] = [
  { name: 'out', type: 'string', help: 'where the merged reports and the conformance report go', default: 'reports/out' },
  { name: 'help', type: 'boolean', help: 'show this help', default: false },
];

export const MERGE_REPORTS_HELP = `sslab merge-reports: join the reports of a sharded conformance run into those of one run

Usage: sslab merge-reports <dir|file>... [--out reports/out]

${describeOptions(OPTIONS)}

Each argument is a folder searched for the shard.json files that "sslab conformance --shard i/n"
writes beside a target's reports (reports/out/<target>/), or a file in such a folder. Per target,
every shard 1/n … n/n must be there exactly once, cut from the same split. The merged
cucumber.json, cucumber.ndjson, cucumber-junit.xml, cucumber.html, target.json and
transitions.json go to <out>/<target>/, the conformance report to <out>/conformance.html and
conformance.md, and the scenarios' times to <out>/timings.json for balancing the next split.
Nothing is written when the inputs do not fit together.
`;

/** Where the files of the report folders are, under the names merge.ts knows them by. */
const FILES = {
  cucumberJson: 'cucumber.json',
  messages: 'cucumber.ndjson',
  junit: 'cucumber-junit.xml',
  targetSummary: 'target.json',
  transitions: 'transitions.json',
  generatedTransitions: 'generated-transitions.json',
} as const;

/** The shard.json files under a folder, or beside a file. */
function shardRecordsAt(input: string): string[] {
  if (!existsSync(input)) throw new UsageError(`${input} does not exist`);
  if (!statSync(input).isDirectory()) {
    const record = basename(input) === SHARD_RECORD ? input : join(dirname(input), SHARD_RECORD);
    if (!existsSync(record)) throw new UsageError(`${input} is not in a shard's report folder: there is no ${SHARD_RECORD} beside it`);
    return [record];
  }
  return readdirSync(input)
    .sort()
    .flatMap((name) => {
      const path = join(input, name);
      if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : shardRecordsAt(path);
      return name === SHARD_RECORD ? [path] : [];
    });
}

function readShard(recordFile: string): ShardReports {
  const dir = dirname(recordFile);
  const shard: ShardReports = { dir: relative(process.cwd(), dir) || '.', record: parseShardRecord(readFileSync(recordFile, 'utf8'), recordFile) };
  for (const [key, name] of Object.entries(FILES) as [keyof typeof FILES, string][]) {
    const file = join(dir, name);
    if (existsSync(file)) shard[key] = readFileSync(file, 'utf8');
  }
  return shard;
}

/** The HTML report cucumber would have written for the merged messages. */
async function renderCucumberHtml(messages: string): Promise<string> {
  const html = new CucumberHtmlStream();
  const chunks: string[] = [];
  html.on('data', (chunk: Buffer | string) => chunks.push(chunk.toString()));
  const done = new Promise<void>((resolvePromise, reject) => {
    html.on('end', resolvePromise);
    html.on('error', reject);
  });
  for (const line of messages.split('\n')) if (line.trim()) html.write(JSON.parse(line) as Envelope);
  html.end();
  await done;
  return chunks.join('');
}

/** Targets in the order the conformance command runs them, so the report's columns do not depend on the inputs' order. */
const RUN_ORDER: readonly string[] = [...TARGETS, 'browser'];
const inRunOrder = (a: string, b: string) => {
  const rank = (t: string) => (RUN_ORDER.includes(t) ? RUN_ORDER.indexOf(t) : RUN_ORDER.length);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
};

/** Splits the inputs from the options: `--out` takes the argument after it unless written `--out=…`. */
function splitArguments(argv: string[]): { inputs: string[]; optionArgs: string[] } {
  const inputs: string[] = [];
  const optionArgs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) inputs.push(argv[i]);
    else if (argv[i] === '--out' && i + 1 < argv.length) optionArgs.push(argv[i], argv[++i]);
    else optionArgs.push(argv[i]);
  }
  return { inputs, optionArgs };
}

interface MergedTarget {
  target: string;
  tags: string | null;
  total: number;
  files: Partial<Record<keyof typeof FILES, string>> & { cucumberJson: string };
}

/** Checks the shards fit together and merges each target's files, all in memory. */
function mergeShards(byTarget: Map<string, ShardReports[]>): MergedTarget[] {
  try {
    checkShardSets(byTarget);
    return [...byTarget.keys()].sort(inRunOrder).map((target) => {
      const shards = byTarget.get(target)!;
      return {
        target,
        tags: shards[0].record.tags,
        total: shards[0].record.total,
        files: {
          cucumberJson: mergeCucumberJson(shards),
          messages: mergeMessages(shards),
          junit: mergeJunit(shards),
          targetSummary: mergeTargetSummary(shards),
          transitions: mergeTransitions(shards),
          generatedTransitions: shards.find((s) => s.record.generatedPaths)?.generatedTransitions,
        },
      };
    });
  } catch (error) {
    if (error instanceof MergeRefusal) throw new UsageError(error.message);
    throw error;
  }
}

export async function mergeReportsCommand(argv: string[]): Promise<number> {
  const { inputs, optionArgs } = splitArguments(argv);
  const options = parseOptions(optionArgs, OPTIONS);
  if (options.help) {
    process.stdout.write(MERGE_REPORTS_HELP);
    return 0;
  }
  if (inputs.length === 0) throw new UsageError("name the shards' report folders (or files in them) to merge; see --help");
  const out = resolve(String(options.out));

  const recordFiles = [...new Set(inputs.flatMap(shardRecordsAt).map((f) => resolve(f)))];
  if (recordFiles.length === 0) {
    throw new UsageError(`no ${SHARD_RECORD} under ${inputs.join(', ')}: merge-reports joins the report folders that "sslab conformance --shard i/n" writes`);
  }
  const byTarget = new Map<string, ShardReports[]>();
  for (const file of recordFiles) {
    const shard = readShard(file);
    byTarget.set(shard.record.target, [...(byTarget.get(shard.record.target) ?? []), shard]);
  }

  // Everything is read, checked and merged before the first file is written.
  const merged = mergeShards(byTarget);
  const pages = await Promise.all(merged.map((m) => (m.files.messages ? renderCucumberHtml(m.files.messages) : undefined)));

  merged.forEach(({ target, files }, i) => {
    const dir = join(out, target);
    mkdirSync(dir, { recursive: true });
    // A file no shard wrote must not survive from an earlier run in the same folder.
    for (const [key, name] of Object.entries(FILES) as [keyof typeof FILES, string][]) {
      const content = files[key];
      if (content) writeFileSync(join(dir, name), content);
      else rmSync(join(dir, name), { force: true });
    }
    if (pages[i]) writeFileSync(join(dir, 'cucumber.html'), pages[i]);
    else rmSync(join(dir, 'cucumber.html'), { force: true });
    rmSync(join(dir, SHARD_RECORD), { force: true });
    recordTimings(join(out, TIMINGS_FILE), target, scenarioDurations(files.cucumberJson));
    console.log(`${target}: ${merged[i].total} shards merged into ${relative(process.cwd(), dir) || '.'}`);
  });
  const tags = merged.map((m) => m.tags).find((t) => t !== null) ?? undefined;
  reportConformance(
    merged.map((m) => m.target),
    tags,
    { ...OWN_CHECKOUT, reports: out },
  );
  return 0;
}
