import fc from 'fast-check';
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

  /** The web platform's own encoding, as the tables must give it. */
  const platformBase64 = (part: Uint8Array) => btoa(String.fromCharCode(...part));
  /** atob after the same padding to whole blocks, or "refused". */
  function platformDecoded(text: string): number[] | 'refused' {
    const standard = text.replace(/-/g, '+').replace(/_/g, '/');
    try {
      return [...atob(standard.padEnd(Math.ceil(standard.length / 4) * 4, '='))].map((c) => c.charCodeAt(0));
    } catch {
      return 'refused';
    }
  }
  function decoded(text: string): number[] | 'refused' {
    try {
      return [...fromBase64(text)];
    } catch {
      return 'refused';
    }
  }

  it('encodes as btoa does, and URL-safe without padding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (part) => {
        expect(toBase64(part)).toBe(platformBase64(part));
        expect(toBase64Url(part)).toBe(platformBase64(part).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
      }),
    );
  });

  it('decodes and refuses exactly what atob does, white space and stray padding included', () => {
    const characters = fc.constantFrom(...'AZaz09+/-_= \t\n*.é'.split(''), 'Q', 'w', '8');
    fc.assert(
      fc.property(fc.array(characters, { maxLength: 24 }), (chars) => {
        const text = chars.join('');
        expect(decoded(text)).toEqual(platformDecoded(text));
      }),
      { numRuns: 2000 },
    );
  });
});
