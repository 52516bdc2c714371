import { fromBase64, toBase64 } from './encoding';
import type { CryptoPort } from './ports';

/**
 * Password hashing with scrypt. 'standard' (N = 2^14, r = 8: 16 MiB and tens of milliseconds per
 * guess) is the default; 'fast' (N = 2^6, r = 1: 8 KiB, tens of microseconds) exists for throwaway
 * test emulators and fleets that create hundreds of CMS users and log in thousands of times, where
 * the standard cost would add seconds and protect nothing. The parameters are stored with each
 * hash, so hashes of either cost verify under any setting.
 */
export type PasswordCost = 'standard' | 'fast';

export const PASSWORD_COSTS: readonly PasswordCost[] = ['standard', 'fast'];

const PARAMETERS: Record<PasswordCost, { N: number; r: number; p: number }> = {
  standard: { N: 16384, r: 8, p: 1 },
  fast: { N: 64, r: 1, p: 1 },
};
const KEY_LENGTH = 32;
/** Refuses stored parameters that would make one verification allocate absurd memory. */
const MAX_N = 1 << 20;

export interface PasswordHashParameters {
  N: number;
  r: number;
  p: number;
  saltBytes: number;
  keyBytes: number;
}

/** `scrypt$N$salt$key` (r = 8, p = 1) or `scrypt$N$r$p$salt$key`. */
export function hashPassword(crypto: CryptoPort, password: string, cost: PasswordCost = 'standard'): string {
  const { N, r, p } = PARAMETERS[cost];
  const salt = crypto.randomBytes(16);
  const key = crypto.scrypt(password, salt, KEY_LENGTH, { N, r, p });
  return `scrypt$${N}$${r}$${p}$${toBase64(salt)}$${toBase64(key)}`;
}

/** The bytes of a base64 field of a stored hash; a field that is not base64 reads as empty, which no check accepts. */
function base64Field(text: string): Uint8Array {
  try {
    return fromBase64(text);
  } catch {
    return new Uint8Array(0);
  }
}

/** The parameters a stored hash was made with, or undefined when it is not a scrypt hash of this form. */
export function passwordHashParameters(stored: string): PasswordHashParameters | undefined {
  const parts = stored.split('$');
  if (parts[0] !== 'scrypt' || (parts.length !== 4 && parts.length !== 6)) return undefined;
  const [N, r, p] = parts.length === 6 ? parts.slice(1, 4).map(Number) : [Number(parts[1]), 8, 1];
  const salt = base64Field(parts[parts.length - 2]);
  const key = base64Field(parts[parts.length - 1]);
  const powerOfTwo = Number.isInteger(N) && N > 1 && N <= MAX_N && (N & (N - 1)) === 0;
  if (!powerOfTwo || !Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16 || key.length === 0) return undefined;
  return { N, r, p, saltBytes: salt.length, keyBytes: key.length };
}

/**
 * The memory (128·N·r·p bytes) up to which a hash is computed on the event loop: the fast cost's
 * 8 KiB take tens of microseconds, less than handing the work to the thread pool and back.
 */
const ON_THE_LOOP_BYTES = 64 * 1024;

/**
 * Compares in constant time; a stored value that is not a well-formed hash never matches. A hash
 * of the standard cost is computed off the event loop (tens of milliseconds), so logins do not
 * stall the requests around them; one as cheap as the fast cost is computed in place.
 */
export async function verifyPassword(crypto: CryptoPort, password: string, stored: string): Promise<boolean> {
  const parameters = passwordHashParameters(stored);
  if (!parameters) return false;
  const parts = stored.split('$');
  const salt = base64Field(parts[parts.length - 2]);
  const expected = base64Field(parts[parts.length - 1]);
  const { N, r, p } = parameters;
  const cheap = 128 * N * r * p <= ON_THE_LOOP_BYTES;
  const key = cheap ? crypto.scrypt(password, salt, expected.length, { N, r, p }) : await crypto.scryptAsync(password, salt, expected.length, { N, r, p });
  return crypto.equal(key, expected);
}

const dummies = new WeakMap<CryptoPort, Map<PasswordCost, string>>();

/**
 * A hash of a random password at the given cost: an unknown account is verified against it, so
 * the time a refusal takes does not tell whether the account exists.
 */
export function dummyPasswordHash(crypto: CryptoPort, cost: PasswordCost = 'standard'): string {
  let byCost = dummies.get(crypto);
  if (!byCost) dummies.set(crypto, (byCost = new Map()));
  let hash = byCost.get(cost);
  if (!hash) {
    hash = hashPassword(crypto, toBase64(crypto.randomBytes(16)), cost);
    byCost.set(cost, hash);
  }
  return hash;
}

/** A password a person can read back from the console: 4 groups of 4. */
export function generatePassword(crypto: CryptoPort): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.randomBytes(16);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
