import { badInput } from './problems';

/** Small readers for request fields: each names the field and the rule when it refuses. */
export function requireString(value: unknown, field: string, max = 200): string {
  // The rule names what was sent: nothing, another type, or only blanks.
  if (value === undefined || value === null) throw badInput(field, 'is required: a non-empty string');
  if (typeof value !== 'string') throw badInput(field, `must be a string, not ${Array.isArray(value) ? 'a list' : typeof value}`);
  if (value.trim() === '') throw badInput(field, value === '' ? 'must not be empty' : 'must not be only blanks');
  if (value.length > max) throw badInput(field, `must be at most ${max} characters`);
  return value.trim();
}

export function optionalString(value: unknown, field: string, max = 200): string | undefined {
  return value === undefined || value === null || value === '' ? undefined : requireString(value, field, max);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function requireUuid(value: unknown, field: string): string {
  const text = requireString(value, field, 36);
  if (!UUID.test(text)) throw badInput(field, 'must be a UUID such as 2133c667-af41-4518-94df-a2bb3b775330');
  return text.toLowerCase();
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function requireEmail(value: unknown, field: string): string {
  const text = requireString(value, field, 254);
  if (!EMAIL.test(text)) throw badInput(field, 'must be an email address such as name@example.com');
  return text.toLowerCase();
}

const INSTALL_CODE = /^[0-9a-z]{7}$/;
export function requireInstallCode(value: unknown, field: string): string {
  const text = requireString(value, field, 7);
  if (!INSTALL_CODE.test(text)) throw badInput(field, 'must be a 7-character install code of lowercase letters and digits, such as 17q5t6a');
  return text;
}

export function requireInt(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw badInput(field, 'must be a whole number');
  if (value < min || value > max) throw badInput(field, `must be between ${min} and ${max}`);
  return value;
}

export function requireArray(value: unknown, field: string, min = 1, max = 1000): unknown[] {
  if (!Array.isArray(value)) throw badInput(field, 'must be a list');
  if (value.length < min || value.length > max) throw badInput(field, `must hold between ${min} and ${max} items`);
  return value;
}

export function requireObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badInput(field, 'must be an object');
  return value as Record<string, unknown>;
}

export function optionalBoolean(value: unknown, field: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw badInput(field, 'must be true or false');
  return value;
}
