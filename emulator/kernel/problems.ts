import { RefusedError } from '../../models/apply';
import type { Refusal } from '../../models/refusal';
import type { ProblemCode, ProblemStatus } from './problem-catalogue';

export type { ProblemCode, ProblemStatus } from './problem-catalogue';

/**
 * A refusal the API answers as RFC 9457 problem details. `code` is stable and machine-readable;
 * `detail` says what was wrong and, where there is one, the way out.
 */
export class Problem extends Error {
  constructor(
    readonly status: ProblemStatus,
    readonly code: ProblemCode,
    readonly detail: string,
    readonly field?: string,
    /** Members beyond the standard ones, named in the problem's schema (`successorId` of a retired License ID). */
    readonly extensions?: { successorId?: string },
  ) {
    super(detail);
    this.name = 'Problem';
  }
}

export const badInput = (field: string, rule: string) => new Problem(400, 'invalid-input', `${field}: ${rule}`, field);
export const unauthenticated = (detail = 'Log in first: this operation needs a valid session token.') => new Problem(401, 'unauthenticated', detail);
export const forbidden = (code: ProblemCode, detail: string) => new Problem(403, code, detail);

/** What can be missing, and the code its absence is answered with. */
const NOT_FOUND = {
  license: 'license-not-found',
  'customer account': 'customer-account-not-found',
  'Customer ID': 'customer-id-not-found',
  'license for this Customer ID': 'license-for-this-customer-id-not-found',
  SmartServer: 'smartserver-not-found',
  device: 'device-not-found',
  segment: 'segment-not-found',
  partner: 'partner-not-found',
  'seeded partner': 'seeded-partner-not-found',
  fleet: 'fleet-not-found',
  'EcoStruxure BMS server': 'ecostruxure-bms-server-not-found',
  'page asset': 'page-asset-not-found',
  'docs asset': 'docs-asset-not-found',
  snapshot: 'snapshot-not-found',
  'custom page': 'custom-page-not-found',
  datapoint: 'datapoint-not-found',
} as const satisfies Record<string, ProblemCode>;

export const notFound = (what: keyof typeof NOT_FOUND, id: string) => new Problem(404, NOT_FOUND[what], `No ${what} ${id} is known here.`);
export const conflict = (code: ProblemCode, detail: string, field?: string) => new Problem(409, code, detail, field);
export const ruleBroken = (code: ProblemCode, detail: string, field?: string) => new Problem(422, code, detail, field);

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
