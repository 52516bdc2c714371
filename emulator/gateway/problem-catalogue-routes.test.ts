import { afterAll, beforeAll, expect, test } from 'vitest';
import { PROBLEM_CATALOGUE, PROBLEM_CODES } from '../kernel/problem-catalogue';
import { ApiClient, newPartner, problemOf, startTestServer, type TestServer } from '../testing/http-test-kit';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => server?.stop());

test('/problems lists every code of the catalogue with its status, plain title, meaning, way out and the operations that answer it', async () => {
  const entries = await server.api.ok('GET', '/problems');
  expect(entries.map((e: { code: string }) => e.code)).toEqual(PROBLEM_CODES);
  const retired = entries.find((e: { code: string }) => e.code === 'license-retired');
  expect(retired).toMatchObject({ type: '/problems/license-retired', status: 409, title: 'This License ID was replaced' });
  expect(retired.wayOut).toMatch(/new License ID/);
  expect(retired.operations).toEqual(
    expect.arrayContaining(['POST /partner/api/licenses/{licenseId}/transfers', 'POST /smartservers/{installCode}/iap/lic/cloud/download']),
  );
  const titles = new Set<string>();
  for (const entry of entries) {
    expect(entry.title, entry.code).toMatch(/^[A-Z]/);
    expect(entry.title, entry.code).not.toMatch(/^(Bad request|Conflict|Not found|Forbidden|Unauthenticated|Business rule broken)$/);
    expect(entry.meaning, entry.code).toMatch(/\S/);
    expect(entry.wayOut, entry.code).toMatch(/\S/);
    titles.add(`${entry.status} ${entry.title}`);
  }
});

test("every problem's type resolves: /problems/{code} answers for every code, and an unknown code is a 404 problem", async () => {
  for (const code of PROBLEM_CODES) {
    const entry = await server.api.ok('GET', `/problems/${code}`);
    expect(entry).toMatchObject({ code, type: `/problems/${code}`, status: PROBLEM_CATALOGUE[code].status, title: PROBLEM_CATALOGUE[code].title });
  }
  problemOf(await server.api.get('/problems/no-such-code'), 404, 'problem-not-found');
});

test('a refusal names its catalogue entry as its type and carries its plain title', async () => {
  const { api } = server;
  const { token } = await newPartner(api, { poNumber: 'PO-PC-1', email: 'pc@partner.example', lines: [{ model: '72220-10' }] });
  const problem = problemOf(await api.get('/partner/api/licenses/00000000-0000-4000-8000-000000000000', token), 404, 'license-not-found');
  const entry = await api.ok('GET', problem.type);
  expect(entry.title).toBe(problem.title);
  expect(entry.operations).toContain('GET /partner/api/licenses/{licenseId}');
});

test('a browser asking for a problem gets a readable page', async () => {
  const page = await server.api.call('GET', '/problems/too-many-attempts', { headers: { accept: 'text/html' } });
  expect(page.status).toBe(200);
  expect(page.contentType).toMatch(/^text\/html/);
  expect(page.text).toContain('Too many failed logins');
  expect(page.text).toContain('Retry-After');
});

test('a method a path does not serve is a 405 problem with Allow, not a 404', async () => {
  const raw = new ApiClient(server.url);
  for (const [method, path, allow] of [
    ['DELETE', '/partner/api/inventory', 'GET, HEAD'],
    ['GET', '/partner/api/session', 'DELETE, POST'],
    ['PATCH', '/smartservers/17q5t6a/iap/lic/accounts', 'GET, HEAD, PUT'],
  ] as const) {
    const response = await fetch(`${server.url}${path}`, { method });
    expect(response.status, `${method} ${path}`).toBe(405);
    expect(response.headers.get('allow'), `${method} ${path}`).toBe(allow);
    const body = await response.json();
    expect(body).toMatchObject({ code: 'method-not-allowed', type: '/problems/method-not-allowed', status: 405 });
  }
  problemOf(await raw.get('/partner/api/nothing-here'), 404, 'route-not-found');
});
