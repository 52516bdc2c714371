import { expect, test } from 'vitest';
import { benchFiles, formatFigure, judge, machine } from './bench';

test('each figure is judged against its target in the direction the target says', () => {
  const judged = judge({
    name: 'sample',
    figures: [
      { name: 'fast enough', value: 4, unit: 'ms', target: { op: '<=', value: 5 } },
      { name: 'too slow', value: 6, unit: 'ms', target: { op: '<=', value: 5 } },
      { name: 'big enough', value: 10_000, unit: 'SmartServers', target: { op: '>=', value: 10_000 } },
      { name: 'just informative', value: 3, unit: 'ms' },
    ],
  });
  expect(judged.figures.map((f) => f.meets)).toEqual([true, false, true, undefined]);
  expect(formatFigure(judged.figures[1])).toMatch(/^ {2}MISS too slow +6 ms {2}target <= 5 ms$/);
  expect(formatFigure(judged.figures[2])).toContain('10,000 SmartServers  target >= 10,000 SmartServers');
});

test('the machine a bench ran on is described by cpu, cores, memory and node version', () => {
  const m = machine();
  expect(m.cores).toBeGreaterThan(0);
  expect(m.memoryGiB).toBeGreaterThan(0);
  expect(m.node).toBe(process.version);
  expect(m.cpu).not.toBe('');
});

test('--only picks the bench of that exact name before any whose name merely contains it', () => {
  const names = ['suite.bench.ts', 'browser-suite.bench.ts', 'fleet.bench.ts', 'fleet-load.child.ts', 'types.ts'];
  expect(benchFiles(names, 'suite')).toEqual(['suite.bench.ts']);
  expect(benchFiles(names, 'browser')).toEqual(['browser-suite.bench.ts']);
  expect(benchFiles(names, 'uite')).toEqual(['browser-suite.bench.ts', 'suite.bench.ts']);
  expect(benchFiles(names, undefined)).toEqual(['browser-suite.bench.ts', 'fleet.bench.ts', 'suite.bench.ts']);
  expect(benchFiles(names, 'storm')).toEqual([]);
});
