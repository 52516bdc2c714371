import { expect, test } from 'vitest';
import { tallyJunit } from '../cli/junit-summary';
import {
  checkShardSets,
  MergeRefusal,
  mergeCucumberJson,
  mergeJunit,
  mergeMessages,
  mergeTransitions,
  parseShardRecord,
  type ShardRecord,
  type ShardReports,
} from './merge';

/** Joining shards' reports: what does not fit is refused, what fits adds up to one run. */
const scenarioJson = (uri: string, lines: number[]) =>
  JSON.stringify([{ uri, name: uri, elements: lines.map((line) => ({ type: 'scenario', line, steps: [{ result: { status: 'passed', duration: 1e6 } }] })) }]);

function shard(index: number, total: number, overrides: Partial<ShardRecord> = {}, files: Partial<ShardReports> = {}): ShardReports {
  const uri = `features/f${index}.feature`;
  return {
    dir: `shards/${overrides.target ?? 'mock'}-${index}`,
    record: {
      target: 'mock',
      index,
      total,
      tags: null,
      balancedBy: 'scenario count',
      split: 'abc',
      features: [uri],
      generatedPaths: index === 1,
      ...overrides,
    },
    cucumberJson: scenarioJson(uri, [3, 7]),
    messages: '',
    junit: `<?xml version="1.0"?>\n<testsuite name="conformance (mock)" time="1.5" tests="2" skipped="0" failures="0" errors="0" timestamp="2026-01-0${index}T00:00:00.000Z">\n  <testcase classname="F${index}" name="a" time="0.1">\n  </testcase>\n  <testcase classname="F${index}" name="b" time="0.1">\n  </testcase>\n</testsuite>`,
    ...files,
  };
}

const sets = (...shards: ShardReports[]) => {
  const byTarget = new Map<string, ShardReports[]>();
  for (const s of shards) byTarget.set(s.record.target, [...(byTarget.get(s.record.target) ?? []), s]);
  return byTarget;
};

test('a whole set of shards per target is accepted', () => {
  expect(() => checkShardSets(sets(shard(1, 2), shard(2, 2), shard(1, 1, { target: 'emulator' })))).not.toThrow();
});

test('a missing shard is refused, naming it and those given', () => {
  expect(() => checkShardSets(sets(shard(1, 4), shard(3, 4), shard(4, 4)))).toThrow(
    new MergeRefusal('shard 2/4 of the mock target is missing (given: 1/4, 3/4, 4/4)'),
  );
});

test('shards of different targets mixed up are refused as such', () => {
  expect(() => checkShardSets(sets(shard(1, 2), shard(2, 2, { target: 'emulator' })))).toThrow(
    new MergeRefusal(
      'shard 2/2 of the mock target is missing (given: 1/2); shard 2/2 of the emulator target is no stand-in: shards of different targets cannot be joined',
    ),
  );
});

test('a shard given twice, another shard count, other tags or another split are refused', () => {
  expect(() => checkShardSets(sets(shard(1, 2), shard(2, 2), { ...shard(2, 2), dir: 'copy' }))).toThrow(
    'shard 2/2 of the mock target is given twice: shards/mock-2 and copy',
  );
  expect(() => checkShardSets(sets(shard(1, 2), shard(2, 3)))).toThrow(
    'the mock shards disagree on the shard count: 1/2 in shards/mock-1, 2/3 in shards/mock-2',
  );
  expect(() => checkShardSets(sets(shard(1, 2), shard(2, 2, { tags: '@clock' })))).toThrow('the mock shards ran with different --tags');
  expect(() => checkShardSets(sets(shard(1, 2), shard(2, 2, { split: 'def' })))).toThrow(/shards 1\/2 and 2\/2 of the mock target were split differently/);
});

