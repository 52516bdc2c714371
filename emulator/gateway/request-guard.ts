import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Problem } from '../kernel/problems';

/** The names a loopback server answers to when told nothing else. */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '::1'];

/** Methods that only read: a cross-site page cannot read their answers (no CORS headers are ever sent). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** application/json and the +json types (problem+json, merge-patch+json). */
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/**
 * What every answer carries: no type sniffing, and a policy that lets a JSON answer or the API
 * document run nothing (the pages set their own, stricter for their scripts).
 */
const DEFAULT_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface RequestGuardOptions {
  /**
   * Host names the server answers to (without port); a request naming another is refused, so a
   * foreign page that rebinds its name to this machine reads nothing. Undefined checks no name (the
   * in-process transport, which answers at whatever address its caller chose); '*' allows any.
   */
  allowedHosts?: readonly string[];
}

/** The host name of a Host header or an origin's authority, lower case, without port or IPv6 brackets. */
export function hostName(authority: string): string {
  const lower = authority.trim().toLowerCase();
  if (lower.startsWith('[')) return lower.slice(1, lower.indexOf(']') > 0 ? lower.indexOf(']') : undefined);
  const colon = lower.lastIndexOf(':');
  return colon >= 0 && lower.indexOf(':') === colon ? lower.slice(0, colon) : lower;
}

function refuseForeignHost(request: FastifyRequest, allowed: ReadonlySet<string>): void {
  const name = hostName(request.headers.host ?? '');
  if (!allowed.has(name)) {
    throw new Problem(
      421,
      'host-not-served',
      `This emulator does not answer to the host name "${name}"; start it with --allow-host ${name || 'NAME'} to serve that name.`,
      'host',
    );
  }
}

/** A state-changing request a browser sent from a page of another origin, or a WebSocket opened from one. */
function refuseCrossSite(request: FastifyRequest): void {
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  let crossSite = site === 'cross-site' || site === 'same-site';
  if (origin !== undefined) {
    try {
      crossSite ||= new URL(origin).host.toLowerCase() !== (request.headers.host ?? '').toLowerCase();
    } catch {
      // "null" (a sandboxed frame, a file) or anything else that is no origin.
      crossSite = true;
    }
  }
  if (crossSite) {
    throw new Problem(
      403,
      'cross-origin-refused',
      `A request from ${origin ?? 'another site'} may not change anything here; call the emulator from its own pages or from a client that sends no Origin header.`,
      'origin',
    );
  }
}

/**
 * A body of a type the route does not read: a form or a text/plain body is what a cross-site page
 * can send without asking first. JSON is read everywhere; another type only where the route's own
 * scope added a parser for it (a SmartServer's login form and its uploaded pages), never text/plain.
 */
function refuseUnreadBody(request: FastifyRequest): void {
  const length = request.headers['content-length'];
  const hasBody = request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (!hasBody) return;
  const type = request.headers['content-type'] ?? '';
  if (JSON_TYPE.test(type)) return;
  const mediaType = type.split(';')[0].trim().toLowerCase();
  if (mediaType !== '' && mediaType !== 'text/plain' && request.server.hasContentTypeParser(mediaType)) return;
  throw new Problem(
    415,
    'unsupported-media-type',
    `content-type: a request body must be JSON (application/json), not ${type === '' ? 'untyped' : `"${type.slice(0, 80)}"`}.`,
    'content-type',
  );
}

/**
 * Guards every route against a browser used from elsewhere: the Host allow-list (DNS rebinding),
 * an Origin check on every state-changing request and WebSocket (cross-site requests), JSON as the
 * body type unless a route reads another on purpose, and the headers that keep an answer from being run as something else.
 */
export function installRequestGuard(app: FastifyInstance, options: RequestGuardOptions = {}): void {
  const allowed = options.allowedHosts && !options.allowedHosts.includes('*') ? new Set(options.allowedHosts.map(hostName)) : undefined;
  // Hooks that call `done` rather than return a promise: every request passes through them, and a refusal thrown here is handled alike.
  app.addHook('onRequest', (request, _reply, done) => {
    if (allowed) refuseForeignHost(request, allowed);
    const upgrade = request.headers.upgrade !== undefined;
    if (!SAFE_METHODS.has(request.method) || upgrade) refuseCrossSite(request);
    if (!SAFE_METHODS.has(request.method)) refuseUnreadBody(request);
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    reply.header('x-content-type-options', 'nosniff');
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', DEFAULT_CONTENT_SECURITY_POLICY);
    done(null, payload);
  });
}
