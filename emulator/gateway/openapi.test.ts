import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ContractChecker, ContractViolation } from '../testing/contract';
import { PROBLEM_CATALOGUE } from '../kernel/problem-catalogue';
import { installOpenApi, type OpenApiOperation } from './openapi';
import { OPERATION_PROBLEMS } from './operation-problems';
import { ApiClient, newPartner, problemOf, transfer, type TestServer, startTestServer } from '../testing/http-test-kit';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

const operations = () =>
  Object.entries(server.document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation: operation as OpenApiOperation })),
  );

/** Every method and path the router holds, read from its own route tree (not from the document's hook). */
function routerRoutes(tree: string): { method: string; path: string }[] {
  const stack: string[] = [];
  const found: { method: string; path: string }[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!match) continue;
    const depth = match[1].length / 4;
    stack.length = depth;
    const path = `${stack.join('')}${match[2]}`;
    stack.push(match[2]);
    for (const method of (match[3] ?? '')
      .split(',')
      .map((m) => m.trim())
      .filter(Boolean))
      found.push({ method, path });
  }
  return found;
}

test('the document is OpenAPI 3.1, carries the package version, one security scheme per credential and the problem schema', () => {
  const doc = server.document;
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  expect(doc.openapi).toBe('3.1.0');
  expect(doc.info.version).toBe(pkg.version);
  expect(Object.keys(doc.components.securitySchemes).sort()).toEqual([
    'cloudClientKey',
    'cmsSession',
    'customerSession',
    'ecostruxureSession',
    'iapSession',
    'partnerSession',
    'websocketToken',
  ]);
  const schemes = doc.components.securitySchemes as Record<string, { description: string }>;
  expect(schemes.partnerSession.description).toMatch(/POST \/partner\/api\/session.*\(\/partner\/api\/…\) only/);
  expect(schemes.customerSession.description).toMatch(/POST \/customer\/api\/session.*\(\/customer\/api\/…\) only/);
  expect(schemes.cmsSession.description).toMatch(/POST \/smartservers\/\{installCode\}\/login.*that one SmartServer/);
  expect(schemes.ecostruxureSession.description).toMatch(/POST \/ecostruxure\/api\/session.*\(\/ecostruxure\/api\/…\) only/);
  // The WebSocket's token travels in a header, never in the query where logs would keep it.
  expect(doc.components.securitySchemes.websocketToken).toMatchObject({ type: 'apiKey', in: 'header', name: 'Sec-WebSocket-Protocol' });
  expect(doc.components.schemas.Problem).toMatchObject({ type: 'object', required: ['type', 'title', 'status', 'detail', 'code'] });
  const requirement = (method: string, path: string) => operations().find((o) => o.method === method && o.path === path)?.operation.security;
  expect(requirement('GET', '/partner/api/inventory')).toEqual([{ partnerSession: [] }]);
  expect(requirement('GET', '/customer/api/licenses')).toEqual([{ customerSession: [] }]);
  expect(requirement('POST', '/smartservers/{installCode}/iap/lic/cloud/download')).toEqual([{ cmsSession: [] }]);
  expect(requirement('GET', '/smartservers/{installCode}/iap/ws')).toEqual([{ cmsSession: [] }, { websocketToken: [] }]);
  expect(requirement('POST', '/cloud/api/activations')).toEqual([{ cloudClientKey: [] }]);
  expect(requirement('POST', '/partner/api/session')).toEqual([]);
  expect(requirement('POST', '/smartservers/{installCode}/login')).toEqual([]);
  expect(requirement('POST', '/ecostruxure/api/session')).toEqual([]);
  expect(requirement('GET', '/ecostruxure/api/servers')).toEqual([{ ecostruxureSession: [] }]);
});

test('every operation declares its security, public ones with an explicit empty list, and only schemes the document defines', () => {
  const schemes = new Set(Object.keys(server.document.components.securitySchemes));
  const undeclared = operations()
    .filter((o) => !Array.isArray(o.operation.security))
    .map((o) => `${o.method} ${o.path}`);
  expect(undeclared, 'operations without a security declaration').toEqual([]);
  for (const { method, path, operation } of operations()) {
    for (const requirement of operation.security ?? [])
      for (const name of Object.keys(requirement)) expect(schemes.has(name), `${method} ${path}: ${name}`).toBe(true);
  }
});

