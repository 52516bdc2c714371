import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { smartServerMachine } from '../models/smartserver';
import { buildReport, renderMarkdown, uncoveredHere, type ConformanceInput } from './conformance';
import { renderHtml } from './conformance-html';
import { listScenarios, readCucumberJson, type ScenarioInfo } from './scenarios';

const REQUIREMENTS = `# List
## CAP: Device capacity
- **CAP-1** Capacity is needed.
- **CAP-2** Models are listed. [inferred]
- **CAP-3** The SmartServer counts as one.
## ECX: EcoStruxure
- **ECX-1** Certificates are installed.
## Conflicts between sources
- **C-1** Two pages disagree.
`;

const scenario = (line: number, name: string, tags: string[]): ScenarioInfo => ({
  key: `features/a.feature:${line}`,
  uri: 'features/a.feature',
  line,
  name,
  tags,
});
const SCENARIOS = [
  scenario(5, 'capacity on record', ['@REQ-CAP-1']),
  scenario(9, 'capacity bought', ['@REQ-CAP-1', '@REQ-CAP-2', '@backoffice']),
  scenario(14, 'badge over time', ['@REQ-CAP-2', '@clock', '@backoffice']),
  scenario(20, 'typo', ['@REQ-CAP-9']),
];

function input(overrides: Partial<ConformanceInput> = {}): ConformanceInput {
  return {
    requirementsMarkdown: REQUIREMENTS,
    scenarios: SCENARIOS,
    runs: [
      {
        target: 'mock',
        results: [
          { ...SCENARIOS[0], status: 'passed' },
          { ...SCENARIOS[1], status: 'failed' },
          { ...SCENARIOS[2], status: 'passed' },
          { ...SCENARIOS[3], status: 'passed' },
        ],
        transitions: [{ machine: 'smartserver', from: 'unlicensed', event: 'ACTIVATE', to: 'licensed', count: 1 }],
      },
      {
        target: 'real',
        description: 'a stand-in',
        results: [{ ...SCENARIOS[0], status: 'passed' }],
        leftOut: [
          { expression: '@backoffice', reason: 'needs the back office' },
          { expression: '@clock', reason: 'moves the clock' },
        ],
        mix: {
          systems: { vendor: 'https://staging.example', smartservers: 'emulated in this process' },
          surfaces: { partnerPortal: './drivers/pp.ts', cms: 'the API' },
        },
      },
    ],
    machines: [{ title: 'SmartServer', machine: smartServerMachine }],
    elsewhere: ['ECX'],
    ...overrides,
  };
}

test('a requirement is covered by a passing scenario on the in-process run, with its result on every target', () => {
  const report = buildReport(input());
  const cap1 = report.rows.find((r) => r.id === 'CAP-1')!;
  expect(cap1.covered).toBe(true);
  expect(cap1.scenarios.map((s) => [s.scenario.name, s.results])).toEqual([
    ['capacity on record', { mock: 'passed', real: 'passed' }],
    ['capacity bought', { mock: 'failed', real: 'left out' }],
  ]);
  expect(report.rows.find((r) => r.id === 'CAP-2')).toMatchObject({ covered: true, inferred: true });
  expect(report.coverageTarget).toBe('mock');
});

test('uncovered requirements say why, and families checked elsewhere are kept apart', () => {
  const failing = input();
  failing.runs[0].results = failing.runs[0].results.map((r) => (r.line === 5 ? { ...r, status: 'failed' as const } : r));
  const report = buildReport(failing);
  expect(report.uncovered.map((r) => [r.id, r.gap])).toEqual([
    ['CAP-1', 'no scenario passes'],
    ['CAP-3', 'no scenario checks it'],
    ['ECX-1', 'no scenario checks it'],
  ]);
  expect(uncoveredHere(report).map((r) => r.id)).toEqual(['CAP-1', 'CAP-3']);
  const markdown = renderMarkdown(report);
  expect(markdown).toContain('**UNCOVERED CAP-3** (no scenario checks it): The SmartServer counts as one.');
  expect(markdown).toContain('(checked by the EcoStruxure part of the suite)');
  expect(markdown).toContain('**2 requirement(s) outside ECX are not covered.**');
});

