import type { FastifyInstance } from 'fastify';
// msw's http handlers alone: its main entry also loads GraphQL support, which nothing here uses.
import { http } from 'msw/core/http';
import { setupServer } from 'msw/node';

export interface InProcessInterceptor {
  /** Requests answered in-process since the interceptor started. */
  requestsAnswered(): number;
  close(): void;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Answers every fetch to `baseUrl` in-process by injecting it into the emulator's own HTTP
 * application: msw is only the transport, the routes are the ones the HTTP server runs.
 * Requests to other hosts fail loudly; loopback requests pass through to real servers.
 */
export function interceptInProcess(app: FastifyInstance, baseUrl: string): InProcessInterceptor {
  const origin = baseUrl.replace(/\/$/, '');
  let answered = 0;
  const server = setupServer(
    http.all(new RegExp(`^${escapeRegExp(origin)}(/|$)`), async ({ request }) => {
      answered += 1;
      const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
      const response = await app.inject({
        method: request.method as 'GET',
        // The path and query as sent: the handler matched the origin, so the rest of the URL is theirs.
        url: request.url.slice(origin.length) || '/',
        headers: headerRecord(request.headers),
        payload: hasBody ? Buffer.from(await request.arrayBuffer()) : undefined,
      });
      const headers = new Headers();
      for (const [name, value] of Object.entries(response.headers)) {
        if (value === undefined || name === 'content-length' || name === 'transfer-encoding') continue;
        for (const v of Array.isArray(value) ? value : [value]) headers.append(name, String(v));
      }
      return new Response(response.rawPayload.length ? (response.rawPayload as Uint8Array<ArrayBuffer>) : null, { status: response.statusCode, headers });
    }),
  );
  server.listen({
    onUnhandledRequest(request, print) {
      if (LOOPBACK.has(new URL(request.url).hostname)) return;
      print.error();
    },
  });
  return { requestsAnswered: () => answered, close: () => server.close() };
}

function headerRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = value;
  });
  return record;
}
