import { Agent, type IncomingHttpHeaders, type OutgoingHttpHeaders, request } from 'node:http';

/**
 * HTTP between the processes of a sharded emulator: the front door passing requests on to the
 * shards, and the shards calling the cloud. Every SmartServer request crosses one of these links,
 * so they use node:http over a pool of kept-alive connections rather than the global fetch, whose
 * streams and objects cost several times the CPU for the same small JSON exchange.
 */

/** One pool per process; idle connections are closed before the server's own keep-alive limit (the hint it sends). */
const pool = new Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64, scheduling: 'lifo' });

export interface HttpExchange {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface ExchangeOptions {
  method: string;
  headers?: OutgoingHttpHeaders;
  body?: Buffer | string;
  signal?: AbortSignal;
}

/** One request and its whole answer. A connection the server closed while idle in the pool is retried once on a fresh one. */
export function exchange(url: string, options: ExchangeOptions): Promise<HttpExchange> {
  return once(url, options).catch((error: NodeJS.ErrnoException & { reusedSocket?: boolean }) => {
    if (error.reusedSocket && error.code === 'ECONNRESET') return once(url, options);
    throw error;
  });
}

function once(url: string, { method, headers = {}, body, signal }: ExchangeOptions): Promise<HttpExchange> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const sent = request(url, { method, headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) }, agent: pool });
    const abort = () => sent.destroy(signal?.reason);
    signal?.addEventListener('abort', abort, { once: true });
    sent.once('error', (error: Error & { reusedSocket?: boolean }) => {
      signal?.removeEventListener('abort', abort);
      error.reusedSocket = sent.reusedSocket;
      reject(signal?.aborted ? signal.reason : error);
    });
    sent.once('response', (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.once('end', () => {
        signal?.removeEventListener('abort', abort);
        resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks) });
      });
      answer.once('error', reject);
    });
    sent.end(body);
  });
}

/** Statuses whose answer has no body (a Response refuses one). */
const NO_BODY = new Set([101, 204, 205, 304]);

function plainHeaders(headers: RequestInit['headers']): OutgoingHttpHeaders {
  if (headers === undefined) return {};
  if (headers instanceof Headers || Array.isArray(headers)) return Object.fromEntries(new Headers(headers).entries());
  return headers as Record<string, string>;
}

/**
 * The part of fetch the cloud adapter of a shard uses (method, headers, a text body, an abort
 * signal), over the pool above. A connection that fails rejects with a TypeError, as fetch does;
 * an abort rejects with the signal's reason (a TimeoutError for AbortSignal.timeout).
 */
export async function keepAliveFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const body = init.body ?? undefined;
  if (body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body)) throw new TypeError('keepAliveFetch sends text or Buffer bodies only');
  let answer: HttpExchange;
  try {
    answer = await exchange(url, { method: init.method ?? 'GET', headers: plainHeaders(init.headers), body, signal: init.signal ?? undefined });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new TypeError('fetch failed', { cause: error });
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return new Response(NO_BODY.has(answer.status) ? null : new Uint8Array(answer.body), { status: answer.status, headers });
}
