import { Agent, request } from 'node:http';
import type { Transport } from './http-client';

/**
 * A fetch-shaped transport over node:http with kept-alive connections, for load: a licensing storm
 * sends tens of thousands of small requests, and fetch's own work per request (streams, abort
 * signals, its connection pool) costs the client more than the emulator spends answering. Plain
 * http only (loopback, a lab network, an orchestrator's front door); anything else goes to fetch.
 */
export interface KeepAliveTransport extends Transport {
  /** Closes the kept connections. */
  close(): void;
}

export function keepAliveTransport(maxSockets = 64): KeepAliveTransport {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const send: Transport = (url, init = {}) => {
    const target = new URL(url);
    if (target.protocol !== 'http:') return fetch(url, init);
    const body = init.body === undefined || init.body === null ? undefined : String(init.body);
    const headers: Record<string, string> = { ...(init.headers as Record<string, string> | undefined) };
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    return new Promise<Response>((resolve, reject) => {
      const req = request(
        { agent, host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: init.method ?? 'GET', headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const answer = new Headers();
            for (const [name, value] of Object.entries(res.headers)) {
              for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) answer.append(name, one);
            }
            const status = res.statusCode ?? 0;
            // A 204 or 304 answer carries no body, and Response refuses one for them.
            const text = status === 204 || status === 304 ? null : Buffer.concat(chunks).toString('utf8');
            resolve(new Response(text, { status, statusText: res.statusMessage, headers: answer }));
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  };
  return Object.assign(send, { close: () => agent.destroy() });
}
