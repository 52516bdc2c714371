import { afterAll, beforeAll, expect, test } from 'vitest';
import { newPartner, newSmartServer, placeOrder, problemOf, startTestServer, transfer, type TestServer } from '../../testing/http-test-kit';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

type License = { licenseId: string; status: string; poNumber: string; available: number; successorId?: string; customer?: { name: string } };
const ids = (licenses: License[]) => licenses.map((l) => l.licenseId).sort();

test('login refusals reveal nothing: a wrong password and an unknown email get the very same answer', async () => {
  const { api } = server;
  const order = await placeOrder(api, { poNumber: 'PO-PP-1', email: 'known@partner.example', lines: [{ model: '72220-10' }] });
  const wrongPassword = problemOf(await api.post('/partner/api/session', { email: 'known@partner.example', password: 'not-it' }), 401, 'invalid-credentials');
  const unknownEmail = problemOf(await api.post('/partner/api/session', { email: 'unknown@partner.example', password: 'not-it' }), 401, 'invalid-credentials');
  expect({ ...wrongPassword, instance: undefined }).toEqual({ ...unknownEmail, instance: undefined });
  expect(wrongPassword.detail).not.toContain('known@partner.example');
  expect(problemOf(await api.post('/partner/api/session', { email: 'known@partner.example' }), 400).field).toBe('password');
  expect((await api.ok('POST', '/partner/api/session', { body: order.credentials })).partner.email).toBe('known@partner.example');
});

test('My Inventory keeps the purchased IDs, Customer Inventory the transferred ones, and search finds by customer, PO, nothing and availability', async () => {
  const { api } = server;
  const { token, order } = await newPartner(api, { poNumber: 'PO-PP-2', email: 'views@partner.example', lines: [{ model: '72220-50', quantity: 3 }] });
  await placeOrder(api, { poNumber: 'PO-PP-3', email: 'views@partner.example', lines: [{ model: '92201R-P-50' }] });
  const [a, b] = order.licenses as License[];
  const toAcme = await transfer(api, token, a.licenseId, 'Acme', { contactEmail: 'ops@acme.example' });
  const toBeta = await transfer(api, token, b.licenseId, 'Beta', {});

  const mine: License[] = await api.ok('GET', '/partner/api/inventory', { token });
  expect(mine).toHaveLength(4);
  expect(
    mine
      .filter((l) => l.status === 'retired')
      .map((l) => l.successorId)
      .sort(),
  ).toEqual([toAcme.license.licenseId, toBeta.license.licenseId].sort());
  const transferred: License[] = await api.ok('GET', '/partner/api/customer-inventory', { token });
  expect(ids(transferred)).toEqual([toAcme.license.licenseId, toBeta.license.licenseId].sort());

  const byCustomer: License[] = await api.ok('GET', '/partner/api/search?customerName=Acme', { token });
  expect(ids(byCustomer)).toEqual([toAcme.license.licenseId]);
  const byPo: License[] = await api.ok('GET', '/partner/api/search?poNumber=PO-PP-3', { token });
  expect(byPo.map((l) => l.poNumber)).toEqual(['PO-PP-3']);
  const everything: License[] = await api.ok('GET', '/partner/api/search', { token });
  expect(everything).toHaveLength(6);
  const available: License[] = await api.ok('GET', '/partner/api/search?onlyAvailable=true', { token });
  expect(available).toHaveLength(4);
  expect(available.every((l) => l.available === 1 && l.status !== 'retired')).toBe(true);
  problemOf(await api.get('/partner/api/search?customerName=Nobody', token), 404, 'customer-account-not-found');

  const customers = await api.ok('GET', '/partner/api/customers?name=AC', { token });
  expect(customers).toEqual([{ customerId: toAcme.customer.customerId, name: 'Acme', contactEmail: 'ops@acme.example' }]);
});

test('order details open on the Transfer tab with "Transfer To: Customer" and list the customers with their IDs', async () => {
  const { api } = server;
  const { token, order } = await newPartner(api, { poNumber: 'PO-PP-4', email: 'details@partner.example', lines: [{ model: '72220-200', quantity: 2 }] });
  const moved = await transfer(api, token, order.licenses[0].licenseId, 'Gamma', {});
  const details = await api.ok('GET', `/partner/api/licenses/${order.licenses[1].licenseId}`, { token });
  expect(details.transferDefaults).toEqual({ tab: 'Transfer', transferTo: 'Customer' });
  expect(details.license).toMatchObject({ licenseId: order.licenses[1].licenseId, model: '72220-200', status: 'inInventory' });
  expect(details.customers).toEqual([{ customerId: moved.customer.customerId, name: 'Gamma' }]);
  expect(problemOf(await api.get('/partner/api/licenses/not-a-uuid', token), 400, 'invalid-input').field).toBe('licenseId');
});

