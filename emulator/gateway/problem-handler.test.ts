import { afterAll, beforeAll, expect, test } from 'vitest';
import { ApiClient, newPartner, newSmartServer, problemOf, startTestServer, type TestServer } from '../testing/http-test-kit';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

const json = { 'content-type': 'application/json' };
/** The cloud API checks its caller before the body: send the key the emulator's shards send. */
const headersFor = (path: string) =>
  path.startsWith('/cloud/api/') ? { ...json, 'x-cloud-client-key': server.running.emulator.ctx.tokens.cloudClientKey() } : json;

/** A concrete URL for a documented path: parameters get harmless made-up values. */
const concrete = (path: string) =>
  path
    .replace('{installCode}', 'zzzzzzz')
    .replace('{licenseId}', '00000000-0000-4000-8000-000000000000')
    .replace(/\{[^}]+\}/g, '1');

const writes = () =>
  Object.entries(server.document.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([m]) => ['post', 'put', 'patch', 'delete'].includes(m))
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, readsBody: operation.requestBody?.required === true })),
  );

test('malformed JSON is a 400 problem on every operation that takes a body, never a 500', async () => {
  const { api } = server;
  expect(writes().length).toBeGreaterThan(10);
  for (const { method, path } of writes()) {
    const answer = await api.call(method, concrete(path), { rawBody: '{"poNumber": "PO-1", ', headers: headersFor(path) });
    const problem = problemOf(answer, 400);
    expect(problem.detail, `${method} ${path}`).toMatch(/JSON/i);
  }
});

test('a JSON body that is not an object is refused (naming the body, or asking for a session first), never a 500', async () => {
  const { api } = server;
  for (const { method, path, readsBody } of writes()) {
    for (const rawBody of ['[]', '42', 'null', '"text"']) {
      const answer = await api.call(method, concrete(path), { rawBody, headers: headersFor(path) });
      const what = `${method} ${path} with ${rawBody}: ${answer.status} ${answer.text}`;
      expect(answer.status, what).toBeLessThan(500);
      if (readsBody) {
        expect(answer.status, what).toBeGreaterThanOrEqual(400);
        expect(answer.contentType, what).toMatch(/^application\/problem\+json/);
      }
    }
  }
  expect(problemOf(await api.call('POST', '/backoffice/api/orders', { rawBody: '[]', headers: json }), 400, 'invalid-input').field).toBe('body');
  expect(problemOf(await api.call('POST', '/partner/api/session', { rawBody: 'null', headers: json }), 400, 'invalid-input').field).toBe('body');
});

test('an empty JSON body, a foreign media type and an oversized body are problems too', async () => {
  const { api } = server;
  problemOf(await api.call('POST', '/partner/api/session', { rawBody: '', headers: json }), 400);
  problemOf(
    await api.call('POST', '/partner/api/session', { rawBody: 'email=a@b.example', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    415,
  );
  problemOf(await api.call('POST', '/backoffice/api/orders', { rawBody: JSON.stringify({ poNumber: 'x'.repeat(1_100_000) }), headers: json }), 413);
});

test('refusals carry type, title, status, detail, code and the request path as instance', async () => {
  const { api } = server;
  const { token } = await newPartner(api, { poNumber: 'PO-PH-1', email: 'ph@partner.example', lines: [{ model: '72220-10' }] });
  const problem = problemOf(await api.get('/partner/api/licenses/00000000-0000-4000-8000-000000000000', token), 404);
  expect(problem).toEqual({
    type: `/problems/${problem.code}`,
    title: 'No such license',
    status: 404,
    detail: expect.stringContaining('00000000-0000-4000-8000-000000000000'),
    code: problem.code,
    instance: '/partner/api/licenses/00000000-0000-4000-8000-000000000000',
  });
  const cms = await newSmartServer(api);
  const forbidden = problemOf(await api.get('/partner/api/inventory', cms.token), 403, 'partner-only');
  expect(forbidden.title).toBe('This is for partners');
});

test('a path nothing serves is a 404 problem that points to the API document', async () => {
  const raw = new ApiClient(server.url);
  const problem = problemOf(await raw.get('/partner/api/nothing-here'), 404, 'route-not-found');
  expect(problem.detail).toContain('/openapi.json');
});

test('tokens that are missing, malformed or signed elsewhere are 401 problems', async () => {
  const { api } = server;
  for (const header of [undefined, 'Bearer ', 'Bearer abc', 'Bearer eyJraW5kIjoicGFydG5lciJ9.c2lnbmF0dXJl', 'Basic dXNlcjpwYXNz']) {
    const answer = await api.call('GET', '/partner/api/inventory', { headers: header ? { authorization: header } : {} });
    problemOf(answer, 401, 'unauthenticated');
  }
});

test('errors met before any route runs are problems too: unparsable bodies name the body, an over-long path parameter and a bad escape name the URL', async () => {
  const { api } = server;
  expect(problemOf(await api.call('POST', '/partner/api/session', { rawBody: '{"email": ', headers: json }), 400).field).toBe('body');
  expect(problemOf(await api.call('POST', '/partner/api/session', { rawBody: '{"__proto__": {"admin": true}}', headers: json }), 400).field).toBe('body');
  const long = problemOf(await api.get(`/partner/api/licenses/${'a'.repeat(5000)}`), 414, 'path-parameter-too-long');
  expect(long.field).toBe('url');
  expect(problemOf(await api.get('/partner/api/licenses/%zz'), 400, 'bad-url').field).toBe('url');
});

test('a query parameter the operation does not take is a 400 naming it, with the parameters it does take', async () => {
  const { api } = server;
  const { token } = await newPartner(api, { poNumber: 'PO-PH-2', email: 'ph2@partner.example', lines: [{ model: '72220-10' }] });
  const misspelt = problemOf(await api.get('/partner/api/search?customername=Tower', token), 400, 'invalid-input');
  expect(misspelt.field).toBe('customername');
  expect(misspelt.detail).toContain('customerName, poNumber, onlyAvailable');
  const none = problemOf(await api.get('/_emulator/health?verbose=1'), 400, 'invalid-input');
  expect(none.detail).toBe('verbose: is not a query parameter of this operation, which takes none');
  // The parameters it does take still work.
  expect(await api.ok('GET', '/partner/api/search?poNumber=PO-PH-2&onlyAvailable=true', { token })).toHaveLength(1);
});
