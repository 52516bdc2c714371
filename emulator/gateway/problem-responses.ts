import { PROBLEM_MEDIA_TYPE, type JsonSchema } from '../api-kit/schemas';
import { PROBLEM_CATALOGUE, PROBLEM_CODES, type ProblemCode } from '../kernel/problem-catalogue';
import { OPERATION_PROBLEMS } from './operation-problems';

/**
 * The refusals of one operation in the API document: those its entry in OPERATION_PROBLEMS names
 * plus those that follow from its shape, each status with the problem schema narrowed to its codes.
 */

/** What the document needs to know of an operation to tell which problems its shape brings. */
export interface OperationShape {
  method: string;
  /** The path in the document's spelling (`/smartservers/{installCode}/iap/lic`). */
  path: string;
  /** The route's URL as the router holds it, with parameter constraints (`:id(^\\d+)`). */
  url: string;
  security: Array<Record<string, string[]>> | undefined;
  websocket: boolean;
}

const CREDENTIAL_PROBLEMS: Record<string, readonly ProblemCode[]> = {
  partnerSession: ['unauthenticated', 'partner-only'],
  customerSession: ['unauthenticated', 'customer-only'],
  cmsSession: ['unauthenticated', 'not-this-smartserver'],
  websocketToken: ['unauthenticated', 'not-this-smartserver'],
  ecostruxureSession: ['unauthenticated', 'ecostruxure-only'],
  iapSession: ['unauthenticated', 'not-this-smartserver'],
  cloudClientKey: ['cloud-client-unknown'],
};

/** A body Fastify reads before the route runs, on every method that may carry one. */
const BODY_PROBLEMS: readonly ProblemCode[] = ['body-not-json', 'body-empty', 'body-too-large', 'unsupported-media-type', 'invalid-input'];

/** Paths a sharded emulator hands to the shard of the SmartServer they name. */
const ON_A_SHARD = /^\/(?:(?:_emulator\/)?smartservers|backoffice\/api\/support)\/\{installCode\}/;

/** The problems an operation answers because of its shape rather than its work. */
export function derivedProblems(op: OperationShape): ProblemCode[] {
  const codes: ProblemCode[] = [];
  for (const requirement of op.security ?? []) for (const scheme of Object.keys(requirement)) codes.push(...(CREDENTIAL_PROBLEMS[scheme] ?? []));
  // Every operation refuses a query parameter it does not take, and a host name the emulator was not told to answer to.
  codes.push('invalid-input', 'host-not-served');
  // A browser on another site may read nothing back but may still send: state changes and WebSockets check the Origin.
  if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(op.method) || op.websocket) codes.push('cross-origin-refused');
  if (op.path.includes('{')) codes.push('bad-url', 'path-parameter-too-long');
  if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(op.method)) codes.push(...BODY_PROBLEMS);
  // A parameter with a pattern in the route: a value outside it matches no route.
  if (/:[A-Za-z0-9_]+\(/.test(op.url)) codes.push('route-not-found');
  if (op.path.includes('{installCode}')) codes.push('smartserver-not-found');
  if (ON_A_SHARD.test(op.path)) codes.push('shard-unavailable', 'shard-failed');
  if (op.websocket) codes.push('websocket-upgrade-required');
  return codes;
}

/** Every problem the operation answers: declared and derived, in catalogue order. */
export function operationProblems(op: OperationShape): ProblemCode[] {
  const all = new Set<ProblemCode>([...(OPERATION_PROBLEMS[`${op.method} ${op.path}`] ?? []), ...derivedProblems(op)]);
  return PROBLEM_CODES.filter((code) => all.has(code));
}

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };

/** One response per status, its problem schema narrowed to the codes the operation answers with it. */
export function problemResponses(
  codes: readonly ProblemCode[],
): Record<string, { description: string; headers?: Record<string, unknown>; content: Record<string, { schema: JsonSchema }> }> {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of codes) {
    const { status } = PROBLEM_CATALOGUE[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: ReturnType<typeof problemResponses> = {};
  for (const [status, list] of [...byStatus.entries()].sort(([a], [b]) => a - b)) {
    const titles = list.map((code) => `\`${code}\` (${PROBLEM_CATALOGUE[code].title})`).join('; ');
    responses[String(status)] = {
      description: `Refused, as problem details with one of these codes: ${titles}. Each code's meaning and way out: /problems/{code}.`,
      ...(status === 429
        ? { headers: { 'Retry-After': { description: 'Seconds until a login of this account is taken again.', schema: { type: 'integer', minimum: 1 } } } }
        : {}),
      content: {
        [PROBLEM_MEDIA_TYPE]: {
          schema: { allOf: [PROBLEM_REF], type: 'object', properties: { status: { const: status }, code: { enum: list } } },
        },
      },
    };
  }
  return responses;
}

/** The document's `ProblemCode` schema: every code, with its title, status, meaning and way out. */
export function problemCodeSchema(operationsOf: (code: ProblemCode) => readonly string[]): JsonSchema {
  return {
    title: 'ProblemCode',
    description: 'Every code a refusal may carry. The catalogue at /problems gives the same, with the operations that answer each.',
    type: 'string',
    oneOf: PROBLEM_CODES.map((code) => {
      const { status, title, meaning, wayOut } = PROBLEM_CATALOGUE[code];
      const operations = operationsOf(code);
      return {
        const: code,
        title,
        description: `HTTP ${status}. ${meaning} Way out: ${wayOut}${operations.length ? ` Answered by: ${operations.join(', ')}.` : ''}`,
      };
    }),
  };
}
