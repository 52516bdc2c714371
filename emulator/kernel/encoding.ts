/**
 * Base64 and UTF-8 without Node's Buffer, so the rules stay free of it: UTF-8 with the web
 * platform's TextEncoder, base64 with lookup tables. Node 20's btoa and atob check their input
 * one character at a time in JavaScript, and cost more than the HMAC whose digest a session token
 * encodes; every login and every first use of a token encodes or decodes one.
 */
const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

export const utf8 = (text: string): Uint8Array => utf8Encoder.encode(text);
export const fromUtf8 = (bytes: Uint8Array): string => utf8Decoder.decode(bytes);

const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Each character code's six bits in either alphabet, -1 for a character of neither. */
const SEXTETS = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) {
  SEXTETS[STANDARD.charCodeAt(i)] = i;
  SEXTETS[URL_SAFE.charCodeAt(i)] = i;
}

/** The ASCII white space atob skips. */
const WHITE_SPACE = /[\t\n\f\r ]/g;

function encode(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let text = '';
  const whole = bytes.length - (bytes.length % 3);
  for (let i = 0; i < whole; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    text += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + alphabet[n & 63];
  }
  if (bytes.length - whole === 1) {
    const n = bytes[whole] << 16;
    text += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + (pad ? '==' : '');
  } else if (bytes.length - whole === 2) {
    const n = (bytes[whole] << 16) | (bytes[whole + 1] << 8);
    text += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + (pad ? '=' : '');
  }
  return text;
}

export const toBase64 = (bytes: Uint8Array): string => encode(bytes, STANDARD, true);

export const toBase64Url = (bytes: Uint8Array): string => encode(bytes, URL_SAFE, false);

const notBase64 = () => new TypeError('The text is not base64: a character outside the alphabet, or a length no encoding has.');

/**
 * Decodes base64 (standard or URL-safe, padded or not); characters outside the alphabet are an
 * error. As atob after padding to whole blocks: white space is skipped, one or two closing "=" end it.
 */
export function fromBase64(text: string): Uint8Array {
  const padded = text.length % 4 === 0 ? text : text.padEnd(text.length + 4 - (text.length % 4), '=');
  const given = padded.includes(' ') || /[\t\n\f\r]/.test(padded) ? padded.replace(WHITE_SPACE, '') : padded;
  let end = given.length;
  if (end % 4 === 0 && given.charCodeAt(end - 1) === 61) end -= given.charCodeAt(end - 2) === 61 ? 2 : 1;
  if (end % 4 === 1) throw notBase64();
  const bytes = new Uint8Array((end * 3) >> 2);
  let bits = 0;
  let count = 0;
  let at = 0;
  for (let i = 0; i < end; i++) {
    const code = given.charCodeAt(i);
    const sextet = code < 128 ? SEXTETS[code] : -1;
    if (sextet < 0) throw notBase64();
    // Fewer than 8 bits wait from before, so 14 bits hold them all.
    bits = ((bits << 6) | sextet) & 0x3fff;
    count += 6;
    if (count >= 8) {
      count -= 8;
      bytes[at++] = (bits >> count) & 0xff;
    }
  }
  return bytes;
}

export const toHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
