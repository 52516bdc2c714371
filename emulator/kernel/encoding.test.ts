import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64, toBase64Url } from './encoding';

describe('base64', () => {
  const bytes = Uint8Array.from({ length: 256 }, (_, i) => (i * 37 + 11) & 0xff);

  it('decodes what it encodes, every byte value, at every length up to a few blocks', () => {
    for (let length = 0; length <= 40; length++) {
      const part = bytes.subarray(0, length);
      expect(fromBase64(toBase64(part))).toEqual(part);
      expect(fromBase64(toBase64Url(part))).toEqual(part);
    }
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
  });

  it('reads the standard and the URL-safe alphabet, with or without padding', () => {
    expect([...fromBase64('+/8=')]).toEqual([0xfb, 0xff]);
    expect([...fromBase64('-_8')]).toEqual([0xfb, 0xff]);
    expect(new TextDecoder().decode(fromBase64('c3NsYWI='))).toBe('sslab');
  });

  it('refuses characters outside the alphabet and lengths no encoding has', () => {
    expect(() => fromBase64('c3N*YWI=')).toThrow();
    expect(() => fromBase64('c3NsY')).toThrow();
  });
});
