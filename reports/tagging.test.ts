import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { parseRequirements } from './requirements';
import { listScenarios } from './scenarios';

const ROOT = join(__dirname, '..');
const scenarios = listScenarios(join(ROOT, 'features'), ROOT);
const known = new Set(parseRequirements(readFileSync(join(__dirname, 'requirements.md'), 'utf8')).requirements.map((r) => r.id));

test('every scenario names its area after its folder and checks at least one known requirement', () => {
  expect(scenarios.length).toBeGreaterThan(150);
  const wrong = scenarios.flatMap((s) => {
    const folder = s.uri.split('/')[1];
    const areas = s.tags.filter((t) => t.startsWith('@area:'));
    const requirements = s.tags.filter((t) => t.startsWith('@REQ-')).map((t) => t.slice(5));
    const problems = [
      ...(areas.length === 1 && areas[0] === `@area:${folder}` ? [] : [`area tags ${areas.join(' ') || 'none'}`]),
      ...(requirements.length > 0 ? [] : ['no requirement tag']),
      ...requirements.filter((id) => !known.has(id)).map((id) => `unknown requirement ${id}`),
    ];
    return problems.map((p) => `${s.uri}:${s.line} ${s.name}: ${p}`);
  });
  expect(wrong).toEqual([]);
});

test('scenarios resting on an inference say so', () => {
  const inferred = scenarios.filter((s) => s.tags.includes('@inferred')).map((s) => s.uri);
  for (const file of [
    'features/smartserver-cms/notifications.feature',
    'features/maintenance/status_indicator.feature',
    'features/identities/install_codes.feature',
  ]) {
    expect(inferred).toContain(file);
  }
});
