import { RefusedError } from '../../models/apply';
import type { Refusal } from '../../models/refusal';

/**
 * A refusal the API answers as RFC 9457 problem details. `code` is stable and machine-readable;
 * `detail` says what was wrong and, where there is one, the way out.
 */
export class Problem extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 415 | 421 | 422 | 426 | 429 | 501 | 503 | 504,
    readonly code: string,
    readonly detail: string,
    readonly field?: string,
  ) {
    super(detail);
    this.name = 'Problem';
  }
}

export const badInput = (field: string, rule: string) => new Problem(400, 'invalid-input', `${field}: ${rule}`, field);
export const unauthenticated = (detail = 'Log in first: this operation needs a valid session token.') => new Problem(401, 'unauthenticated', detail);
export const forbidden = (code: string, detail: string) => new Problem(403, code, detail);
export const notFound = (what: string, id: string) =>
  new Problem(404, `${what.replace(/\s+/g, '-').toLowerCase()}-not-found`, `No ${what} ${id} is known here.`);
export const conflict = (code: string, detail: string, field?: string) => new Problem(409, code, detail, field);
export const ruleBroken = (code: string, detail: string, field?: string) => new Problem(422, code, detail, field);

/** Turns a model's refusal into the problem the API answers with. */
export function fromRefusal(error: RefusedError): Problem {
  return problemOf(error.refusal);
}

/** A refusal a model returned (rather than threw), as a problem: 422 for a broken rule, 409 for a state. */
export function problemOf({ code, kind, message }: Refusal, field?: string): Problem {
  return kind === 'rule' ? ruleBroken(code, message, field) : new Problem(409, code, message, field);
}

/** Runs `fn`, translating model refusals into problems. */
export function refusalsAsProblems<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof RefusedError) throw fromRefusal(error);
    throw error;
  }
}
