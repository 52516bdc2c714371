import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { injectTransport, type InjectTransport } from './inject-transport';

const ORIGIN = 'http://sslab.transport-test';
/** How long the slow route takes to answer. */
const SLOW_MS = 20;
let app: FastifyInstance;
let transport: InjectTransport;

beforeAll(async () => {
  app = Fastify();
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  const seen = (request: { method: string; url: string; headers: Record<string, unknown>; body?: unknown }) => ({
    method: request.method,
    url: request.url,
    host: request.headers.host,
    auth: request.headers.authorization ?? null,
    type: request.headers['content-type'] ?? null,
    body: Buffer.isBuffer(request.body) ? [...request.body] : (request.body ?? null),
  });
  app.get('/echo', async (request) => seen(request));
  app.post('/echo', async (request, reply) => reply.code(201).header('x-seen', 'yes').header('set-cookie', ['a=1', 'b=2']).send(seen(request)));
  app.put('/echo', async (request) => seen(request));
  app.post('/text', { schema: {} }, async (request) => seen(request));
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.get('/empty', async (_request, reply) => reply.code(204).send());
  app.get('/moved', async (_request, reply) => reply.redirect('/echo?from=moved', 301));
  app.post('/see-other', async (_request, reply) => reply.redirect('/echo?from=see-other', 303));
  app.post('/keep-method', async (_request, reply) => reply.redirect('/echo', 307));
  app.get('/loop', async (_request, reply) => reply.redirect('/loop', 302));
  app.get('/slow', async () => {
    await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
    return { slow: true };
  });
  await app.ready();
  transport = injectTransport(app, `${ORIGIN}/`);
});

afterAll(async () => {
  await app.close();
});

