import { afterAll, beforeAll, expect, test } from 'vitest';
import { placeOrder, problemOf, startTestServer, type TestServer } from '../../testing/http-test-kit';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

test('a first order creates the partner with portal credentials that log in, and places every ordered license', async () => {
  const { api } = server;
  const order = await placeOrder(api, {
    poNumber: 'PO-BO-1',
    email: 'Anna@Integrator.example',
    partnerName: 'Integrator',
    lines: [{ model: '72220-50', quantity: 2 }, { model: '92201R-P-50' }],
  });
  expect(order.partner).toMatchObject({ name: 'Integrator', email: 'anna@integrator.example' });
  expect(order.credentials).toEqual({ email: 'anna@integrator.example', password: expect.stringMatching(/^\w{4}-\w{4}-\w{4}-\w{4}$/) });
  expect(order.licenses.map((l: { model: string }) => l.model)).toEqual(['72220-50', '72220-50', '92201R-P-50']);
  expect(new Set(order.licenses.map((l: { licenseId: string }) => l.licenseId)).size).toBe(3);
  expect(order.licenses.every((l: { status: string; available: number }) => l.status === 'inInventory' && l.available === 1)).toBe(true);
  const session = await api.ok('POST', '/partner/api/session', { body: order.credentials });
  expect(session.partner.id).toBe(order.partner.id);
});

test('a second order for the same email reuses the partner account and hands out no new credentials', async () => {
  const { api } = server;
  const first = await placeOrder(api, { poNumber: 'PO-BO-2', email: 'reuse@partner.example', lines: [{ model: '72220-10' }] });
  const second = await placeOrder(api, { poNumber: 'PO-BO-3', email: 'REUSE@partner.example', lines: [{ model: '72220-200' }] });
  expect(second.partner.id).toBe(first.partner.id);
  expect(second.credentials).toBeUndefined();
  const { token } = await api.ok('POST', '/partner/api/session', { body: first.credentials });
  const inventory = await api.ok('GET', '/partner/api/inventory', { token });
  expect(inventory.map((l: { poNumber: string }) => l.poNumber).sort()).toEqual(['PO-BO-2', 'PO-BO-3']);
});

test('an order naming a customer project transfers the licenses on to it under new License IDs', async () => {
  const { api } = server;
  const order = await placeOrder(api, { poNumber: 'PO-BO-4', email: 'project@partner.example', customer: 'P2022-0208', lines: [{ model: '72220-200' }] });
  expect(order.customer).toEqual({ customerId: expect.any(String), name: 'P2022-0208' });
  const [license] = order.licenses;
  expect(license).toMatchObject({ status: 'withCustomer', customer: order.customer, predecessorId: expect.any(String) });
  const { token } = await api.ok('POST', '/partner/api/session', { body: order.credentials });
  const [original] = await api.ok('GET', '/partner/api/inventory', { token });
  expect(original).toMatchObject({ licenseId: license.predecessorId, status: 'retired', successorId: license.licenseId, available: 0 });
});

test('an unknown model is refused as bad input naming lines[0].model, and nothing is written', async () => {
  const { api } = server;
  const answer = await api.post('/backoffice/api/orders', { poNumber: 'PO-BO-5', partner: { email: 'nobody@partner.example' }, lines: [{ model: '99999-X' }] });
  const problem = problemOf(answer, 400, 'invalid-input');
  expect(problem.field).toBe('lines[0].model');
  expect(problem.detail).toContain('99999-X');
  // The PO number is still free and the partner was not created: the same PO goes through, with credentials.
  const retry = await placeOrder(api, { poNumber: 'PO-BO-5', email: 'nobody@partner.example', lines: [{ model: '72220-10' }] });
  expect(retry.credentials).toBeDefined();
});

test('a later bad line is named by its index', async () => {
  const answer = await server.api.post('/backoffice/api/orders', {
    poNumber: 'PO-BO-6',
    partner: { email: 'x@partner.example' },
    lines: [{ model: '72220-10' }, { model: '72220-10', quantity: 0 }],
  });
  expect(problemOf(answer, 400, 'invalid-input').field).toBe('lines[1].quantity');
});

test('a purchase order number placed before is refused with 409 order-exists and changes nothing', async () => {
  const { api } = server;
  const first = await placeOrder(api, { poNumber: 'PO-BO-7', email: 'dup@partner.example', lines: [{ model: '72220-10' }] });
  const again = await api.post('/backoffice/api/orders', {
    poNumber: 'PO-BO-7',
    partner: { email: 'dup@partner.example' },
    lines: [{ model: '72220-50', quantity: 5 }],
  });
  expect(problemOf(again, 409, 'order-exists').detail).toContain('PO-BO-7');
  const { token } = await api.ok('POST', '/partner/api/session', { body: first.credentials });
  expect(await api.ok('GET', '/partner/api/inventory', { token })).toHaveLength(1);
});

test('missing or malformed order fields are named: poNumber, partner.email, lines', async () => {
  const { api } = server;
  expect(problemOf(await api.post('/backoffice/api/orders', { partner: { email: 'a@b.example' }, lines: [{ model: '72220-10' }] }), 400).field).toBe(
    'poNumber',
  );
  expect(
    problemOf(await api.post('/backoffice/api/orders', { poNumber: 'PO-BO-8', partner: { email: 'not-an-email' }, lines: [{ model: '72220-10' }] }), 400).field,
  ).toBe('partner.email');
  expect(problemOf(await api.post('/backoffice/api/orders', { poNumber: 'PO-BO-8', partner: { email: 'a@b.example' }, lines: [] }), 400).field).toBe('lines');
  expect(problemOf(await api.post('/backoffice/api/orders', [1, 2]), 400).field).toBe('body');
});
