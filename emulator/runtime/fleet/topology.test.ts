import { expect, test } from 'vitest';
import { emulatorProcesses } from './topology';

test('the cloud knows every shard by URL and each shard knows the cloud and its place; all bind to loopback', () => {
  const [cloud, ...shards] = emulatorProcesses({ name: 'lab', shards: 3, port: 19_000, seed: { partners: [] }, tokenSecret: 'c2VjcmV0' });
  const value = (args: string[], flag: string) => args[args.indexOf(flag) + 1];
  expect(cloud).toMatchObject({ role: 'cloud', port: 19_000, url: 'http://127.0.0.1:19000' });
  expect(value(cloud.args, '--role')).toBe('cloud');
  expect(value(cloud.args, '--shard-urls')).toBe('http://127.0.0.1:19001,http://127.0.0.1:19002,http://127.0.0.1:19003');
  shards.forEach((shard, i) => {
    expect(shard).toMatchObject({ role: 'shard', index: i, port: 19_001 + i });
    expect(value(shard.args, '--cloud-url')).toBe('http://127.0.0.1:19000');
    expect(value(shard.args, '--fleet-shard')).toBe(`${i}/3`);
  });
  for (const p of [cloud, ...shards]) {
    expect(value(p.args, '--host')).toBe('127.0.0.1');
    expect(value(p.args, '--data-file')).toBe(':memory:');
    expect(JSON.parse(value(p.args, '--seed'))).toEqual({ partners: [] });
    // The token secret travels in the environment, never on a command line.
    expect(p.args.join(' ')).not.toContain('c2VjcmV0');
  }
});
