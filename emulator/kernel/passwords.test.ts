import { scryptSync } from 'node:crypto';
import { expect, test } from 'vitest';
import { dummyPasswordHash, hashPassword, passwordHashParameters, verifyPassword } from './passwords';
import { nodeCrypto } from '../runtime/node-crypto';

test('a stored password is a salted scrypt hash at the standard cost (N 2^14, r 8: 16 MiB per guess), never the password', async () => {
  const password = 'correct-horse-battery';
  const first = hashPassword(nodeCrypto, password);
  const second = hashPassword(nodeCrypto, password);
  expect(first).not.toContain(password);
  expect(first).not.toBe(second);
  const parameters = passwordHashParameters(first)!;
  expect(parameters).toEqual({ N: 16384, r: 8, p: 1, saltBytes: 16, keyBytes: 32 });
  // The memory one guess needs, 128 * N * r bytes, is what makes scrypt slow to attack.
  expect(128 * parameters.N * parameters.r).toBeGreaterThanOrEqual(16 * 1024 * 1024);
  expect(await verifyPassword(nodeCrypto, password, first)).toBe(true);
  expect(await verifyPassword(nodeCrypto, 'correct-horse-batterY', first)).toBe(false);
  expect(await verifyPassword(nodeCrypto, '', first)).toBe(false);
});

test('the fast cost, for test fleets, is cheaper yet still salted scrypt; hashes of either cost verify under any setting', async () => {
  const fast = hashPassword(nodeCrypto, 'fleet-password', 'fast');
  expect(passwordHashParameters(fast)).toEqual({ N: 64, r: 1, p: 1, saltBytes: 16, keyBytes: 32 });
  expect(fast).not.toContain('fleet-password');
  expect(await verifyPassword(nodeCrypto, 'fleet-password', fast)).toBe(true);
  expect(await verifyPassword(nodeCrypto, 'fleet-passworD', fast)).toBe(false);
});

test('a standard-cost hash is verified on the thread pool, a fast-cost one on the event loop, where it costs less than the hand-over', async () => {
  const used: string[] = [];
  const watched = {
    ...nodeCrypto,
    scrypt(...args: Parameters<typeof nodeCrypto.scrypt>) {
      used.push('event loop');
      return nodeCrypto.scrypt(...args);
    },
    scryptAsync(...args: Parameters<typeof nodeCrypto.scryptAsync>) {
      used.push('thread pool');
      return nodeCrypto.scryptAsync(...args);
    },
  };
  expect(await verifyPassword(watched, 'p', hashPassword(nodeCrypto, 'p'))).toBe(true);
  expect(await verifyPassword(watched, 'p', hashPassword(nodeCrypto, 'p', 'fast'))).toBe(true);
  expect(await verifyPassword(watched, 'q', hashPassword(nodeCrypto, 'p', 'fast'))).toBe(false);
  expect(used).toEqual(['thread pool', 'event loop', 'event loop']);
});

test('hashes written in the earlier form (scrypt$N$salt$key) still verify', async () => {
  const salt = Buffer.alloc(16, 7);
  const key = scryptSync('old-password', salt, 32, { N: 16384 });
  const legacy = `scrypt$16384$${salt.toString('base64')}$${key.toString('base64')}`;
  expect(passwordHashParameters(legacy)).toMatchObject({ N: 16384, r: 8, p: 1 });
  expect(await verifyPassword(nodeCrypto, 'old-password', legacy)).toBe(true);
  expect(await verifyPassword(nodeCrypto, 'new-password', legacy)).toBe(false);
});

test('a stored value that is not a well-formed hash never matches, and absurd parameters are not run', async () => {
  for (const stored of [
    '',
    'plain-text',
    'md5$abc',
    'scrypt$',
    'scrypt$1000$AAAA$AAAA',
    'scrypt$1073741824$AAAA$AAAA',
    'scrypt$16384$8$1$AAAA$',
    'scrypt$16384$99$1$AAAA$AAAA',
  ]) {
    expect(passwordHashParameters(stored), stored).toBeUndefined();
    expect(await verifyPassword(nodeCrypto, 'anything', stored), stored).toBe(false);
  }
});

test('unknown accounts are checked against a dummy hash of the same cost, so a refusal takes the same work either way', async () => {
  for (const cost of ['standard', 'fast'] as const) {
    const dummy = dummyPasswordHash(nodeCrypto, cost);
    expect(passwordHashParameters(dummy)).toEqual(passwordHashParameters(hashPassword(nodeCrypto, 'x', cost)));
    expect(dummyPasswordHash(nodeCrypto, cost)).toBe(dummy);
    expect(await verifyPassword(nodeCrypto, '', dummy)).toBe(false);
  }
});