test('a transfer to an existing customer keeps its Customer ID; a new name is refused until newAccount comes along', async () => {
  const { api } = server;
  const { token, order } = await newPartner(api, { poNumber: 'PO-PP-5', email: 'transfer@partner.example', lines: [{ model: '72220-10', quantity: 3 }] });
  const [a, b, c] = order.licenses as License[];
  const created = await transfer(api, token, a.licenseId, 'Delta', { contactEmail: 'delta@customer.example' });
  expect(created.customer).toMatchObject({ name: 'Delta', created: true });
  expect(created.retiredLicenseId).toBe(a.licenseId);
  expect(created.license.licenseId).not.toBe(a.licenseId);
  const existing = await transfer(api, token, b.licenseId, 'Delta');
  expect(existing.customer).toEqual({ customerId: created.customer.customerId, name: 'Delta', created: false });

  const refused = problemOf(
    await api.post(`/partner/api/licenses/${c.licenseId}/transfers`, { customerName: 'Epsilon', transferTo: 'Customer' }, token),
    404,
    'customer-account-not-found',
  );
  expect(refused.detail).toContain('newAccount');
  expect((await api.ok('GET', `/partner/api/licenses/${c.licenseId}`, { token })).license.status).toBe('inInventory');
  const afterwards = await transfer(api, token, c.licenseId, 'Epsilon', { contactName: 'E. Manager' });
  expect(afterwards.customer.created).toBe(true);
  expect(problemOf(await api.post(`/partner/api/licenses/${c.licenseId}/transfers`, { customerName: 'Delta', transferTo: 'Partner' }, token), 400).field).toBe(
    'transferTo',
  );
});

test('a contact email that another customer has is refused with 409 contact-email-taken, and the license stays put', async () => {
  const { api } = server;
  const { token, order } = await newPartner(api, { poNumber: 'PO-PP-6', email: 'email@partner.example', lines: [{ model: '72220-10', quantity: 2 }] });
  await transfer(api, token, order.licenses[0].licenseId, 'Zeta', { contactEmail: 'shared@customer.example' });
  const refused = await api.post(
    `/partner/api/licenses/${order.licenses[1].licenseId}/transfers`,
    { customerName: 'Eta', newAccount: { contactEmail: 'SHARED@customer.example' } },
    token,
  );
  problemOf(refused, 409, 'contact-email-taken');
  const details = await api.ok('GET', `/partner/api/licenses/${order.licenses[1].licenseId}`, { token });
  expect(details.license.status).toBe('inInventory');
  expect(details.customers.map((c: { name: string }) => c.name)).toEqual(['Zeta']);
});

test('a license moves from one customer to another under yet another ID; each retired ID names the License ID it has now', async () => {
  const { api } = server;
  const { token, order } = await newPartner(api, { poNumber: 'PO-PP-7', email: 'chain@partner.example', lines: [{ model: '72220-50' }] });
  const original = order.licenses[0].licenseId;
  const first = await transfer(api, token, original, 'Theta', {});
  const second = await transfer(api, token, first.license.licenseId, 'Iota', {});
  expect(second.license).toMatchObject({ predecessorId: first.license.licenseId, status: 'withCustomer', customer: { name: 'Iota' } });
  const transferred: License[] = await api.ok('GET', '/partner/api/customer-inventory', { token });
  expect(transferred.map((l) => [l.licenseId, l.customer?.name])).toEqual([[second.license.licenseId, 'Iota']]);

  for (const retired of [original, first.license.licenseId]) {
    const problem = problemOf(await api.post(`/partner/api/licenses/${retired}/transfers`, { customerName: 'Theta' }, token), 409, 'license-retired');
    expect(problem.detail).toContain(second.license.licenseId);
    expect(problem.successorId).toBe(second.license.licenseId);
  }
});

test("a partner never sees another partner's licenses or customers: they answer 404 like unknown ones", async () => {
  const { api } = server;
  const alpha = await newPartner(api, { poNumber: 'PO-PP-8', email: 'alpha@partner.example', lines: [{ model: '72220-10', quantity: 2 }] });
  const beta = await newPartner(api, { poNumber: 'PO-PP-9', email: 'beta@partner.example', lines: [{ model: '72220-10' }] });
  const alphas = await transfer(api, alpha.token, alpha.order.licenses[0].licenseId, 'Shared Name', { contactEmail: 'alpha-customer@example.com' });
  const foreign = alpha.order.licenses[1].licenseId;
  const unknown = '00000000-0000-4000-8000-000000000000';

  const seen = problemOf(await api.get(`/partner/api/licenses/${foreign}`, beta.token), 404);
  const never = problemOf(await api.get(`/partner/api/licenses/${unknown}`, beta.token), 404);
  expect(seen.code).toBe(never.code);
  expect(seen.detail.replace(foreign, 'ID')).toBe(never.detail.replace(unknown, 'ID'));
  problemOf(await api.post(`/partner/api/licenses/${foreign}/transfers`, { customerName: 'Shared Name' }, beta.token), 404);
  problemOf(await api.post(`/partner/api/licenses/${alphas.license.licenseId}/transfers`, { customerName: 'Other' }, beta.token), 404);
  problemOf(await api.get('/partner/api/search?customerName=Shared%20Name', beta.token), 404, 'customer-account-not-found');
  expect(await api.ok('GET', '/partner/api/customers', { token: beta.token })).toEqual([]);
  expect(ids(await api.ok('GET', '/partner/api/inventory', { token: beta.token }))).toEqual([beta.order.licenses[0].licenseId]);
  expect(await api.ok('GET', '/partner/api/customer-inventory', { token: beta.token })).toEqual([]);

  // The same name in beta's view is beta's own, new account; alpha's customer is untouched.
  problemOf(
    await api.post(`/partner/api/licenses/${beta.order.licenses[0].licenseId}/transfers`, { customerName: 'Shared Name' }, beta.token),
    404,
    'customer-account-not-found',
  );
  const own = await transfer(api, beta.token, beta.order.licenses[0].licenseId, 'Shared Name', {});
  expect(own.customer.customerId).not.toBe(alphas.customer.customerId);
  expect(ids(await api.ok('GET', '/partner/api/customer-inventory', { token: alpha.token }))).toEqual([alphas.license.licenseId]);
});