test('a tag naming no known requirement is reported', () => {
  expect(buildReport(input()).unknownTags).toEqual([{ tag: '@REQ-CAP-9', scenarios: ['typo'] }]);
});

test("scenarios a target's mix leaves out are listed with every reason, and the mix that ran is shown", () => {
  const report = buildReport(input());
  expect(report.leftOut.map((l) => [l.target, l.scenario.name, l.reasons])).toEqual([
    ['real', 'capacity bought', ['needs the back office']],
    ['real', 'badge over time', ['needs the back office', 'moves the clock']],
  ]);
  expect(renderMarkdown(report, true)).toContain('The real target left out 2 scenarios');
  expect(renderMarkdown(report, true)).toContain('- 2: needs the back office');
  expect(report.targetMixes).toEqual({
    mock: [],
    real: ['vendor: https://staging.example', 'smartservers: emulated in this process', 'partnerPortal through ./drivers/pp.ts'],
  });
  expect(renderMarkdown(report)).toContain('  - partnerPortal through ./drivers/pp.ts');
  // A scenario a target ran is never counted as left out, whatever its tags.
  const ranAll = input();
  ranAll.runs[1].results = ranAll.runs[0].results;
  expect(buildReport(ranAll).leftOut).toEqual([]);
});

test('the conflicts and the machine diagrams with their exercised transitions reach both renderings', () => {
  const report = buildReport(input());
  expect(report.conflicts).toEqual([{ id: 'C-1', text: 'Two pages disagree.' }]);
  expect(report.machines[0]).toMatchObject({ exercised: 2, edges: 6 });
  const html = renderHtml(report);
  // The diagram is drawn into the page, the exercised transition marked, and nothing is loaded.
  expect(html).toMatch(/<svg [^>]*class="state-diagram"[^>]*role="img"/);
  expect(html).toMatch(/<path class="edge exercised"/);
  expect(html).toContain('>ACTIVATE ✔ 1</text>');
  expect(html).toContain('unlicensed --&gt; deciding : ACTIVATE ✔ 1');
  expect(html).not.toMatch(/<script|<link|src="https?:|url\((?!#)/);
  expect(html).toContain('<tr id="req-CAP-3" class="uncovered"><th scope="row">CAP-3</th>');
  expect(renderMarkdown(report)).toContain('```mermaid\nstateDiagram-v2');
  expect(renderMarkdown(report, true)).not.toContain('```mermaid');
});

test("cucumber's JSON gives one result per scenario, a failing hook failing it", () => {
  const json = JSON.stringify([
    {
      uri: 'features/a.feature',
      elements: [
        { type: 'background', name: '', line: 3, steps: [{ result: { status: 'passed' } }] },
        {
          type: 'scenario',
          name: 'ok',
          line: 5,
          tags: [{ name: '@REQ-CAP-1' }],
          steps: [{ keyword: 'Before', result: { status: 'passed' } }, { result: { status: 'passed' } }],
        },
        {
          type: 'scenario',
          name: 'hook',
          line: 9,
          steps: [{ result: { status: 'passed' } }, { keyword: 'After', result: { status: 'failed', error_message: 'refused\nstack' } }],
        },
        { type: 'scenario', name: 'missing', line: 12, steps: [{ result: { status: 'undefined' } }, { result: { status: 'skipped' } }] },
      ],
    },
  ]);
  expect(readCucumberJson(json).map((r) => [r.key, r.status, r.error ?? null])).toEqual([
    ['features/a.feature:5', 'passed', null],
    ['features/a.feature:9', 'failed', 'refused'],
    ['features/a.feature:12', 'undefined', null],
  ]);
});

test('every row of a Scenario Outline is a scenario of its own, with inherited tags', () => {
  const root = mkdtempSync(join(tmpdir(), 'sslab-report-'));
  mkdirSync(join(root, 'features', 'x'), { recursive: true });
  writeFileSync(
    join(root, 'features', 'x', 'a.feature'),
    [
      '@area:x',
      'Feature: F',
      '',
      '  @REQ-CAP-2',
      '  Scenario Outline: model <m>',
      '    Given <m>',
      '',
      '    Examples:',
      '      | m |',
      '      | a |',
      '      | b |',
      '',
    ].join('\n'),
  );
  expect(listScenarios(join(root, 'features'), root)).toEqual([
    { key: 'features/x/a.feature:10', uri: 'features/x/a.feature', line: 10, name: 'model a', tags: ['@area:x', '@REQ-CAP-2'] },
    { key: 'features/x/a.feature:11', uri: 'features/x/a.feature', line: 11, name: 'model b', tags: ['@area:x', '@REQ-CAP-2'] },
  ]);
});

test("the headline counts each target's own results, coverage per target and area, conflicts and inferred rules", () => {
  const report = buildReport(input());
  expect(report.headline).toEqual({
    requirements: 4,
    conflicts: 1,
    inferred: 1,
    targets: [
      { target: 'mock', covered: 2, requirements: 4, scenarios: 4, passed: 3, failed: 1, otherwise: 0, leftOut: 0, leftOutReasons: [] },
      {
        target: 'real',
        covered: 1,
        requirements: 4,
        scenarios: 1,
        passed: 1,
        failed: 0,
        otherwise: 0,
        leftOut: 2,
        leftOutReasons: [
          { reason: 'needs the back office', scenarios: 2 },
          { reason: 'moves the clock', scenarios: 1 },
        ],
      },
    ],
    areas: [
      { area: 'CAP: Device capacity', requirements: 3, covered: { mock: 2, real: 1 }, inferred: 1, conflicts: 0 },
      { area: 'ECX: EcoStruxure', requirements: 1, covered: { mock: 0, real: 0 }, inferred: 0, conflicts: 0 },
    ],
  });
});

test('conflicts and inferred rules are linked from the headline and from the requirements they concern; Markdown is rendered', () => {
  const withConflict = input({
    requirementsMarkdown: REQUIREMENTS.replace('- **C-1** Two pages disagree.', '- **C-1** For CAP-1 one page says *match*, the other `at least`.'),
  });
  const report = buildReport(withConflict);
  expect(report.rows.find((r) => r.id === 'CAP-1')!.conflicts).toEqual(['C-1']);
  expect(report.headline.areas[0].conflicts).toBe(1);
  const html = renderHtml(report, { cucumberReports: { mock: 'mock/cucumber.html' }, screenshots: ['screenshots/cms-login.png'] });
  const headline = html.slice(html.indexOf('<section id="headline"'), html.indexOf('</section>'));
  expect(headline).toContain('<a href="#conflicts"><span class="figure" data-count="conflicts">1</span>');
  expect(headline).toContain('<a href="#C-1">C-1</a>');
  expect(headline).toContain('<a href="#req-CAP-2">CAP-2</a>');
  expect(html).toMatch(/<tr id="req-CAP-1"[\s\S]*?<a href="#C-1" class="note conflict">conflict C-1<\/a>/);
  expect(html).toMatch(/<tr id="req-CAP-2"[\s\S]*?<a href="#inferred" class="note">inferred<\/a>/);
  expect(html).toContain('<li id="C-1"><strong>C-1</strong> For CAP-1 one page says <em>match</em>, the other <code>at least</code>.');
  expect(html).not.toContain('*match*');
  // Each scenario opens the cucumber report of the target it ran on, searched for by its name.
  expect(html).toContain('<a href="mock/cucumber.html?query=capacity%20on%20record">mock <span class="s passed">');
  expect(html).toContain('<img src="screenshots/cms-login.png" alt="cms login"');
});