test('method, path, query, headers and a JSON body reach the application as sent, and its status, headers and body come back', async () => {
  const before = transport.requestsAnswered();
  const read = await transport.fetch(`${ORIGIN}/echo?sts=provisioned&x=%20y`, { headers: { Authorization: 'Bearer t' } });
  expect(read.status).toBe(200);
  expect(read.headers.get('content-type')).toMatch(/^application\/json/);
  expect(await read.json()).toEqual({
    method: 'GET',
    url: '/echo?sts=provisioned&x=%20y',
    host: 'sslab.transport-test',
    auth: 'Bearer t',
    type: null,
    body: null,
  });

  const write = await transport.fetch(new URL(`${ORIGIN}/echo`), {
    method: 'post',
    headers: new Headers({ 'content-type': 'application/json' }),
    body: JSON.stringify({ licenseIds: ['a', 'b'] }),
  });
  expect(write.status).toBe(201);
  expect(write.statusText).toBe('Created');
  expect(write.headers.get('x-seen')).toBe('yes');
  expect(write.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
  expect(write.headers.get('content-length')).toBeNull();
  expect((await write.json()).body).toEqual({ licenseIds: ['a', 'b'] });

  const empty = await transport.fetch(`${ORIGIN}/empty`);
  expect(empty.status).toBe(204);
  expect(await empty.text()).toBe('');

  const unknown = await transport.fetch(`${ORIGIN}/nowhere`);
  expect(unknown.status).toBe(404);
  expect(transport.requestsAnswered() - before).toBe(4);
});

test('bodies are sent as fetch sends them: malformed text as is, a string without a type as text/plain, bytes and forms', async () => {
  const malformed = await transport.fetch(`${ORIGIN}/echo`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"unterminated": ' });
  expect(malformed.status).toBe(400);

  const untyped = await (await transport.fetch(`${ORIGIN}/text`, { method: 'POST', body: 'plain words' })).json();
  expect(untyped).toMatchObject({ type: 'text/plain;charset=UTF-8', body: 'plain words' });

  const bytes = new Uint8Array([0, 1, 2, 255]).subarray(1);
  const binary = await (
    await transport.fetch(`${ORIGIN}/echo`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: bytes })
  ).json();
  expect(binary.body).toEqual([1, 2, 255]);

  // Anything else goes through undici's Request, which picks the content type.
  const form = await (await transport.fetch(`${ORIGIN}/text`, { method: 'POST', body: new Blob(['from a blob'], { type: 'text/plain' }) })).json();
  expect(form).toMatchObject({ type: 'text/plain', body: 'from a blob' });
  const request = new Request(`${ORIGIN}/echo`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"n":1}' });
  expect((await (await transport.fetch(request)).json()).body).toEqual({ n: 1 });
});

test('redirects are followed as fetch follows them, unless the request says otherwise', async () => {
  expect(await (await transport.fetch(`${ORIGIN}/moved`)).json()).toMatchObject({ method: 'GET', url: '/echo?from=moved' });
  const seeOther = await (
    await transport.fetch(`${ORIGIN}/see-other`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' })
  ).json();
  expect(seeOther).toMatchObject({ method: 'GET', url: '/echo?from=see-other', type: null, body: null });
  const kept = await (
    await transport.fetch(`${ORIGIN}/keep-method`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' })
  ).json();
  expect(kept).toMatchObject({ method: 'POST', body: { a: 1 } });

  const manual = await transport.fetch(`${ORIGIN}/moved`, { redirect: 'manual' });
  expect(manual.status).toBe(301);
  expect(manual.headers.get('location')).toBe('/echo?from=moved');
  await expect(transport.fetch(`${ORIGIN}/moved`, { redirect: 'error' })).rejects.toThrow(TypeError);
  await expect(transport.fetch(`${ORIGIN}/loop`)).rejects.toThrow(/more than 20 redirects/);
});

test('what fetch refuses is refused: another origin, a relative URL, a body on a GET, an aborted signal', async () => {
  const before = transport.requestsAnswered();
  await expect(transport.fetch('http://portal.example.invalid/echo')).rejects.toThrow(TypeError);
  await expect(transport.fetch('/echo')).rejects.toThrow(TypeError);
  await expect(transport.fetch(`${ORIGIN}/echo`, { method: 'GET', body: 'x' })).rejects.toThrow(TypeError);
  await expect(transport.fetch(`${ORIGIN}/echo`, { signal: AbortSignal.abort() })).rejects.toThrow();
  expect(transport.requestsAnswered()).toBe(before);
});

test('the time the application took to answer is added up, and a refused request adds none', async () => {
  const before = transport.timeAnswering();
  await transport.fetch(`${ORIGIN}/slow`);
  const afterSlow = transport.timeAnswering();
  // Timers may fire a millisecond early.
  expect(afterSlow - before).toBeGreaterThanOrEqual(SLOW_MS - 1);
  await expect(transport.fetch('http://portal.example.invalid/slow')).rejects.toThrow(TypeError);
  expect(transport.timeAnswering()).toBe(afterSlow);
});

test('an answer is a Response whose body reads as fetch reads one: once, as text, JSON, bytes, a blob or a stream, and cloned before', async () => {
  const url = `${ORIGIN}/echo?n=1`;
  const expected = JSON.stringify({ method: 'GET', url: '/echo?n=1', host: 'sslab.transport-test', auth: null, type: null, body: null });

  const text = await transport.fetch(url);
  expect(text).toBeInstanceOf(Response);
  expect(text.bodyUsed).toBe(false);
  expect(await text.text()).toBe(expected);
  expect(text.bodyUsed).toBe(true);
  await expect(text.text()).rejects.toThrow(TypeError);
  await expect(text.json()).rejects.toThrow(TypeError);
  expect(() => text.clone()).toThrow(TypeError);

  const bytes = await transport.fetch(url);
  const copy = bytes.clone();
  expect(new TextDecoder().decode(await bytes.arrayBuffer())).toBe(expected);
  expect(await copy.json()).toEqual(JSON.parse(expected));
  expect(copy.status).toBe(200);
  expect(copy.headers.get('content-type')).toMatch(/^application\/json/);

  expect(await (await (await transport.fetch(url)).blob()).text()).toBe(expected);
  expect(new TextDecoder().decode(await (await transport.fetch(url)).bytes())).toBe(expected);

  const streamed = await transport.fetch(url);
  const reader = streamed.body!.getReader();
  const chunks: Uint8Array[] = [];
  for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
  expect(new TextDecoder().decode(Buffer.concat(chunks))).toBe(expected);
  expect(streamed.bodyUsed).toBe(true);
  await expect(streamed.text()).rejects.toThrow(TypeError);

  const empty = await transport.fetch(`${ORIGIN}/empty`);
  expect(empty.body).toBeNull();
  expect(await empty.arrayBuffer()).toEqual(new ArrayBuffer(0));
});

test('request headers reach the application as fetch sends them, whichever way they are given', async () => {
  const seen = async (headers: HeadersInit) => (await (await transport.fetch(`${ORIGIN}/echo`, { headers })).json()) as { auth: string | null };
  expect(await seen({ authorization: 'Bearer plain' })).toMatchObject({ auth: 'Bearer plain' });
  expect(await seen({ Authorization: 'Bearer capital' })).toMatchObject({ auth: 'Bearer capital' });
  expect(await seen({ authorization: '  Bearer padded \t' })).toMatchObject({ auth: 'Bearer padded' });
  expect(await seen([['authorization', 'Bearer pairs']])).toMatchObject({ auth: 'Bearer pairs' });
  expect(await seen(new Headers({ authorization: 'Bearer headers' }))).toMatchObject({ auth: 'Bearer headers' });
  await expect(transport.fetch(`${ORIGIN}/echo`, { headers: { authorization: 'line\nbreak' } })).rejects.toThrow(TypeError);
  await expect(transport.fetch(`${ORIGIN}/echo`, { headers: { authorization: 'Bearer ✓' } })).rejects.toThrow(TypeError);
});
