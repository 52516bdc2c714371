import { expect, test } from 'vitest';
import { deviceMachine } from '../models/device.machine';
import { smartServerMachine } from '../models/smartserver';
import { buildReport, renderMarkdown } from './conformance';
import { renderHtml } from './conformance-html';
import type { RecordedTransition } from './machines';
import { compareTransitionCoverage, transitionCoverage, transitionCoverageMarkdown } from './transition-coverage';

/** The hand-written suite's transitions beside the generated paths', per machine. */
const byHand: RecordedTransition[] = [
  { machine: 'smartserver', from: 'unlicensed', event: 'ACTIVATE', to: 'licensed', count: 3 },
  { machine: 'smartserver', from: 'licensed', event: 'RETURN_ALL', to: 'unlicensed', count: 1 },
];
const generated: RecordedTransition[] = [
  { machine: 'smartserver', from: 'unlicensed', event: 'ACTIVATE', to: 'licensed', count: 2 },
  { machine: 'smartserver', from: 'unlicensed', event: 'ACTIVATE', to: 'unlicensed', count: 1 },
  { machine: 'smartserver', from: 'unlicensed', event: 'RETURN_ALL', to: 'unlicensed', count: 1 },
];

test('each transition of the machine shows how often each side took it, and which only the generated paths took', () => {
  const c = compareTransitionCoverage('SmartServer', smartServerMachine, byHand, generated);
  expect(c.edges).toBe(6);
  expect(c.rows.find((r) => r.transition === 'unlicensed --ACTIVATE--> deciding')).toEqual({
    transition: 'unlicensed --ACTIVATE--> deciding',
    handWritten: 3,
    generated: 3,
  });
  expect(c.generatedOnly).toEqual(['unlicensed --RETURN_ALL--> deciding']);
  expect(c.neither).toEqual(['licensed --ACTIVATE--> deciding']);
});

test('only the machines the generated paths ran for are compared', () => {
  const compared = transitionCoverage(
    [
      { title: 'SmartServer', machine: smartServerMachine },
      { title: 'Device', machine: deviceMachine },
    ],
    byHand,
    generated,
  );
  expect(compared.map((c) => c.title)).toEqual(['SmartServer']);
  expect(transitionCoverage([{ title: 'Device', machine: deviceMachine }], byHand, [])).toEqual([]);
});

test('the summary line counts both sides and names the transitions only generated paths took', () => {
  const lines = transitionCoverageMarkdown([compareTransitionCoverage('SmartServer', smartServerMachine, byHand, generated)], true);
  expect(lines).toContain(
    '- **SmartServer**: hand-written 4 of 6, generated 4 of 6; only generated: unlicensed --RETURN_ALL--> deciding; neither: licensed --ACTIVATE--> deciding',
  );
});

test('the conformance report carries the comparison in Markdown and HTML', () => {
  const report = buildReport({
    requirementsMarkdown: '# List\n## CAP: Capacity\n- **CAP-1** Capacity is needed.\n',
    scenarios: [],
    runs: [{ target: 'mock', results: [], transitions: byHand, generatedTransitions: generated }],
    machines: [{ title: 'SmartServer', machine: smartServerMachine }],
  });
  expect(report.transitionCoverage[0].generatedOnly).toEqual(['unlicensed --RETURN_ALL--> deciding']);
  expect(renderMarkdown(report)).toContain('## Transitions: hand-written scenarios and generated paths');
  expect(renderMarkdown(report)).toContain('| `unlicensed --RETURN_ALL--> deciding` | · | 1 |');
  expect(renderHtml(report)).toContain(
    '<tr class="uncovered"><td><code>unlicensed --RETURN_ALL--&gt; deciding</code></td><td>·</td><td>1</td><td>generated only</td></tr>',
  );
});
