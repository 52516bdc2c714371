import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TooManyAttempts } from '../kernel/login-throttle';
import { Problem } from '../kernel/problems';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  421: 'Misdirected request',
  422: 'Business rule broken',
  426: 'Upgrade required',
  429: 'Too many requests',
  500: 'Internal error',
  501: 'Not emulated',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  field?: string;
  instance?: string;
}

export function problemBody(status: number, code: string, detail: string, field?: string, instance?: string): ProblemBody {
  return { type: `/problems/${code}`, title: TITLES[status] ?? 'Error', status, detail, code, ...(field ? { field } : {}), ...(instance ? { instance } : {}) };
}

/** The part of the request a framework-level 400 is about: the body it could not parse, or the URL. */
function framingField(code: string | undefined): string {
  if (code?.startsWith('FST_ERR_CTP')) return 'body';
  if (code === 'FST_ERR_BAD_URL' || code === 'FST_ERR_ASYNC_CONSTRAINT') return 'url';
  return 'request';
}

/**
 * Errors the router meets before any route runs (a path that is not valid percent-encoding, a path
 * parameter over the length limit): given to Fastify as `frameworkErrors`, so they leave as problems too.
 */
export function frameworkErrorAsProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const code = (error.code ?? 'bad-url')
    .toLowerCase()
    .replace(/^fst_err_/, '')
    .replace(/_/g, '-');
  void reply
    .code(status)
    .type('application/problem+json')
    .send(problemBody(status, code, error.message, status === 400 ? framingField(error.code) : 'url', request.url));
}

/** Where the details of an unexpected failure go: one line of JSON each. */
export type ErrorLog = (line: string) => void;

/** Standard error, when the emulator was given no log file. */
export const STDERR_LOG: ErrorLog = (line) => process.stderr.write(`${line}\n`);

let incidents = 0;

/** A reference a person can quote, to find the failure's details in the log. */
const incidentReference = () => `${Date.now().toString(36)}-${(++incidents).toString(36)}`;

/** Every error leaves as RFC 9457 problem details; bad input is never answered with a 500. */
export function installProblemHandler(app: FastifyInstance, errorLog: ErrorLog = STDERR_LOG): void {
  app.setErrorHandler((error: FastifyError | Problem, request, reply) => {
    if (error instanceof Problem) {
      if (error instanceof TooManyAttempts) reply.header('retry-after', String(error.retryAfterSeconds));
      return reply
        .code(error.status)
        .type('application/problem+json')
        .send(problemBody(error.status, error.code, error.detail, error.field, request.url));
    }
    const fe = error as FastifyError;
    if (fe.validation) {
      const first = fe.validation[0];
      const field = [fe.validationContext, ...(first?.instancePath ?? '').split('/').filter(Boolean)].filter(Boolean).join('.');
      const missing = (first?.params as { missingProperty?: string } | undefined)?.missingProperty;
      const name = missing ? `${field ? `${field}.` : ''}${missing}` : field;
      return reply
        .code(400)
        .type('application/problem+json')
        .send(problemBody(400, 'invalid-input', `${name}: ${first?.message ?? 'is not valid'}`, name, request.url));
    }
    const status = fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500 ? fe.statusCode : 500;
    let detail = fe.message;
    if (status === 500) {
      // The answer tells the caller where to look; the stack goes to the log, never to the caller.
      const reference = incidentReference();
      const entry = {
        time: new Date().toISOString(),
        level: 'error',
        reference,
        method: request.method,
        url: request.url,
        message: fe.message,
        stack: fe.stack,
      };
      try {
        errorLog(JSON.stringify(entry));
      } catch {
        STDERR_LOG(JSON.stringify(entry));
      }
      detail = `The emulator failed unexpectedly; its log has the details under reference ${reference}.`;
    }
    const code =
      status === 500
        ? 'internal-error'
        : (fe.code ?? 'bad-request')
            .toLowerCase()
            .replace(/^fst_err_/, '')
            .replace(/_/g, '-');
    return reply
      .code(status)
      .type('application/problem+json')
      .send(problemBody(status, code, detail, status === 400 ? framingField(fe.code) : undefined, request.url));
  });
  app.setNotFoundHandler((request, reply) => {
    reply
      .code(404)
      .type('application/problem+json')
      .send(
        problemBody(
          404,
          'route-not-found',
          `Nothing is served at ${request.method} ${request.url.split('?')[0]}; the API document is at /openapi.json.`,
          undefined,
          request.url,
        ),
      );
  });
}
