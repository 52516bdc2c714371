import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';

/** fetch's signature: the global fetch is one, and so is the in-process transport. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface InjectTransport {
  /** Answers a request at the transport's origin with the application, as fetch would over HTTP. */
  fetch: FetchLike;
  /** Requests the application answered through this transport, a redirect followed counting as another. */
  requestsAnswered(): number;
  /** Milliseconds between handing those requests to the application and having its answers, added up. */
  timeAnswering(): number;
}

/** The methods fetch writes in capitals; any other is sent as given (fetch leaves "patch" as it is). */
const NORMALIZED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);
/** Statuses whose responses have no body; a Response made with one is refused. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** How many redirects fetch follows before it gives up. */
const MAX_REDIRECTS = 20;
/** The headers fetch drops when a redirect turns the request into a GET without its body. */
const BODY_HEADERS = ['content-encoding', 'content-language', 'content-location', 'content-type'];

/** One request as the application is given it. */
interface Outgoing {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | Buffer | undefined;
}

/**
 * A fetch-shaped function that hands every request to `origin` straight to the fastify
 * application with `app.inject`: no socket and no interception of the global fetch, and the
 * routes are the very ones the HTTP server runs. It does what fetch does around the exchange
 * that the application would see: absolute URLs only, the method names fetch normalizes, a
 * text/plain content type for a string body sent without one, redirects followed unless told
 * otherwise. A request to any other origin is refused as fetch refuses an unreachable host.
 * The answer is a real Response; its `url` and `redirected` keep their defaults.
 */
export function injectTransport(app: FastifyInstance, origin: string): InjectTransport {
  const home = new URL(origin).origin;
  let answered = 0;
  let answeringMs = 0;

  async function exchange(request: Outgoing, signal: AbortSignal | undefined): Promise<Response> {
    if (request.url.origin !== home) throw new TypeError(`fetch failed: ${request.url.href} is not at the in-process address ${home}`);
    signal?.throwIfAborted();
    const handedOver = performance.now();
    const reply = await injected(app, {
      method: request.method,
      // The path and query as URL parsing left them, as fetch puts them on the request line.
      url: `${request.url.pathname}${request.url.search}`,
      headers: { host: request.url.host, ...request.headers },
      payload: request.body,
      signal,
      // The options are made here and always well formed: light-my-request need not check each request's against its schema.
      validate: false,
    });
    answered += 1;
    answeringMs += performance.now() - handedOver;
    const body = NULL_BODY_STATUSES.has(reply.statusCode) || request.method === 'HEAD' ? null : (reply.rawPayload as Uint8Array<ArrayBuffer>);
    return new BufferedResponse(body, reply.statusCode, reply.statusMessage, reply.headers);
  }

  async function send(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    let request = await outgoing(input, init);
    const follow = init?.redirect ?? (input instanceof Request ? input.redirect : 'follow');
    for (let redirects = 0; ; redirects++) {
      const response = await exchange(request, init?.signal ?? undefined);
      if (!REDIRECT_STATUSES.has(response.status)) return response;
      const location = response.headers.get('location');
      if (location === null || follow === 'manual') return response;
      if (follow === 'error') throw new TypeError(`fetch failed: ${request.url.href} redirected to ${location}`);
      if (redirects === MAX_REDIRECTS) throw new TypeError(`fetch failed: more than ${MAX_REDIRECTS} redirects from ${request.url.href}`);
      request = redirected(request, response.status, new URL(location, request.url));
    }
  }

  return { fetch: send, requestsAnswered: () => answered, timeAnswering: () => answeringMs };
}

/**
 * `app.inject` in its callback form: the promise form wraps each request in a chain object
 * that starts it on the next tick and answers through a second promise, which costs more than
 * fastify's own routing of a small request.
 */
function injected(app: FastifyInstance, options: InjectOptions): Promise<LightMyRequestResponse> {
  return new Promise((resolve, reject) => {
    app.inject(options, (error, reply) => (error ? reject(error) : resolve(reply!)));
  });
}

const utf8 = new TextDecoder();

/** The application's answer headers as fetch gives them, less what the Response works out itself. */
type RawHeaders = Record<string, string | string[] | number | undefined>;

function toHeaders(raw: RawHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    // The Response measures its own body.
    if (value === undefined || name === 'content-length' || name === 'transfer-encoding') continue;
    if (Array.isArray(value)) for (const each of value) headers.append(name, each);
    else headers.append(name, String(value));
  }
  return headers;
}

/**
 * A Response whose body is already in memory, as an in-process answer's always is. A Response
 * made from bytes wraps them in a readable stream and reads them back out of it, which costs more
 * than the application's whole answer to a small request; this one hands the bytes to `text()`,
 * `json()`, `arrayBuffer()` and `bytes()` directly, and makes its Headers when they are first
 * read (most callers read only the status and the body). The body can be read once, as any
 * Response's. Whoever asks for the stream itself (`body`), or for a form or a blob, gets a
 * Response made the usual way from the same bytes, and from then on every read goes through that one.
 */
