/**
 * Small, fast, repeatable hashes for values derived from a device (its identity, its datapoints'
 * readings): the same input gives the same number on every run and every machine. Not for secrets.
 */

/** FNV-1a over a string's UTF-16 code units, as an unsigned 32-bit number. */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Scrambles a 32-bit number so that neighbouring inputs give unrelated outputs. */
export function mix(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}
