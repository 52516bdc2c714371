import { expect, test } from 'vitest';
import { formatScores, mutationScores, survivorsByFile, type MutationReportLike } from './mutation-score';

const mutants = (...statuses: string[]) => statuses.map((status) => ({ status }));

const REPORT: MutationReportLike = {
  files: {
    '/repo/models/dates.ts': { mutants: mutants('Killed', 'Killed', 'Killed', 'Survived') },
    '/repo/emulator/services/licensing-cloud/service.ts': { mutants: mutants('Killed', 'Timeout', 'NoCoverage', 'Survived', 'CompileError', 'Ignored') },
  },
};

test('the score counts killed and timed-out mutants over every mutant that ran or had no test', () => {
  const [models, core, all] = mutationScores(REPORT, '/repo');
  expect(models).toMatchObject({ area: 'models', killed: 3, survived: 1, score: 75 });
  expect(core).toMatchObject({ area: 'domain core (emulator kernel and services)', killed: 1, timedOut: 1, survived: 1, noCoverage: 1, score: 50 });
  expect(all.score).toBeCloseTo(62.5);
});

test('an area without mutants scores 100, and survivors are listed by file, most first', () => {
  expect(mutationScores({ files: {} })[0].score).toBe(100);
  expect(survivorsByFile(REPORT, '/repo')).toEqual([
    { file: 'emulator/services/licensing-cloud/service.ts', survivors: 2 },
    { file: 'models/dates.ts', survivors: 1 },
  ]);
});

test('the printed table gives each area its score with two decimals', () => {
  expect(formatScores(mutationScores(REPORT, '/repo'))).toContain(
    '  domain core (emulator kernel and services)    50.00%  (killed 1, timed out 1, survived 1, no coverage 1)',
  );
});
