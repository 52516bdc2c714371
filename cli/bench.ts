import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { describeOptions, parseOptions, UsageError, type OptionSpec } from './args';
import type { Bench, BenchFigure, BenchSection } from '../bench/types';

const ROOT = join(__dirname, '..');
const BENCH_DIR = join(ROOT, 'bench');
const OUT = join(ROOT, 'reports', 'out', 'bench.json');

const OPTIONS: OptionSpec[] = [
  {
    name: 'only',
    type: 'string',
    help: 'run only the bench file of this name (e.g. suite for bench/suite.bench.ts), or else those whose name contains it (e.g. fleet)',
  },
  { name: 'help', type: 'boolean', help: 'show this help', default: false },
];

export const BENCH_HELP = `sslab bench: measure the emulator against its speed and memory targets

Usage: sslab bench [options]

${describeOptions(OPTIONS)}

Runs every bench/*.bench.ts (each exports \`bench\`: a name and a run that returns named figures),
prints each figure beside its target and the machine it ran on, and writes ${relative(ROOT, OUT)}.
Figures are measured, never asserted: a missed target is reported, and the exit code is 1.
`;

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
}

export function machine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** Marks each figure with whether it meets its target. */
export function judge(section: BenchSection): BenchSection {
  return {
    ...section,
    figures: section.figures.map((f) => (f.target ? { ...f, meets: f.target.op === '<=' ? f.value <= f.target.value : f.value >= f.target.value } : f)),
  };
}

const number = (v: number) => (Number.isInteger(v) ? v.toLocaleString('en-US') : String(v));

export function formatFigure(f: BenchFigure): string {
  const target = f.target ? `target ${f.target.op} ${number(f.target.value)} ${f.unit}` : '';
  const verdict = f.meets === undefined ? '' : f.meets ? 'ok  ' : 'MISS';
  return `  ${verdict.padEnd(4)} ${f.name.padEnd(78)} ${`${number(f.value)} ${f.unit}`.padStart(18)}  ${target}${f.note ? `\n       (${f.note})` : ''}`;
}

/**
 * The bench files to run: all of them; with `only`, the one named exactly so (`suite` is
 * bench/suite.bench.ts and not bench/browser-suite.bench.ts), or else every one whose name holds it.
 */
export function benchFiles(names: readonly string[], only: string | undefined): string[] {
  const benches = names.filter((f) => f.endsWith('.bench.ts')).sort();
  if (!only) return benches;
  const exact = benches.filter((f) => f === `${only}.bench.ts`);
  return exact.length > 0 ? exact : benches.filter((f) => f.includes(only));
}

export async function benchCommand(argv: string[]): Promise<number> {
  const options = parseOptions(argv, OPTIONS);
  if (options.help) {
    process.stdout.write(BENCH_HELP);
    return 0;
  }
  if (!existsSync(BENCH_DIR)) throw new UsageError('the benchmarks are not part of the installed package; run them in a checkout of sslab (npm run bench)');
  const files = benchFiles(readdirSync(BENCH_DIR), options.only === undefined ? undefined : String(options.only));
  if (files.length === 0) throw new UsageError(`no bench/*.bench.ts file${options.only ? ` matches "${options.only}"` : ''}`);
  const host = machine();
  console.log(`sslab bench on ${host.cpu}, ${host.cores} cores, ${host.memoryGiB} GiB, node ${host.node} (${host.platform})`);
  const sections: BenchSection[] = [];
  for (const file of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { bench } = require(join(BENCH_DIR, file)) as { bench: Bench };
    console.log(`\n== ${bench.name} (bench/${file}) ==`);
    try {
      const section = judge(await bench.run((line) => process.stderr.write(`  ${line}\n`)));
      for (const figure of section.figures) console.log(formatFigure(figure));
      sections.push(section);
    } catch (error) {
      // One bench that cannot run does not keep the others from reporting.
      const message = error instanceof Error ? error.message : String(error);
      console.log(`  FAILED: ${message}`);
      sections.push({ name: bench.name, figures: [], error: message });
    }
  }
  mkdirSync(join(ROOT, 'reports', 'out'), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify({ ranAt: new Date().toISOString(), machine: host, sections }, null, 2)}\n`);
  const missed = sections.flatMap((s) => s.figures).filter((f) => f.meets === false);
  const failed = sections.filter((s) => s.error);
  const verdict = [
    missed.length ? `${missed.length} figures miss their target` : 'every figure measured meets its target',
    ...(failed.length ? [`${failed.length} bench${failed.length > 1 ? 'es' : ''} failed to run (${failed.map((s) => s.name).join(', ')})`] : []),
  ].join('; ');
  console.log(`\n${verdict}; written to ${relative(process.cwd(), OUT)}`);
  return missed.length || failed.length ? 1 : 0;
}
