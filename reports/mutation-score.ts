import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The mutation score after `npm run mutation`, read from Stryker's JSON report
 * (reports/out/mutation/mutation.json): overall, for the models, and for the emulator's domain
 * core, whose target is 80%. Detected mutants (killed or timed out) over all that ran or had no
 * test (survived, no coverage); mutants that did not compile are not counted.
 */
export interface MutantLike {
  status: string;
  location?: { start: { line: number } };
  mutatorName?: string;
  replacement?: string;
}

export interface MutationReportLike {
  files: Record<string, { mutants: MutantLike[] }>;
}

export interface AreaScore {
  area: string;
  killed: number;
  timedOut: number;
  survived: number;
  noCoverage: number;
  score: number;
}

const CORE_AREA = 'domain core (emulator kernel and services)';
/** The least mutation score the domain core must reach, in percent. */
export const CORE_TARGET = 80;

export const AREAS: readonly { area: string; prefixes: readonly string[] }[] = [
  { area: 'models', prefixes: ['models/'] },
  { area: CORE_AREA, prefixes: ['emulator/kernel/', 'emulator/services/'] },
];

function scoreOf(area: string, mutants: readonly MutantLike[]): AreaScore {
  const n = (status: string) => mutants.filter((m) => m.status === status).length;
  const killed = n('Killed');
  const timedOut = n('Timeout');
  const survived = n('Survived');
  const noCoverage = n('NoCoverage');
  const valid = killed + timedOut + survived + noCoverage;
  return { area, killed, timedOut, survived, noCoverage, score: valid === 0 ? 100 : (100 * (killed + timedOut)) / valid };
}

export function mutationScores(report: MutationReportLike, root = ''): AreaScore[] {
  const files = Object.entries(report.files).map(([path, file]) => ({ path: (root ? relative(root, path) : path).replace(/\\/g, '/'), mutants: file.mutants }));
  return [
    ...AREAS.map(({ area, prefixes }) =>
      scoreOf(
        area,
        files.filter((f) => prefixes.some((p) => f.path.startsWith(p))).flatMap((f) => f.mutants),
      ),
    ),
    scoreOf(
      'all mutated files',
      files.flatMap((f) => f.mutants),
    ),
  ];
}

/** Surviving and uncovered mutants per file, most first: where tests are missing or mutants are equivalent. */
export function survivorsByFile(report: MutationReportLike, root = ''): { file: string; survivors: number }[] {
  return Object.entries(report.files)
    .map(([path, f]) => ({
      file: (root ? relative(root, path) : path).replace(/\\/g, '/'),
      survivors: f.mutants.filter((m) => m.status === 'Survived' || m.status === 'NoCoverage').length,
    }))
    .filter((f) => f.survivors > 0)
    .sort((a, b) => b.survivors - a.survivors || a.file.localeCompare(b.file));
}

export function formatScores(scores: readonly AreaScore[]): string {
  const lines = ['Mutation score', ''];
  for (const s of scores) {
    lines.push(
      `  ${s.area.padEnd(44)} ${s.score.toFixed(2).padStart(6)}%  (killed ${s.killed}, timed out ${s.timedOut}, survived ${s.survived}, no coverage ${s.noCoverage})`,
    );
  }
  return `${lines.join('\n')}\n`;
}

if (require.main === module) {
  const root = join(__dirname, '..');
  const file = join(root, 'reports', 'out', 'mutation', 'mutation.json');
  if (!existsSync(file)) {
    console.error(`No mutation report at ${relative(process.cwd(), file)}; run "npm run mutation" first.`);
    process.exit(1);
  }
  const report = JSON.parse(readFileSync(file, 'utf8')) as MutationReportLike;
  const scores = mutationScores(report, root);
  process.stdout.write(formatScores(scores));
  const survivors = survivorsByFile(report, root);
  if (survivors.length > 0) console.log(`\nSurvivors by file: ${survivors.map((s) => `${s.file} ${s.survivors}`).join(', ')}`);
  console.log(
    `HTML report: ${relative(process.cwd(), join(root, 'reports', 'out', 'mutation', 'index.html'))}; surviving mutants are explained in docs/mutation.md`,
  );
  const core = scores.find((s) => s.area === CORE_AREA)!;
  if (core.score < CORE_TARGET) {
    console.error(`The domain core scores ${core.score.toFixed(2)}%, under its target of ${CORE_TARGET}%.`);
    process.exitCode = 1;
  }
}