test('partner operations need a partner session: none is 401, a CMS session is 403 partner-only', async () => {
  const { api } = server;
  problemOf(await api.get('/partner/api/customer-inventory'), 401, 'unauthenticated');
  problemOf(await api.get('/partner/api/inventory', 'forged.token'), 401);
  const { token } = await newSmartServer(api);
  problemOf(await api.get('/partner/api/inventory', token), 403, 'partner-only');
});

test('My Inventory, Customer Inventory and search answer a page at a time, with the total and a cursor to the next page', async () => {
  const { api } = server;
  const { token, order } = await newPartner(api, { poNumber: 'PO-PAGES-1', email: 'pages@partner.example', lines: [{ model: '72220-10', quantity: 250 }] });
  const ids = order.licenses.map((l: { licenseId: string }) => l.licenseId);
  for (const id of ids.slice(0, 3)) await transfer(api, token, id, 'Paged Hall', { contactEmail: 'paged@customer.example' });

  // No limit: the first 200 of 250, and where the rest starts.
  const first = await fetch(`${server.url}/partner/api/inventory`, { headers: { authorization: `Bearer ${token}` } });
  const firstItems = (await first.json()) as { licenseId: string }[];
  expect(firstItems).toHaveLength(200);
  expect(first.headers.get('x-total-count')).toBe('250');
  const cursor = first.headers.get('x-next-cursor')!;
  expect(first.headers.get('link')).toBe(`</partner/api/inventory?cursor=${cursor}>; rel="next"`);
  const rest = await fetch(`${server.url}/partner/api/inventory?cursor=${cursor}`, { headers: { authorization: `Bearer ${token}` } });
  const restItems = (await rest.json()) as { licenseId: string }[];
  expect(rest.headers.get('x-next-cursor')).toBeNull();
  expect([...firstItems, ...restItems].map((l) => l.licenseId)).toEqual(ids);

  const small = await api.call('GET', '/partner/api/customer-inventory?limit=2', { token });
  expect(small.body).toHaveLength(2);
  const search = await fetch(`${server.url}/partner/api/search?poNumber=PO-PAGES-1&onlyAvailable=true&limit=1000`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(search.headers.get('x-total-count')).toBe('250');

  for (const [query, field] of [
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['limit=ten', 'limit'],
    ['cursor=not-a-cursor', 'cursor'],
  ]) {
    expect(problemOf(await api.get(`/partner/api/inventory?${query}`, token), 400, 'invalid-input').field, query).toBe(field);
  }
});

test("the partner's customers answer a page at a time in name order, with the total and a cursor, the name filter kept", async () => {
  const { api } = server;
  const { token, order } = await newPartner(api, {
    poNumber: 'PO-CUSTOMER-PAGES',
    email: 'customer-pages@partner.example',
    lines: [{ model: '72220-10', quantity: 5 }],
  });
  const names = ['Hall E', 'Hall C', 'Depot', 'Hall A', 'Hall D'];
  for (const [i, name] of names.entries()) await transfer(api, token, order.licenses[i].licenseId, name, { contactEmail: `pages-${i}@customer.example` });
  const get = (query: string) => fetch(`${server.url}/partner/api/customers${query}`, { headers: { authorization: `Bearer ${token}` } });

  const first = await get('?name=hall&limit=3');
  expect(((await first.json()) as { name: string }[]).map((c) => c.name)).toEqual(['Hall A', 'Hall C', 'Hall D']);
  expect(first.headers.get('x-total-count')).toBe('4');
  const cursor = first.headers.get('x-next-cursor')!;
  expect(first.headers.get('link')).toBe(`</partner/api/customers?name=hall&limit=3&cursor=${cursor}>; rel="next"`);
  const rest = await get(`?name=hall&limit=3&cursor=${cursor}`);
  expect(((await rest.json()) as { name: string }[]).map((c) => c.name)).toEqual(['Hall E']);
  expect(rest.headers.get('x-next-cursor')).toBeNull();
  expect((await api.ok('GET', '/partner/api/customers', { token })).map((c: { name: string }) => c.name)).toEqual([...names].sort());
  expect(problemOf(await api.get('/partner/api/customers?limit=0', token), 400, 'invalid-input').field).toBe('limit');
});
