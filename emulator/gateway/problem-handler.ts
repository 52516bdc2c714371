import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TooManyAttempts } from '../kernel/login-throttle';
import { PROBLEM_CATALOGUE, type ProblemCode, problemType } from '../kernel/problem-catalogue';
import { Problem } from '../kernel/problems';
import { allowedMethods, type RouteMatcher } from './allowed-methods';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  field?: string;
  instance?: string;
  successorId?: string;
}

/** Problem details for a code: its type and title come from the problem catalogue. */
export function problemBody(status: number, code: ProblemCode, detail: string, field?: string, instance?: string): ProblemBody {
  return {
    type: problemType(code),
    title: PROBLEM_CATALOGUE[code].title,
    status,
    detail,
    code,
    ...(field ? { field } : {}),
    ...(instance ? { instance } : {}),
  };
}

/** The catalogue's code for an error Fastify raised while reading the request. */
function frameworkCode(error: FastifyError): ProblemCode {
  switch (error.code) {
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'body-empty';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'body-too-large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported-media-type';
    case 'FST_ERR_BAD_URL':
      return 'bad-url';
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return 'path-parameter-too-long';
  }
  if (error.statusCode === 413) return 'body-too-large';
  if (error.statusCode === 414) return 'path-parameter-too-long';
  if (error.statusCode === 415) return 'unsupported-media-type';
  // A body the JSON parser refused: not JSON, or JSON with a forbidden prototype key.
  if (error.code?.startsWith('FST_ERR_CTP') || error instanceof SyntaxError) return 'body-not-json';
  return 'bad-request';
}

/** The part of the request a framework-level 400 is about: the body it could not parse, or the URL. */
function framingField(code: ProblemCode): string {
  if (code === 'bad-url' || code === 'path-parameter-too-long') return 'url';
  if (code === 'bad-request') return 'request';
  return 'body';
}

function sendProblem(reply: FastifyReply, code: ProblemCode, detail: string, field: string | undefined, instance: string) {
  const { status } = PROBLEM_CATALOGUE[code];
  return reply
    .code(status)
    .type('application/problem+json')
    .send(problemBody(status, code, detail, field, instance));
}

/**
 * Errors the router meets before any route runs (a path that is not valid percent-encoding, a path
 * parameter over the length limit): given to Fastify as `frameworkErrors`, so they leave as problems too.
 */
export function frameworkErrorAsProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const code = frameworkCode(error);
  void sendProblem(reply, code, error.message, framingField(code), request.url);
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
  const routes: RouteMatcher[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) routes.push({ method: method.toUpperCase(), url: route.url });
  });
  app.setErrorHandler((error: FastifyError | Problem, request, reply) => {
    if (error instanceof Problem) {
      if (error instanceof TooManyAttempts) reply.header('retry-after', String(error.retryAfterSeconds));
      return reply
        .code(error.status)
        .type('application/problem+json')
        .send({ ...problemBody(error.status, error.code, error.detail, error.field, request.url), ...error.extensions });
    }
    const fe = error as FastifyError;
    if (fe.validation) {
      const first = fe.validation[0];
      // A path or query parameter is named as the rules name it (installCode, sts); a body field keeps its place in the body.
      const context = fe.validationContext === 'params' || fe.validationContext === 'querystring' ? undefined : fe.validationContext;
      const field = [context, ...(first?.instancePath ?? '').split('/').filter(Boolean)].filter(Boolean).join('.');
      const missing = (first?.params as { missingProperty?: string } | undefined)?.missingProperty;
      const name = missing ? `${field ? `${field}.` : ''}${missing}` : field;
      return sendProblem(reply, 'invalid-input', `${name}: ${first?.message ?? 'is not valid'}`, name, request.url);
    }
    if (!fe.statusCode || fe.statusCode < 400 || fe.statusCode >= 500) {
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
      return sendProblem(
        reply,
        'internal-error',
        `The emulator failed unexpectedly; its log has the details under reference ${reference}.`,
        undefined,
        request.url,
      );
    }
    const code = frameworkCode(fe);
    return sendProblem(reply, code, fe.message, framingField(code), request.url);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    const allowed = allowedMethods(routes, path);
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '));
      return sendProblem(reply, 'method-not-allowed', `${path} serves ${allowed.join(', ')}, not ${request.method}.`, undefined, request.url);
    }
    return sendProblem(
      reply,
      'route-not-found',
      `Nothing is served at ${request.method} ${path}; the API document is at /openapi.json.`,
      undefined,
      request.url,
    );
  });
}
