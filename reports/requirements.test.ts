import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { familyOf, parseRequirements } from './requirements';

const own = parseRequirements(readFileSync(join(__dirname, 'requirements.md'), 'utf8'));

test("the project's requirements list carries every ID of the shared catalog, ECX included", () => {
  const counts: Record<string, number> = {};
  for (const r of own.requirements) counts[familyOf(r.id)] = (counts[familyOf(r.id)] ?? 0) + 1;
  // ID-9 and CP-5..7 are the project's own inferences where the shared catalog is silent.
  expect(counts).toEqual({ ID: 9, PO: 2, PP: 12, CP: 7, CMS: 15, CAP: 8, MNT: 7, DEV: 5, VER: 2, ECX: 10 });
  for (const r of own.requirements) expect(r.id).toMatch(new RegExp(`^${familyOf(r.id)}-\\d+$`));
});

test('inferred requirements are marked and the marker is not part of their text', () => {
  const inferred = own.requirements.filter((r) => r.inferred).map((r) => r.id);
  expect(inferred).toEqual(expect.arrayContaining(['ID-3', 'ID-8', 'ID-9', 'CP-5', 'CP-6', 'CP-7', 'CAP-6', 'CMS-13', 'MNT-5']));
  for (const r of own.requirements) expect(r.text).not.toContain('[inferred]');
});

test('the conflicts between sources are read apart from the requirements', () => {
  expect(own.conflicts.map((c) => c.id)).toEqual(['C-1', 'C-2', 'C-3', 'C-4', 'C-5']);
  expect(own.conflicts[0].text).toMatch(/meet or exceed/);
  expect(own.requirements.some((r) => r.id.startsWith('C-'))).toBe(false);
});

test('a requirement listed twice is refused', () => {
  expect(() => parseRequirements('## A\n- **A-1** one\n- **A-1** again\n')).toThrow(/A-1 is listed twice/);
});
