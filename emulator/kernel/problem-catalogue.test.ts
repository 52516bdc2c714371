import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { PROBLEM_CATALOGUE, PROBLEM_CODES } from './problem-catalogue';

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));
}

test('every code has a plain title, a meaning and a way out, and codes are stable slugs', () => {
  for (const code of PROBLEM_CODES) {
    const { title, meaning, wayOut } = PROBLEM_CATALOGUE[code];
    expect(code).toMatch(/^[a-z0-9]+([-.][a-z0-9]+)*$/);
    expect(title.length, code).toBeLessThanOrEqual(60);
    expect(meaning, code).toMatch(/\.$/);
    expect(wayOut, code).toMatch(/\.$/);
  }
});

test("the catalogue's status of each code is the status it is raised with", () => {
  // The types make every code raised a catalogued one; this holds their statuses to the catalogue.
  const text = [...sources('models'), ...sources('emulator')].join('\n').replace(/\s+/g, ' ');
  const raised: [string, number][] = [];
  for (const m of text.matchAll(/refuse\( ?'([a-z0-9.-]+)', ?'(rule|state)'/g)) raised.push([m[1], m[2] === 'rule' ? 422 : 409]);
  for (const m of text.matchAll(/\b(conflict|ruleBroken|forbidden)\( ?'([a-z0-9.-]+)'/g))
    raised.push([m[2], { conflict: 409, ruleBroken: 422, forbidden: 403 }[m[1] as 'conflict']]);
  for (const m of text.matchAll(/new Problem\( ?(\d{3}), ?'([a-z0-9.-]+)'/g)) raised.push([m[2], Number(m[1])]);
  expect(raised.length).toBeGreaterThan(80);
  const wrong = raised.filter(([code, status]) => PROBLEM_CATALOGUE[code as keyof typeof PROBLEM_CATALOGUE]?.status !== status);
  expect(wrong).toEqual([]);
});
