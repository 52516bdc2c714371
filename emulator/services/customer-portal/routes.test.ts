import { expect, test } from 'vitest';
import { expectProblem, LicensingHarness } from '../../testing/licensing-harness';

const h = LicensingHarness.resetForEachTest();

test('a customer logs in with a License ID (the EID) and sees only its own current licenses', async () => {
  const mine = await h.orderFor('P2022-0208', ['72220-200', '92201R-P-200']);
  await h.orderFor('P2022-0311', ['72220-50']);
  const session = await h.ok('POST', '/customer/api/session', { body: { eid: mine.licenses.get('72220-200') } });
  expect(session.customer).toEqual({ customerId: mine.customerId, name: 'P2022-0208' });
  const licenses = await h.ok('GET', '/customer/api/licenses', { token: session.token });
  expect(licenses.map((l: { model: string }) => l.model).sort()).toEqual(['72220-200', '92201R-P-200']);
  const capacity = licenses.find((l: { model: string }) => l.model === '72220-200');
  expect(capacity.eid).toBe(capacity.licenseId);
  expect(capacity.offlineFileFrom).toBe('customer-portal');
  expect(licenses.find((l: { kind: string }) => l.kind === 'maintenance').offlineFileFrom).toBe('customer-success');
});

test('a customer logs in with the contact email its partner added, and the retired original License ID is not listed', async () => {
  const order = await h.ok('POST', '/backoffice/api/orders', {
    body: { poNumber: 'PO-EMAIL', partner: { email: 'ace@partners.example' }, lines: [{ model: '72220-50', quantity: 1 }] },
  });
  const partner = await h.ok('POST', '/partner/api/session', { body: order.credentials });
  const original = order.licenses[0].licenseId;
  const transfer = await h.ok('POST', `/partner/api/licenses/${original}/transfers`, {
    token: partner.token,
    body: { customerName: 'P-Building 1', newAccount: { contactEmail: 'Facilities@Building.example' } },
  });
  const session = await h.ok('POST', '/customer/api/session', { body: { email: 'facilities@building.example' } });
  const licenses = await h.ok('GET', '/customer/api/licenses', { token: session.token });
  expect(licenses.map((l: { licenseId: string }) => l.licenseId)).toEqual([transfer.license.licenseId]);
});

test('wrong credentials are refused alike, whichever was wrong', async () => {
  await h.orderFor('P2022-0208', ['72220-200']);
  const inventory = await h.ok('POST', '/backoffice/api/orders', {
    body: { poNumber: 'PO-STOCK', partner: { email: 'ace@partners.example' }, lines: [{ model: '72220-10', quantity: 1 }] },
  });
  const attempts = [{ eid: '2133c667-af41-4518-94df-a2bb3b775330' }, { eid: inventory.licenses[0].licenseId }, { email: 'nobody@nowhere.example' }];
  const details = new Set<string>();
  for (const body of attempts) {
    const problem = expectProblem(await h.call('POST', '/customer/api/session', { body }), 401, 'invalid-credentials');
    details.add(problem.detail);
  }
  expect(details.size).toBe(1);
});

test('the login needs exactly one of eid and email, each well formed', async () => {
  expect(expectProblem(await h.call('POST', '/customer/api/session', { body: {} }), 400, 'invalid-input').field).toBe('eid');
  expect(
    expectProblem(
      await h.call('POST', '/customer/api/session', { body: { eid: '2133c667-af41-4518-94df-a2bb3b775330', email: 'a@b.example' } }),
      400,
      'invalid-input',
    ).field,
  ).toBe('email');
  expect(expectProblem(await h.call('POST', '/customer/api/session', { body: { eid: 'not-a-uuid' } }), 400, 'invalid-input').field).toBe('eid');
  expect(expectProblem(await h.call('POST', '/customer/api/session', { body: { email: 'no-at-sign' } }), 400, 'invalid-input').field).toBe('email');
});

test('the portal creates a signed device capacity offline activation file for one SmartServer', async () => {
  const { licenses } = await h.orderFor('P2022-0208', ['72220-200']);
  const licenseId = licenses.get('72220-200')!;
  const token = await h.customerToken(licenseId);
  const answer = await h.call('POST', `/customer/api/licenses/${licenseId}/offline-activation-files`, { token, body: { installCode: '17q5t6a' } });
  expect(answer.status).toBe(201);
  expect(answer.body.fileName).toContain('17q5t6a');
  const file = JSON.parse(answer.body.text);
  expect(file.format).toBe('sslab-offline-activation/1');
  expect(file.payload).toMatchObject({
    fileId: answer.body.fileId,
    licenseId,
    model: '72220-200',
    kind: 'capacity',
    capacity: 200,
    installCode: '17q5t6a',
    issuer: 'customer-portal',
  });
  expect(Buffer.from(file.signature, 'base64')).toHaveLength(64);
  expect(answer.body.license.status).toBe('offlineFileIssued');
  expect(answer.body.license.installCode).toBe('17q5t6a');
});

