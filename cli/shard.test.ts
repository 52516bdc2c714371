import fc from 'fast-check';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';
import { featureFiles } from '../reports/scenarios';
import { UsageError } from './args';
import { conformanceCommand } from './conformance';
import { parseShard, planShard, splitFeatures, weighFeatures, type FeatureWeight } from './shard';

/** `sslab conformance --shard i/n`: how the feature files are dealt out to the shards. */
const ROOT = join(__dirname, '..');
const FEATURES = featureFiles(join(ROOT, 'features')).map((path) => relative(ROOT, path).replace(/\\/g, '/'));

test('--shard reads i/n with 1 ≤ i ≤ n', () => {
  expect(parseShard('2/4')).toEqual({ index: 2, total: 4 });
  expect(parseShard('1/1')).toEqual({ index: 1, total: 1 });
});

test('a --shard that is not i/n, numbers from 0, or runs past n is refused naming the flag and the rule', async () => {
  expect(() => parseShard('2')).toThrow(new UsageError('--shard takes "i/n", the shard to run and how many there are, e.g. 2/4; not "2"'));
  expect(() => parseShard('a/b')).toThrow(/^--shard takes "i\/n"/);
  expect(() => parseShard('-1/4')).toThrow(/^--shard takes "i\/n"/);
  expect(() => parseShard('0/4')).toThrow(new UsageError('--shard 0/4: shards are numbered from 1 to 4, like 1/4 … 4/4'));
  expect(() => parseShard('5/4')).toThrow(new UsageError('--shard 5/4: shards are numbered from 1 to 4, like 1/4 … 4/4'));
  expect(() => parseShard('1/0')).toThrow(new UsageError('--shard 1/0: there must be at least one shard'));
  // Refused before anything runs or is cleared.
  await expect(conformanceCommand(['--shard', '3/2'])).rejects.toThrow(UsageError);
});

const weights = fc.uniqueArray(fc.record({ uri: fc.stringMatching(/^features\/[a-z]{1,8}\.feature$/), weight: fc.nat({ max: 1000 }) }), {
  selector: (f) => f.uri,
  maxLength: 40,
});

test('every feature lands in exactly one shard, whatever the weights and the shard count', () => {
  fc.assert(
    fc.property(weights, fc.integer({ min: 1, max: 8 }), (features, total) => {
      const shards = splitFeatures(features, total);
      expect(shards).toHaveLength(total);
      const dealt = shards.flat();
      expect(new Set(dealt).size).toBe(dealt.length);
      expect([...dealt].sort()).toEqual(features.map((f) => f.uri).sort());
    }),
  );
});

test('the split depends on the features and weights only, not on the order they are listed in', () => {
  fc.assert(
    fc.property(weights, fc.integer({ min: 1, max: 6 }), (features, total) => {
      const reversed: FeatureWeight[] = [...features].reverse();
      expect(splitFeatures(reversed, total)).toEqual(splitFeatures(features, total));
    }),
  );
});

test('the suite is split the same on every call, and its shards together are every feature file once', () => {
  const plans = [1, 2, 3, 4].map((index) => planShard({ index, total: 4 }, 'mock', undefined, undefined, index === 1));
  expect(plans.map((p) => p.features)).toEqual([1, 2, 3, 4].map((index) => planShard({ index, total: 4 }, 'mock', undefined, undefined, false).features));
  expect(new Set(plans.map((p) => p.split)).size).toBe(1);
  const dealt = plans.flatMap((p) => p.features);
  expect(new Set(dealt).size).toBe(dealt.length);
  expect(dealt.sort()).toEqual([...FEATURES].sort());
  for (const p of plans) expect(p.features.length).toBeGreaterThan(0);
});

test('features that weigh nothing are spread over the shards, not piled onto one', () => {
  const features = ['a', 'b', 'c', 'd', 'e'].map((name) => ({ uri: `features/${name}.feature`, weight: 0 }));
  expect(splitFeatures(features, 2)).toEqual([
    ['features/a.feature', 'features/c.feature', 'features/e.feature'],
    ['features/b.feature', 'features/d.feature'],
  ]);
});

test('without timings the shards are balanced by scenario count', () => {
  const scenarios = [
    ...Array.from({ length: 6 }, (_, i) => ({ uri: 'features/big.feature', key: `features/big.feature:${i}` })),
    ...Array.from({ length: 3 }, (_, i) => ({ uri: 'features/mid.feature', key: `features/mid.feature:${i}` })),
    ...Array.from({ length: 3 }, (_, i) => ({ uri: 'features/small.feature', key: `features/small.feature:${i}` })),
  ];
  const { weights, balancedBy } = weighFeatures(
    ['features/big.feature', 'features/mid.feature', 'features/small.feature', 'features/empty.feature'],
    scenarios,
    {},
  );
  expect(balancedBy).toBe('scenario count');
  // 6 against 3 + 3; the empty feature goes to the lower-numbered of the two equal shards.
  expect(splitFeatures(weights, 2)).toEqual([
    ['features/big.feature', 'features/empty.feature'],
    ['features/mid.feature', 'features/small.feature'],
  ]);
});

test('with timings the shards are balanced by time, a scenario not timed yet counted at the mean', () => {
  // By count a.feature (1 scenario) is the lightest; by time it is the heaviest and gets a shard of its own.
  const scenarios = [
    { uri: 'features/a.feature', key: 'features/a.feature:3' },
    { uri: 'features/b.feature', key: 'features/b.feature:3' },
    { uri: 'features/b.feature', key: 'features/b.feature:9' },
    { uri: 'features/c.feature', key: 'features/c.feature:3' },
    { uri: 'features/c.feature', key: 'features/c.feature:9' },
  ];
  const timings = { 'features/a.feature:3': 900, 'features/b.feature:3': 100, 'features/b.feature:9': 100, 'features/c.feature:3': 100 };
  const { weights, balancedBy } = weighFeatures(['features/a.feature', 'features/b.feature', 'features/c.feature'], scenarios, timings);
  expect(balancedBy).toBe('timings');
  expect(weights.find((w) => w.uri === 'features/c.feature')?.weight).toBe(100 + 300);
  expect(splitFeatures(weights, 2)).toEqual([['features/a.feature'], ['features/b.feature', 'features/c.feature']]);
});

test('a shard weighs only the scenarios its tags let run', () => {
  // One feature carries @area:order-intake: it alone has weight, so it fills shard 1 and the rest, weighing nothing, go to shard 2.
  const [first, second] = [1, 2].map((index) => planShard({ index, total: 2 }, 'mock', '@area:order-intake', '@area:order-intake', false));
  expect(first.features).toEqual(['features/order-intake/purchase_orders.feature']);
  expect(second.features).toHaveLength(FEATURES.length - 1);
  expect(first.tags).toBe('@area:order-intake');
});
