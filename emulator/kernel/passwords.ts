import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

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
export function hashPassword(password: string, cost: PasswordCost = 'standard'): string {
  const { N, r, p } = PARAMETERS[cost];
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, KEY_LENGTH, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** The parameters a stored hash was made with, or undefined when it is not a scrypt hash of this form. */
export function passwordHashParameters(stored: string): PasswordHashParameters | undefined {
  const parts = stored.split('$');
  if (parts[0] !== 'scrypt' || (parts.length !== 4 && parts.length !== 6)) return undefined;
  const [N, r, p] = parts.length === 6 ? parts.slice(1, 4).map(Number) : [Number(parts[1]), 8, 1];
  const salt = Buffer.from(parts[parts.length - 2], 'base64');
  const key = Buffer.from(parts[parts.length - 1], 'base64');
  const powerOfTwo = Number.isInteger(N) && N > 1 && N <= MAX_N && (N & (N - 1)) === 0;
  if (!powerOfTwo || !Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16 || key.length === 0) return undefined;
  return { N, r, p, saltBytes: salt.length, keyBytes: key.length };
}

/** Compares in constant time; a stored value that is not a well-formed hash never matches. */
export function verifyPassword(password: string, stored: string): boolean {
  const parameters = passwordHashParameters(stored);
  if (!parameters) return false;
  const parts = stored.split('$');
  const salt = Buffer.from(parts[parts.length - 2], 'base64');
  const expected = Buffer.from(parts[parts.length - 1], 'base64');
  const { N, r, p } = parameters;
  const actual = scryptSync(password, salt, expected.length, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 });
  return timingSafeEqual(actual, expected);
}

const dummies = new Map<PasswordCost, string>();

/**
 * A hash of a random password at the given cost: an unknown account is verified against it, so
 * the time a refusal takes does not tell whether the account exists.
 */
export function dummyPasswordHash(cost: PasswordCost = 'standard'): string {
  let hash = dummies.get(cost);
  if (!hash) {
    hash = hashPassword(randomBytes(16).toString('base64'), cost);
    dummies.set(cost, hash);
  }
  return hash;
}

/** A password a person can read back from the console: 4 groups of 4. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