test('the portal refuses offline maintenance files and sends the customer to Customer Success', async () => {
  const { licenses } = await h.orderFor('P2022-0208', ['92201R-P-200']);
  const licenseId = licenses.get('92201R-P-200')!;
  const token = await h.customerToken(licenseId);
  const answer = await h.call('POST', `/customer/api/licenses/${licenseId}/offline-activation-files`, { token, body: { installCode: '17q5t6a' } });
  expect(expectProblem(answer, 422, 'offline-maintenance-needs-customer-success').detail).toContain('Customer Success');
  const listed = await h.ok('GET', '/customer/api/licenses', { token });
  expect(listed[0].status).toBe('withCustomer');
});

test("another customer's license answers exactly like an unknown one", async () => {
  const mine = await h.orderFor('P2022-0208', ['72220-200']);
  const theirs = await h.orderFor('P2022-0311', ['72220-50']);
  const token = await h.customerToken(mine.licenses.get('72220-200')!);
  const unknown = '2133c667-af41-4518-94df-a2bb3b775330';
  const foreign = await h.call('POST', `/customer/api/licenses/${theirs.licenses.get('72220-50')}/offline-activation-files`, {
    token,
    body: { installCode: '17q5t6a' },
  });
  const missing = await h.call('POST', `/customer/api/licenses/${unknown}/offline-activation-files`, { token, body: { installCode: '17q5t6a' } });
  const a = expectProblem(foreign, 404, 'license-not-found');
  const b = expectProblem(missing, 404, 'license-not-found');
  expect(a.detail.replace(theirs.licenses.get('72220-50')!, 'ID')).toBe(b.detail.replace(unknown, 'ID'));
});

test('the offline file request names the bad field, and only a customer session may ask', async () => {
  const { licenses } = await h.orderFor('P2022-0208', ['72220-200']);
  const licenseId = licenses.get('72220-200')!;
  const token = await h.customerToken(licenseId);
  const bad = await h.call('POST', `/customer/api/licenses/${licenseId}/offline-activation-files`, { token, body: { installCode: 'SmartServer-1' } });
  expect(expectProblem(bad, 400, 'invalid-input').field).toBe('installCode');
  expectProblem(await h.call('GET', '/customer/api/licenses'), 401, 'unauthenticated');
  const server = await h.smartServer();
  expectProblem(await h.call('GET', '/customer/api/licenses', { token: server.token }), 403, 'customer-only');
});

test("the customer's licenses answer a page at a time, with the total and a cursor to the next page; a bad limit or cursor is named", async () => {
  const order = await h.ok('POST', '/backoffice/api/orders', {
    body: {
      poNumber: 'PO-CUSTOMER-PAGES',
      partner: { email: 'pages@partners.example' },
      customer: 'Paged Building',
      lines: [{ model: '72220-10', quantity: 5 }],
    },
  });
  const ids: string[] = order.licenses.map((l: { licenseId: string }) => l.licenseId);
  const session = await h.ok('POST', '/customer/api/session', { body: { eid: ids[0] } });
  const get = (query: string) => fetch(`${h.url}/customer/api/licenses${query}`, { headers: { authorization: `Bearer ${session.token}` } });

  const first = await get('?limit=3');
  expect(((await first.json()) as { licenseId: string }[]).map((l) => l.licenseId)).toEqual(ids.slice(0, 3));
  expect(first.headers.get('x-total-count')).toBe('5');
  const cursor = first.headers.get('x-next-cursor')!;
  expect(first.headers.get('link')).toBe(`</customer/api/licenses?limit=3&cursor=${cursor}>; rel="next"`);
  const rest = await get(`?limit=3&cursor=${cursor}`);
  expect(((await rest.json()) as { licenseId: string }[]).map((l) => l.licenseId)).toEqual(ids.slice(3));
  expect(rest.headers.get('x-next-cursor')).toBeNull();
  // Without a limit, the first 200: all five here.
  expect(await h.ok('GET', '/customer/api/licenses', { token: session.token })).toHaveLength(5);

  for (const [query, field] of [
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['cursor=not-a-cursor', 'cursor'],
  ]) {
    expect(expectProblem(await h.call('GET', `/customer/api/licenses?${query}`, { token: session.token }), 400, 'invalid-input').field, query).toBe(field);
  }
});
