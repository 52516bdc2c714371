import type { FastifyInstance } from 'fastify';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';

export type InProcessInterceptor = ReturnType<typeof setupServer>;

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
  const server = setupServer(
    http.all(new RegExp(`^${escapeRegExp(baseUrl.replace(/\/$/, ''))}(/|$)`), async ({ request }) => {
      const url = new URL(request.url);
      const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
      const response = await app.inject({
        method: request.method as 'GET',
        url: `${url.pathname}${url.search}`,
        headers: headerRecord(request.headers),
        payload: hasBody ? Buffer.from(await request.arrayBuffer()) : undefined,
      });
      const headers = new Headers();
      for (const [name, value] of Object.entries(response.headers)) {
        if (value === undefined || name === 'content-length' || name === 'transfer-encoding') continue;
        for (const v of Array.isArray(value) ? value : [value]) headers.append(name, String(v));
      }
      return new HttpResponse(response.rawPayload.length ? response.rawPayload : null, { status: response.statusCode, headers });
    }),
  );
  server.listen({
    onUnhandledRequest(request, print) {
      if (LOOPBACK.has(new URL(request.url).hostname)) return;
      print.error();
    },
  });
  return server;
}

function headerRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = value;
  });
  return record;
}