test('every operation lists each refusal status with problem details narrowed to its codes, and no open ranges', () => {
  const declared = new Set(Object.keys(OPERATION_PROBLEMS));
  for (const { method, path, operation } of operations()) {
    const name = `${method} ${path}`;
    expect(declared.has(name), `${name} has no entry in OPERATION_PROBLEMS`).toBe(true);
    expect(
      Object.keys(operation.responses).filter((code) => /XX$/i.test(code)),
      name,
    ).toEqual([]);
    const codes = operation['x-problem-codes'] ?? [];
    for (const [status, response] of Object.entries(operation.responses).filter(([status]) => Number(status) >= 400)) {
      const schema = response.content?.['application/problem+json']?.schema as { allOf: unknown[]; properties: { code: { enum: string[] } } };
      expect(schema.allOf, `${name} ${status}`).toEqual([{ $ref: '#/components/schemas/Problem' }]);
      for (const code of schema.properties.code.enum) {
        expect(PROBLEM_CATALOGUE[code as keyof typeof PROBLEM_CATALOGUE].status, `${name} ${status} ${code}`).toBe(Number(status));
        expect(codes, name).toContain(code);
      }
    }
  }
  for (const key of declared)
    expect(
      operations().some((o) => `${o.method} ${o.path}` === key),
      `OPERATION_PROBLEMS names ${key}, which is no operation`,
    ).toBe(true);
  const transfer = operations().find((o) => o.path === '/partner/api/licenses/{licenseId}/transfers')!.operation;
  expect(transfer.responses['409'].description).toContain('license-retired');
  const login = operations().find((o) => o.path === '/partner/api/session')!.operation;
  expect(Object.keys(login.responses['429'].headers ?? {})).toEqual(['Retry-After']);
  const codes = server.document.components.schemas.ProblemCode as { oneOf: { const: string; title: string }[] };
  expect(codes.oneOf.map((c) => c.const).sort()).toEqual(Object.keys(PROBLEM_CATALOGUE).sort());
});

test('the licensing actions answer what they did, and declare the Link header that leads to the whole Manage Licenses table', () => {
  const actions = [
    '/smartservers/{installCode}/iap/lic/cloud/download',
    '/smartservers/{installCode}/iap/lic/cloud/upload',
    '/smartservers/{installCode}/iap/lic/files',
  ];
  for (const path of actions) {
    const ok = operations().find((o) => o.method === 'POST' && o.path === path)!.operation.responses['200'];
    expect(Object.keys(ok.headers ?? {}), path).toEqual(['Link']);
    const schema = ok.content!['application/json'].schema as { $ref: string };
    const answer = server.document.components.schemas[schema.$ref.split('/').pop()!] as { properties: Record<string, unknown> };
    expect(Object.keys(answer.properties), path).toContain('licensing');
    expect(Object.keys(answer.properties), path).not.toContain('licenses');
  }
  expect(operations().some((o) => o.method === 'GET' && o.path === '/smartservers/{installCode}/iap/lic')).toBe(true);
});

test('every route the router serves is in the document, and every documented operation is served', () => {
  const app = server.running.app;
  const documented = new Set(operations().map((o) => `${o.method} ${o.path}`));
  const served = routerRoutes(app.printRoutes({ commonPrefix: false })).filter((r) => r.method !== 'HEAD');
  expect(served.length).toBeGreaterThan(20);
  const missing = served.map((r) => `${r.method} ${r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`).filter((r) => !documented.has(r));
  expect(missing, 'routes the document leaves out').toEqual([]);
  for (const { method, path } of operations()) {
    expect(app.hasRoute({ method: method as 'GET', url: path.replace(/\{([^}]+)\}/g, ':$1') }), `${method} ${path}`).toBe(true);
  }
});