class BufferedResponse extends Response {
  readonly #bytes: Uint8Array<ArrayBuffer> | null;
  readonly #raw: RawHeaders | Headers;
  #headers?: Headers;
  #used = false;
  #streamed?: Response;

  constructor(bytes: Uint8Array<ArrayBuffer> | null, status: number, statusText: string, headers: RawHeaders | Headers) {
    super(null, { status, statusText });
    this.#bytes = bytes;
    this.#raw = headers;
  }

  override get headers(): Headers {
    this.#headers ??= this.#raw instanceof Headers ? this.#raw : toHeaders(this.#raw);
    return this.#headers;
  }

  /** The same answer as an ordinary Response, made on first need. */
  #stream(): Response {
    if (!this.#streamed) {
      this.#streamed = new Response(this.#bytes, { status: this.status, statusText: this.statusText, headers: this.headers });
      if (this.#used) void this.#streamed.arrayBuffer();
    }
    return this.#streamed;
  }

  /** The bytes, once; a second read is refused as fetch refuses it. */
  #take(): Uint8Array<ArrayBuffer> {
    if (this.#used) throw new TypeError('Body is unusable: Body has already been read');
    this.#used = true;
    return this.#bytes ?? new Uint8Array(0);
  }

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    return this.#bytes === null ? null : this.#stream().body;
  }

  override get bodyUsed(): boolean {
    return this.#streamed ? this.#streamed.bodyUsed : this.#used;
  }

  override async text(): Promise<string> {
    if (this.#streamed) return this.#streamed.text();
    return utf8.decode(this.#take());
  }

  override async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    if (this.#streamed) return this.#streamed.arrayBuffer();
    const bytes = this.#take();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  }

  override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await this.arrayBuffer());
  }

  override blob(): Promise<Blob> {
    return this.#stream().blob();
  }

  override formData(): Promise<FormData> {
    return this.#stream().formData();
  }

  override clone(): Response {
    if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
    if (this.#streamed) return this.#streamed.clone();
    return new BufferedResponse(this.#bytes, this.status, this.statusText, new Headers(this.headers));
  }
}

/** A header name already in the lower case fetch sends, and a value fetch would send unchanged. */
const LOWER_CASE_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;
const UNCHANGED_VALUE = /^(?:[\x21-\x7e\x80-\xff](?:[\t\x20-\x7e\x80-\xff]*[\x21-\x7e\x80-\xff])?)?$/;

/**
 * Headers given as a plain object whose names and values fetch would send as they are (the drivers'
 * own), taken without building a Headers; undefined for anything else, which Headers then normalizes.
 */
function plainHeaders(given: HeadersInit | undefined): Record<string, string> | undefined {
  if (given === undefined) return {};
  if (given instanceof Headers || Array.isArray(given) || Object.getPrototypeOf(given) !== Object.prototype) return undefined;
  const entries = Object.entries(given as Record<string, unknown>);
  for (const [name, value] of entries) if (typeof value !== 'string' || !LOWER_CASE_NAME.test(name) || !UNCHANGED_VALUE.test(value)) return undefined;
  return Object.fromEntries(entries) as Record<string, string>;
}

/** The request fetch would send for these arguments. */
async function outgoing(input: string | URL | Request, init: RequestInit | undefined): Promise<Outgoing> {
  const body = init?.body ?? undefined;
  if (input instanceof Request || !(body === undefined || typeof body === 'string' || body instanceof Uint8Array)) {
    // Request objects, streams, forms and blobs: undici's Request works out the bytes and the content type.
    const request = new Request(input, init);
    const bytes = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    return { url: new URL(request.url), method: request.method, headers: Object.fromEntries(request.headers), body: bytes };
  }
  const url = new URL(input);
  const given = init?.method ?? 'GET';
  const method = NORMALIZED_METHODS.has(given.toUpperCase()) ? given.toUpperCase() : given;
  if (body !== undefined && (method === 'GET' || method === 'HEAD')) throw new TypeError('Request with GET/HEAD method cannot have body.');
  const headers = plainHeaders(init?.headers) ?? Object.fromEntries(new Headers(init?.headers));
  if (typeof body === 'string') {
    headers['content-type'] ??= 'text/plain;charset=UTF-8';
    return { url, method, headers, body };
  }
  return { url, method, headers, body: body && Buffer.from(body.buffer, body.byteOffset, body.byteLength) };
}

/** The request fetch makes to follow a redirect: a 303, and a 301 or 302 after a POST, become a GET without the body. */
function redirected(request: Outgoing, status: number, url: URL): Outgoing {
  const toGet = status === 303 ? request.method !== 'GET' && request.method !== 'HEAD' : (status === 301 || status === 302) && request.method === 'POST';
  if (!toGet) return { ...request, url };
  const headers = { ...request.headers };
  for (const name of BODY_HEADERS) delete headers[name];
  return { url, method: 'GET', headers, body: undefined };
}
