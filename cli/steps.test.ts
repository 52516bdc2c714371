import { expect, test } from 'vitest';
import { renderGlossary, stepGlossary } from './steps';

test('the glossary lists every step definition of the suite with an example from the features', async () => {
  const entries = await stepGlossary('default');
  expect(entries.length).toBeGreaterThan(100);
  // The generated-path scenarios are printed outside features/, so only their own steps may lack an example here.
  const unused = entries.filter((e) => !e.example && e.file !== 'steps/generated.steps.ts').map((e) => `${e.file}:${e.line} ${e.pattern}`);
  expect(unused).toEqual([]);
  expect(entries.some((e) => e.file === 'steps/ecostruxure/activation.steps.ts')).toBe(true);
  const refusal = entries.find((e) => e.pattern === '{operation} is refused because {refusal}');
  expect(refusal?.file).toBe('steps/outcomes.steps.ts');
  expect(refusal?.example?.text).toMatch(/ is refused because /);
}, 60_000);

test('the glossary groups patterns by step file and flags patterns no feature uses', () => {
  const markdown = renderGlossary([
    { file: 'steps/a.steps.ts', line: 3, keyword: 'Given', pattern: 'a {int}', example: { text: 'a 1', uri: 'features/a.feature', line: 4 } },
    { file: 'steps/a.steps.ts', line: 9, keyword: 'Then', pattern: 'never used' },
  ]);
  expect(markdown).toContain('## steps/a.steps.ts');
  expect(markdown).toContain('  - e.g. Given a 1 (features/a.feature:4)');
  expect(markdown).toContain('  - not used by any feature');
  expect(markdown).toContain('1 step pattern(s) no feature uses: steps/a.steps.ts:9');
});