test('every documented operation has a summary, a tag, a unique operationId, its path parameters and a described success body', () => {
  const ids = new Set<string>();
  for (const { method, path, operation } of operations()) {
    const name = `${method} ${path}`;
    expect(operation.summary, name).toMatch(/\S/);
    expect(operation.tags?.length, name).toBeGreaterThan(0);
    expect(ids.has(operation.operationId), `${name} repeats ${operation.operationId}`).toBe(false);
    ids.add(operation.operationId);
    const declared = (operation.parameters ?? [])
      .filter((p) => p.in === 'path')
      .map((p) => p.name)
      .sort();
    expect(declared, name).toEqual([...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort());
    const success = Object.entries(operation.responses).filter(([code]) => /^(101|2\d\d|2XX|303)$/.test(code));
    expect(success.length, `${name} documents no success answer`).toBeGreaterThan(0);
    for (const [code, response] of success) {
      if (!['101', '204', '303'].includes(code)) expect(Object.keys(response.content ?? {}).length, `${name} ${code} has no body schema`).toBeGreaterThan(0);
    }
  }
});

test('admin and back-office operations are tagged as such and marked test-only; vendor operations are not', () => {
  for (const { method, path, operation } of operations()) {
    if (path.startsWith('/_emulator/')) expect(operation.tags, `${method} ${path}`).toContain('admin');
    if (path.startsWith('/backoffice/')) expect(operation.tags, `${method} ${path}`).toContain('backoffice');
    const testOnly = (operation.tags ?? []).some((t) => t === 'admin' || t === 'backoffice');
    expect(operation['x-test-only'] ?? false, `${method} ${path}`).toBe(testOnly);
  }
  expect(operations().find((o) => o.path === '/partner/api/inventory')?.operation['x-test-only']).toBeUndefined();
  const tagNames = server.document.tags.map((t) => t.name);
  expect(tagNames).toEqual(expect.arrayContaining(['admin', 'backoffice', 'partner portal', 'smartserver']));
  expect(server.document.tags.find((t) => t.name === 'admin')?.description).toMatch(/test-only/i);
});

test('an answer the document does not describe fails loudly', () => {
  const { contract } = server;
  expect(() => contract.check({ method: 'GET', url: '/partner/api/nowhere', status: 200, contentType: 'application/json', body: '[]' })).toThrow(
    ContractViolation,
  );
  expect(() =>
    contract.check({ method: 'GET', url: '/partner/api/inventory', status: 200, contentType: 'application/json', body: '{"not":"a list"}' }),
  ).toThrow(/does not match/);
  expect(() => contract.check({ method: 'GET', url: '/partner/api/inventory', status: 302, contentType: 'text/html', body: '' })).toThrow(/does not list/);
  expect(() => contract.check({ method: 'GET', url: '/partner/api/inventory', status: 403, contentType: 'application/json', body: '{}' })).toThrow(
    /application\/problem\+json/,
  );
  // A status the operation has, with a code it does not declare for it.
  const foreign = JSON.stringify({ type: '/problems/owner-only', title: 'Only the Owner may manage licenses', status: 403, detail: 'No.', code: 'owner-only' });
  expect(() => contract.check({ method: 'GET', url: '/partner/api/inventory', status: 403, contentType: 'application/problem+json', body: foreign })).toThrow(
    /does not match/,
  );
  expect(() => contract.check({ method: 'GET', url: '/partner/api/inventory', status: 409, contentType: 'application/problem+json', body: foreign })).toThrow(
    /does not list/,
  );
  const tokenMissing = JSON.stringify({
    type: '/problems/unauthenticated',
    title: 'Unauthenticated',
    status: 401,
    detail: 'Log in first.',
    code: 'unauthenticated',
  });
  expect(() =>
    contract.check({ method: 'POST', url: '/partner/api/session', status: 401, contentType: 'application/problem+json', body: tokenMissing }),
  ).toThrow(/needs none/);
});

test('a realistic workflow, with its refusals, answers exactly what the document says, field for field', async () => {
  // Closed: an answer may carry no property its schema leaves out, so the document describes every field.
  const contract = new ContractChecker(server.document, { closed: true });
  const api = new ApiClient(server.url, contract);
  const ss = (code: string, rest: string) => `/smartservers/${code}${rest}`;

  // Admin control plane and the clock.
  await api.ok('GET', '/_emulator/health');
  await api.ok('PUT', '/_emulator/clock', { body: { now: '2026-02-02' } });
  await api.ok('POST', '/_emulator/clock/advance', { body: { days: 3 } });
  expect((await api.ok('GET', '/_emulator/clock')).today).toBe('2026-02-05');

  // Order -> partner login -> the portal's views.
  const { token: partner, order } = await newPartner(api, {
    poNumber: 'PO-OA-1',
    email: 'oa@partner.example',
    partnerName: 'OA Partner',
    lines: [
      { model: '72220-200', quantity: 1 },
      { model: '92201R-P-200', quantity: 1 },
      { model: '92201R-P-50', quantity: 1 },
    ],
  });
  const [capacity, maintenance200, maintenance50] = order.licenses;
  await api.ok('GET', '/partner/api/inventory', { token: partner });
  await api.ok('GET', `/partner/api/licenses/${capacity.licenseId}`, { token: partner });

  // Transfer to a new customer: refused until the account details come along.
  problemOf(
    await api.post(`/partner/api/licenses/${capacity.licenseId}/transfers`, { customerName: 'P-OA', transferTo: 'Customer' }, partner),
    404,
    'customer-account-not-found',
  );
  const first = await transfer(api, partner, capacity.licenseId, 'P-OA', { contactEmail: 'facility@p-oa.example' });
  const customerId = first.customer.customerId;
  const m200 = await transfer(api, partner, maintenance200.licenseId, 'P-OA');
  const m50 = await transfer(api, partner, maintenance50.licenseId, 'P-OA');
  await api.ok('GET', '/partner/api/customer-inventory', { token: partner });
  await api.ok('GET', '/partner/api/customers?name=oa', { token: partner });
  await api.ok('GET', '/partner/api/search?poNumber=PO-OA-1&onlyAvailable=true', { token: partner });
  await api.ok('GET', '/partner/api/search?customerName=P-OA', { token: partner });

  // A SmartServer is created, its Owner saves the Customer ID and activates from the cloud.
  const created = await api.ok('POST', '/_emulator/smartservers', {
    body: {
      name: 'Building A',
      version: '4.0',
      devices: { lon: 3, bacnet: 2 },
      users: [
        { username: 'owner', userType: 'Owner' },
        { username: 'viewer', userType: 'User' },
      ],
    },
  });
  const code = created.installCode;
  await api.ok('GET', '/_emulator/smartservers');
  const owner = (await api.ok('POST', ss(code, '/login'), { body: { username: 'owner', password: created.users[0].password } })).token;
  const viewer = (await api.ok('POST', ss(code, '/login'), { body: { username: 'viewer', password: created.users[1].password } })).token;
  await api.ok('POST', ss(code, '/iap/lic/accounts/draft'), { token: owner, body: { customerId } });
  await api.ok('DELETE', ss(code, '/iap/lic/accounts/draft'), { token: owner });
  await api.ok('POST', ss(code, '/iap/lic/accounts/draft'), { token: owner, body: { customerId } });
  await api.ok('POST', ss(code, '/iap/lic/accounts/draft/save'), { token: owner });
  await api.ok('PUT', ss(code, '/iap/lic/accounts'), { token: owner, body: { customerId } });
  await api.ok('GET', ss(code, '/iap/lic/accounts'), { token: owner });
  const offers = await api.ok('GET', ss(code, '/iap/lic/cloud'), { token: owner });
  expect(offers).toHaveLength(3);
  await api.ok('POST', ss(code, '/iap/lic/cloud/download'), { token: owner, body: { licenseIds: [first.license.licenseId] } });
  problemOf(await api.post(ss(code, '/iap/lic/cloud/download'), { licenseIds: [m50.license.licenseId] }, owner), 422, 'maintenance-capacity-mismatch');
  await api.ok('POST', ss(code, '/iap/lic/cloud/download'), { token: owner, body: { licenseIds: [m200.license.licenseId] } });

  // Devices, provisioning and the dashboard.
  const devices = await api.ok('GET', ss(code, '/iap/devs'), { token: viewer });
  expect(devices).toHaveLength(5);
  await api.ok('POST', ss(code, `/iap/devs/${devices[0].id}/do`), { token: owner, body: { action: 'provision' } });
  const board = await api.ok('GET', ss(code, '/dashboard'), { token: viewer });
  expect(board).toMatchObject({ capacity: 200, badge: false });
  await api.ok('GET', ss(code, '/iap/lic/status'), { token: owner });
  await api.ok('GET', ss(code, '/iap/lic'), { token: owner });

  // Refusals: every one is problem details the document lists.
  problemOf(
    await api.post('/backoffice/api/orders', { poNumber: 'PO-OA-2', partner: { email: 'oa@partner.example' }, lines: [{ model: 'NOPE' }] }),
    400,
    'invalid-input',
  );
  problemOf(await api.get('/partner/api/inventory'), 401, 'unauthenticated');
  problemOf(await api.get(ss(code, '/iap/lic'), viewer), 403, 'owner-only');
  problemOf(await api.get('/partner/api/licenses/00000000-0000-4000-8000-000000000000', partner), 404);
  problemOf(await api.post(`/partner/api/licenses/${capacity.licenseId}/transfers`, { customerName: 'P-OA' }, partner), 409, 'license-retired');
  problemOf(await api.call('POST', '/partner/api/session', { rawBody: '{"email":', headers: { 'content-type': 'application/json' } }), 400);

  // Transfer to Cloud gives everything back; the connection can be cut; then everything is forgotten.
  const returned = await api.ok('POST', ss(code, '/iap/lic/cloud/upload'), { token: owner });
  expect(returned.returned).toHaveLength(2);
  await api.ok('PUT', `/_emulator/smartservers/${code}/connection`, { body: { online: false } });
  await api.ok('GET', '/openapi.json');
  expect((await api.ok('GET', '/_emulator/coverage')).transitions.length).toBeGreaterThan(0);
  await api.ok('POST', '/_emulator/reset');

  for (const status of [200, 201, 400, 401, 403, 404, 409, 422]) {
    expect(
      [...contract.seen].some((s) => s.endsWith(` ${status}`)),
      `an answer with status ${status} was checked`,
    ).toBe(true);
  }
});

test('routes from any plugin are picked up: prefixes, regex parameters, shared schemas, WebSockets; HEAD twins are left out', async () => {
  const app = Fastify();
  installOpenApi(app, { version: '9.9.9' });
  app.addSchema({ $id: 'Thing', type: 'object', properties: { id: { type: 'integer' } }, additionalProperties: true });
  await app.register(
    async (scope) => {
      scope.get('/things/:id(^\\d+)', { schema: { tags: ['things'], summary: 'One thing', response: { 200: { $ref: 'Thing#' } } } }, async () => ({ id: 1 }));
      scope.get('/things/:id/feed', { schema: { tags: ['things'], summary: 'Live feed' }, wsHandler: () => undefined } as never, async () => ({}));
    },
    { prefix: '/v2' },
  );
  const doc = (await app.inject({ url: '/openapi.json' })).json();
  await app.close();
  expect(doc.info.version).toBe('9.9.9');
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v2/things/{id}', '/v2/things/{id}/feed', '/openapi.json']));
  expect(Object.keys(doc.paths['/v2/things/{id}'])).toEqual(['get']);
  expect(doc.paths['/v2/things/{id}'].get.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]);
  expect(doc.paths['/v2/things/{id}'].get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Thing' });
  expect(doc.components.schemas.Thing).toMatchObject({ type: 'object', properties: { id: { type: 'integer' } } });
  expect(doc.paths['/v2/things/{id}/feed'].get.responses['101']).toBeDefined();
  expect(doc.tags.map((t: { name: string }) => t.name)).toContain('things');
});
