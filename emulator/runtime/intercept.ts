import type { FastifyInstance } from 'fastify';
// msw's http handlers alone: its main entry also loads GraphQL support, which nothing here uses.
import { http } from 'msw/core/http';
import { setupServer } from 'msw/node';

export interface InProcessInterceptor {
  /** Requests answered in-process since the interceptor started. */
  requestsAnswered(): number;
  close(): void;
}

/**
 * Where a request belongs in the application: the path and query to hand it, or undefined when the
 * request is not for the application. One origin maps by itself; the partners' kit maps the
 * vendors' host names onto the parts of the application that emulate them.
 */
export type AddressMap = (url: URL) => string | undefined;

export interface InterceptOptions {
  /**
   * A request the map turns down, to a host other than loopback: refused (the default), so that
   * nothing reaches the network unnoticed, or sent on to the network.
   */
  unknownHosts?: 'refuse' | 'pass';
  /** Where a refusal is told; the standard error unless given. */
  report?: (message: string) => void;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The map of one origin: every path under it goes to the application as sent. */
export function originMap(baseUrl: string): AddressMap {
  const origin = baseUrl.replace(/\/$/, '');
  const under = new RegExp(`^${escapeRegExp(origin)}(/|$)`);
  // The URL as fetch wrote it, so the path and query keep their encoding.
  return (url) => (under.test(url.href) ? url.href.slice(origin.length) || '/' : undefined);
}

/**
 * Answers every fetch the map takes in-process by injecting it into the emulator's own HTTP
 * application: msw is only the transport, the routes are the ones the HTTP server runs. A request
 * to any other host fails as an unreachable host does, and says so on the standard error, unless
 * told to pass; loopback requests always pass through to real servers.
 */
export function interceptInProcess(app: FastifyInstance, addresses: string | AddressMap, options: InterceptOptions = {}): InProcessInterceptor {
  const pathIn = typeof addresses === 'string' ? originMap(addresses) : addresses;
  const report = options.report ?? ((message: string) => console.error(message));
  let answered = 0;

  const inApplication = http.all(
    ({ request }) => pathIn(new URL(request.url)) !== undefined,
    async ({ request }) => {
      answered += 1;
      const url = new URL(request.url);
      const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
      const response = await app.inject({
        method: request.method as 'GET',
        url: pathIn(url)!,
        headers: { host: url.host, ...headerRecord(request.headers) },
        payload: hasBody ? Buffer.from(await request.arrayBuffer()) : undefined,
      });
      const headers = new Headers();
      for (const [name, value] of Object.entries(response.headers)) {
        if (value === undefined || name === 'content-length' || name === 'transfer-encoding') continue;
        for (const v of Array.isArray(value) ? value : [value]) headers.append(name, String(v));
      }
      return new Response(response.rawPayload.length ? (response.rawPayload as Uint8Array<ArrayBuffer>) : null, { status: response.statusCode, headers });
    },
  );
  // msw's own "error" strategy only prints from a callback and then lets the request out; answering
  // with a network error is what keeps it in.
  const refused = http.all(
    ({ request }) => !LOOPBACK.has(new URL(request.url).hostname),
    ({ request }) => {
      report(`sslab: refused ${request.method} ${request.url}: no emulated service answers at that address, and requests to other hosts are not let out.`);
      return Response.error();
    },
  );

  const server = setupServer(...(options.unknownHosts === 'pass' ? [inApplication] : [inApplication, refused]));
  server.listen({ onUnhandledRequest: 'bypass' });
  return { requestsAnswered: () => answered, close: () => server.close() };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function headerRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = value;
  });
  return record;
}