test('a shard that ran features but left no reports is refused; an empty shard needs none', () => {
  expect(() => checkShardSets(sets(shard(1, 2), shard(2, 2, {}, { junit: undefined })))).toThrow(
    'shard 2/2 of the mock target (shards/mock-2) has no cucumber-junit.xml; did its run stop early?',
  );
  expect(() => checkShardSets(sets(shard(1, 2), shard(2, 2, { features: [] }, { cucumberJson: undefined, junit: undefined })))).not.toThrow();
});

test('a scenario reported by two shards is refused', () => {
  const twice = shard(2, 2, {}, { cucumberJson: scenarioJson('features/f1.feature', [7]) });
  expect(() => mergeCucumberJson([shard(1, 2), twice])).toThrow(
    new MergeRefusal('scenario features/f1.feature:7 of the mock target is reported twice: by shard 1/2 and shard 2/2'),
  );
});

test('cucumber JSON joins the features in path order', () => {
  const merged = JSON.parse(mergeCucumberJson([shard(2, 2), shard(1, 2)])) as { uri: string }[];
  expect(merged.map((f) => f.uri)).toEqual(['features/f1.feature', 'features/f2.feature']);
});

test('JUnit joins the test cases and adds up the counts', () => {
  const merged = mergeJunit([shard(1, 2), shard(2, 2, {}, { junit: shard(2, 2).junit!.replace('failures="0"', 'failures="1"') })]);
  expect(merged).toMatch(/<testsuite name="conformance \(mock\)" time="3" tests="4" skipped="0" failures="1" errors="0" timestamp="2026-01-01T00:00:00.000Z">/);
  expect(tallyJunit(merged).passed).toBe(4);
  expect(merged.match(/<testsuite\b/g)).toHaveLength(1);
});

test('messages become one test run, successful only if every shard was', () => {
  const stream = (id: string, seconds: number, success: boolean, pickle: string) =>
    [
      { meta: { protocolVersion: '32' } },
      { pickle: { id: pickle } },
      { testRunStarted: { id, timestamp: { seconds, nanos: 0 } } },
      { testCase: { id: `tc-${pickle}`, pickleId: pickle, testRunStartedId: id } },
      { testRunFinished: { testRunStartedId: id, success, timestamp: { seconds: seconds + 5, nanos: 0 } } },
    ]
      .map((e) => JSON.stringify(e))
      .join('\n');
  const merged = mergeMessages([
    shard(1, 2, {}, { messages: stream('run-1', 100, true, 'p1') }),
    shard(2, 2, {}, { messages: stream('run-2', 90, false, 'p2') }),
  ])
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, Record<string, unknown>>);
  expect(merged.map((e) => Object.keys(e)[0])).toEqual(['meta', 'pickle', 'pickle', 'testRunStarted', 'testCase', 'testCase', 'testRunFinished']);
  expect(merged[3].testRunStarted).toEqual({ id: 'run-1', timestamp: { seconds: 90, nanos: 0 } });
  expect(merged.filter((e) => e.testCase).map((e) => e.testCase.testRunStartedId)).toEqual(['run-1', 'run-1']);
  expect(merged[6].testRunFinished).toEqual({ testRunStartedId: 'run-1', success: false, timestamp: { seconds: 105, nanos: 0 } });
});

test('transitions add up, with the seeding before the first scenario counted once', () => {
  const seeded = [{ machine: 'license', from: 'new', to: 'inInventory', count: 4 }];
  const file = (count: number) =>
    JSON.stringify({ target: 'mock', transitions: [{ machine: 'license', from: 'new', to: 'inInventory', count }], atStart: seeded });
  const merged = JSON.parse(mergeTransitions([shard(1, 2, {}, { transitions: file(10) }), shard(2, 2, {}, { transitions: file(7) })])!) as {
    transitions: { count: number }[];
  };
  expect(merged.transitions[0].count).toBe(10 + 7 - 4);
});

test('a shard.json that is not one is refused', () => {
  expect(() => parseShardRecord('{"target":"mock"}', 'x/shard.json')).toThrow(/x\/shard.json lacks target, index, total/);
  expect(() => parseShardRecord('nope', 'x/shard.json')).toThrow('x/shard.json is not JSON');
});
