import { describe, expect, it } from 'vitest';
import { nodeCrypto } from './node-crypto';

describe('node crypto: random bytes', () => {
  it('gives the length asked for, small and beyond the pool', () => {
    for (const length of [0, 1, 6, 16, 32, 1024, 1025, 10_000]) expect(nodeCrypto.randomBytes(length)).toHaveLength(length);
  });

  it('never hands out the same bytes twice, across several refills of the pool', () => {
    const seen = new Set<string>();
    // 16-byte draws: a repeat by chance is out of the question, so a repeat means bytes were reused.
    for (let i = 0; i < 2_000; i++) seen.add(Buffer.from(nodeCrypto.randomBytes(16)).toString('hex'));
    expect(seen.size).toBe(2_000);
  });

  it('gives each caller its own copy: changing one draw changes no other', () => {
    const first = nodeCrypto.randomBytes(32);
    const copy = Uint8Array.from(first);
    first.fill(0);
    const second = nodeCrypto.randomBytes(32);
    expect(second).not.toEqual(new Uint8Array(32));
    expect(Buffer.from(copy).equals(Buffer.from(second))).toBe(false);
  });

  it('spreads over every byte value', () => {
    const counts = new Array<number>(256).fill(0);
    for (const byte of nodeCrypto.randomBytes(64 * 1024)) counts[byte]++;
    for (let i = 0; i < 64; i++) for (const byte of nodeCrypto.randomBytes(1000)) counts[byte]++;
    // 128,000 bytes: 500 of each value expected; a stuck or zeroed pool would leave values far from it.
    expect(Math.min(...counts)).toBeGreaterThan(350);
    expect(Math.max(...counts)).toBeLessThan(650);
  });
});
