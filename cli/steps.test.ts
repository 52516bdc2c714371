import { beforeAll, expect, test } from 'vitest';
import { OPERATIONS, REFUSALS } from '../steps/lib/refusal-words';
import { loadGlossary, type Glossary, type GlossaryEntry } from './step-glossary';
import { renderGlossary } from './steps-render';
import { missingSetUpForms } from './tense-pairs';

let glossary: Glossary;
beforeAll(async () => {
  glossary = await loadGlossary('default');
}, 60_000);

const entry = (pattern: string): GlossaryEntry => {
  const found = glossary.entries.find((e) => e.pattern === pattern);
  if (!found) throw new Error(`no step ${pattern}`);
  return found;
};

test('the glossary lists every step definition of the suite with up to two examples from the features', () => {
  expect(glossary.entries.length).toBeGreaterThan(100);
  // The generated-path scenarios are printed outside features/, so only their own steps may lack an example here.
  const unused = glossary.entries
    .filter((e) => e.examples.length === 0 && e.file !== 'steps/generated.steps.ts')
    .map((e) => `${e.file}:${e.line} ${e.pattern}`);
  expect(unused).toEqual([]);
  expect(glossary.entries.some((e) => e.file === 'steps/ecostruxure/activation.steps.ts')).toBe(true);
  const refusal = entry('{operation} is refused because {refusal}');
  expect(refusal.file).toBe('steps/outcomes.steps.ts');
  expect(refusal.examples).toHaveLength(2);
  expect(refusal.examples[0].uri).not.toBe(refusal.examples[1].uri);
});

test("every parameter lists the values its type allows, read from the type itself, or the pattern and the suite's values", () => {
  const [operation, refusal] = entry('{operation} is refused because {refusal}').parameters;
  expect(operation.values).toEqual([...OPERATIONS]);
  expect(refusal.values).toEqual(Object.keys(REFUSALS));
  expect(refusal.means).toMatch(/problem code/);
  const userType = glossary.entries.flatMap((e) => e.parameters).find((p) => p.name === '{userType}');
  expect(userType?.values).toEqual(['Owner', 'Admin', 'Supervisor', 'User']);
  expect(userType?.needs).toMatch(/Owner and a User/);
  const licenses = entry('{recordedLicense} counts Transferred {int}, Activated {int} and Available {int}').parameters[0];
  expect(licenses.pattern).toContain('its capacity license');
  expect(licenses.used).toEqual(expect.arrayContaining(['the original of its 72220-200 license', 'the license in its inventory']));
  const group = glossary.entries.find((e) => e.pattern.startsWith('/^the licensing cloud ('))!.parameters[0];
  expect(group).toMatchObject({ name: 'group 1', values: ['is unavailable', 'does not answer in time', 'answers only after a while', 'recovers'] });
  for (const e of glossary.entries) for (const p of e.parameters) expect(p.values ?? p.pattern ?? p.means, `${e.pattern} ${p.name}`).toBeTruthy();
});

test('a step that reads a data table shows its columns and a table from the suite, and what its first scenario set up first', () => {
  const order = entry('partner {string} orders again on PO {string}:');
  expect(order.table?.columns).toEqual(['model', 'quantity']);
  expect(order.table?.example[0]).toEqual(['model', 'quantity']);
  expect(order.example?.setUp?.some((s) => s.startsWith('partner "ACE Controls" has ordered on PO'))).toBe(true);
});

test('every action a later scenario may need as a given has its set-up form', () => {
  expect(missingSetUpForms(glossary.entries)).toEqual([]);
});

test('the house rules and every entry reach the text, Markdown and HTML renderings', () => {
  const texts = { text: renderGlossary(glossary, 'text'), markdown: renderGlossary(glossary, 'markdown'), html: renderGlossary(glossary, 'html') };
  for (const [format, out] of Object.entries(texts)) {
    expect(out, format).toContain('is refused because');
    expect(out, format).toContain('gives only an Owner');
    expect(out, format).toContain('the file was withdrawn');
    expect(out, format).toContain('quantity');
  }
  expect(texts.html).toMatch(/^<!doctype html>/);
  expect(texts.html).not.toContain('{string} has no Internet connection</code> <');
  expect(texts.markdown).toContain('## House rules');
});

test('the renderings escape what they show and flag patterns no feature uses', () => {
  const small: Glossary = {
    rules: ['check <every> refusal'],
    entries: [
      {
        file: 'steps/a.steps.ts',
        line: 3,
        keyword: 'Given',
        pattern: 'a {int} & {word}',
        examples: [{ text: 'a 1 & b', uri: 'features/a.feature', line: 4, scenario: 'S', setUp: ['b <exists>'], table: [['x'], ['1']] }],
        parameters: [
          { name: '{int}', means: 'a whole number', used: ['1'] },
          { name: '{word}', values: ['b', 'c'], used: ['b'] },
        ],
        table: { columns: ['x'], example: [['x'], ['1']] },
      },
      { file: 'steps/a.steps.ts', line: 9, keyword: 'Then', pattern: 'never used', examples: [], parameters: [] },
    ],
  };
  small.entries[0].example = small.entries[0].examples[0];
  const markdown = renderGlossary(small, 'markdown');
  expect(markdown).toContain('## steps/a.steps.ts');
  expect(markdown).toContain('  - e.g. Given a 1 & b (features/a.feature:4)');
  expect(markdown).toContain('`{word}`; one of `b`, `c`');
  expect(markdown).toContain('set up first, as in "S": `b <exists>`');
  expect(markdown).toContain('  - not used by any feature');
  expect(markdown).toContain('1 step pattern(s) no feature uses: steps/a.steps.ts:9');
  const html = renderGlossary(small, 'html');
  expect(html).toContain('check &lt;every&gt; refusal');
  expect(html).toContain('<code>a {int} &amp; {word}</code>');
  expect(html).toContain('<th>x</th>');
  expect(renderGlossary(small, 'text')).toContain('      one of: b | c');
});
