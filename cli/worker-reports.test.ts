import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { clearWorkerReports, joinWorkerReports } from './worker-reports';

const transition = (event: string, count: number) => ({ machine: 'license', from: 'available', event, to: 'withCustomer', count });
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

test("a parallel run's worker files become one target.json and transitions.json, counted as one run seeded once", () => {
  const dir = mkdtempSync(join(tmpdir(), 'sslab-workers-'));
  const seeding = [transition('SEED', 3)];
  for (const [worker, transfers, port] of [
    [0, 2, 1001],
    [1, 5, 1002],
  ] as const) {
    writeFileSync(
      join(dir, `transitions.worker-${worker}.json`),
      json({ target: 'browser', transitions: [...seeding, transition('TRANSFER', transfers)], atStart: seeding }),
    );
    writeFileSync(
      join(dir, `target.worker-${worker}.json`),
      json({ target: 'browser', baseUrl: `http://127.0.0.1:${port}`, requestsAnswered: transfers, startMs: 100, answeringMs: 10 * transfers, resetMs: worker }),
    );
  }
  joinWorkerReports(dir);
  expect(readdirSync(dir).sort()).toEqual(['target.json', 'transitions.json']);
  const transitions = JSON.parse(readFileSync(join(dir, 'transitions.json'), 'utf8'));
  expect(transitions.transitions).toEqual([transition('SEED', 3), transition('TRANSFER', 7)]);
  expect(JSON.parse(readFileSync(join(dir, 'target.json'), 'utf8'))).toEqual({
    target: 'browser',
    baseUrl: 'http://127.0.0.1:1001',
    requestsAnswered: 7,
    startMs: 200,
    answeringMs: 70,
    resetMs: 1,
  });
});

test('a run of one process is left as it wrote itself, and an earlier run’s worker files are cleared before the next', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sslab-workers-'));
  writeFileSync(join(dir, 'target.json'), json({ target: 'mock' }));
  joinWorkerReports(dir);
  expect(JSON.parse(readFileSync(join(dir, 'target.json'), 'utf8'))).toEqual({ target: 'mock' });
  writeFileSync(join(dir, 'transitions.worker-3.json'), json({ target: 'browser', transitions: [] }));
  clearWorkerReports(dir);
  expect(existsSync(join(dir, 'transitions.worker-3.json'))).toBe(false);
  expect(existsSync(join(dir, 'target.json'))).toBe(true);
  joinWorkerReports(join(dir, 'not-there'));
});
