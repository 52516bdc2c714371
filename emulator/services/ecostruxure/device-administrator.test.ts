import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { ApiClient, type CallOptions, problemOf, startTestServer, type TestServer } from '../../testing/http-test-kit';

/** The test's client: every call carries the Device Administrator operator's session, as the drivers' do. */
class OperatorApi extends ApiClient {
  token: string | undefined;

  override call<T = any>(method: string, url: string, options: CallOptions = {}) {
    return super.call<T>(method, url, { ...options, token: options.token ?? this.token });
  }
}

let server: TestServer;
let api: OperatorApi;

beforeAll(async () => {
  server = await startTestServer();
  api = new OperatorApi(server.url, server.api.contract);
});

afterAll(async () => {
  await server?.stop();
});

beforeEach(async () => {
  await server.api.ok('POST', '/_emulator/reset');
  // A reset ends every session: the operator logs in again.
  const login = await server.api.ok('GET', '/_emulator/ecostruxure/login');
  api.token = (await server.api.ok('POST', '/ecostruxure/api/session', { body: login })).token;
});

const DA = '/ecostruxure/api';
const LAS = '/ecostruxure/las/api';

async function entitlement(
  products = [
    {
      name: 'EBO SmartDriver pack',
      features: [
        { feature: 'SmartDriver', seats: 3 },
        { feature: 'SNMP Notifications', seats: 2 },
      ],
    },
  ],
) {
  return api.ok('POST', '/_emulator/ecostruxure/entitlements', { body: { soldTo: 'Campus North', email: 'facilities@campus.example', products } });
}

async function addedEntitlement() {
  const issued = await entitlement();
  await api.ok('POST', `${DA}/entitlements`, { body: { entitlementId: issued.entitlementId } });
  return { entitlementId: issued.entitlementId as string, activationId: issued.products[0].activationId as string, certificate: issued.email.attachment };
}

async function bmsServer(name: string, over: Record<string, unknown> = {}): Promise<string> {
  const created = await api.ok('POST', '/_emulator/ecostruxure/servers', { body: { name, product: 'AS-P', ...over } });
  return created.serverId;
}

const assign = (serverId: string, activationId: string, feature = 'SmartDriver', quantity = 1) =>
  api.call('POST', `${DA}/servers/${serverId}/assignments`, { body: { activationId, feature, quantity } });

const seats = async (feature = 'smartdriver') => {
  const [listed] = await api.ok('GET', `${DA}/entitlements`);
  return listed.products[0].features.find((f: { feature: string }) => f.feature === feature);
};

test('an entitlement sent by email is added from its HTML certificate with every product, activation ID and seat count', async () => {
  const issued = await entitlement();
  expect(issued.email.to).toBe('facilities@campus.example');
  expect(issued.email.attachment.fileName).toBe(`Entitlement_${issued.entitlementId}.html`);
  expect(await api.ok('GET', `${DA}/entitlements`)).toEqual([]);
  const added = await api.ok('POST', `${DA}/entitlements`, { body: { certificateFile: issued.email.attachment } });
  expect(added).toMatchObject({ entitlementId: issued.entitlementId, status: 'inDeviceAdministrator', addedVia: 'certificate-file' });
  expect(added.products[0].activationId).toBe(issued.products[0].activationId);
  expect(added.products[0].features.map((f: { feature: string; seats: number }) => [f.feature, f.seats])).toEqual([
    ['smartdriver', 3],
    ['snmp-notifications', 2],
  ]);
  problemOf(await api.post(`${DA}/entitlements`, { entitlementId: issued.entitlementId }), 409, 'entitlement-already-added');
});

test('an entitlement is added by its ID; an unknown ID is not found and a malformed one is bad input', async () => {
  const issued = await entitlement();
  const added = await api.ok('POST', `${DA}/entitlements`, { body: { entitlementId: issued.entitlementId.toLowerCase() } });
  expect(added.addedVia).toBe('entitlement-id');
  expect(problemOf(await api.post(`${DA}/entitlements`, { entitlementId: 'AAAA-BBBB-CCCC-DDDD' }), 404, 'entitlement-not-found').field).toBe('entitlementId');
  expect(problemOf(await api.post(`${DA}/entitlements`, { entitlementId: 'abc' }), 400, 'invalid-input').field).toBe('entitlementId');
  const neither = problemOf(await api.post(`${DA}/entitlements`, {}), 400, 'invalid-input');
  expect(neither.field).toBe('entitlementId');
  expect(neither.detail).toMatch(/is required/);
});

test('a malformed or altered certificate file is refused naming the field, and nothing is added', async () => {
  const issued = await entitlement();
  const { fileName, content } = issued.email.attachment;
  const broken = content.replace('<td data-field="seats">3</td>', '<td data-field="seats">three</td>');
  expect(problemOf(await api.post(`${DA}/entitlements`, { certificateFile: { fileName, content: broken } }), 400).field).toBe('certificateFile.rows[0].seats');
  const altered = content.replace('<td data-field="seats">3</td>', '<td data-field="seats">30</td>');
  const mismatch = problemOf(await api.post(`${DA}/entitlements`, { certificateFile: { fileName, content: altered } }), 422, 'certificate-mismatch');
  expect(mismatch.field).toBe('certificateFile.rows[0].seats');
  expect(await api.ok('GET', `${DA}/entitlements`)).toEqual([]);
});

test('assigning draws seats, refuses a feature that does not apply to the server and more seats than are free', async () => {
  const { activationId } = await addedEntitlement();
  const asp = await bmsServer('AS-P 1');
  const asb = await bmsServer('AS-B 1', { product: 'AS-B' });
  const assigned = await assign(asp, activationId, 'SmartDriver', 2);
  expect(assigned.status).toBe(201);
  expect(assigned.body).toMatchObject({ status: 'assigned', quantity: 2, server: { serverId: asp, name: 'AS-P 1' } });
  expect(await seats()).toMatchObject({ seats: 3, inUse: 2, free: 1 });
  problemOf(await assign(asb, activationId, 'SmartDriver'), 422, 'license-not-applicable');
  problemOf(await assign(asp, activationId, 'SmartDriver', 2), 422, 'not-enough-seats');
  problemOf(await assign(asp, activationId, 'MQTT'), 422, 'feature-not-in-product');
  expect((await assign(asb, activationId, 'SNMP Notifications')).status).toBe(201);
  problemOf(await assign(asb, activationId, 'SNMP Notifications'), 422, 'feature-already-on-server');
});

test('licenses of an entitlement only emailed cannot be assigned yet', async () => {
  const issued = await entitlement();
  const asp = await bmsServer('AS-P 1');
  problemOf(await assign(asp, issued.products[0].activationId), 409, 'entitlement-not-added');
});

test('online activation takes the chosen servers only, then the rest', async () => {
  const { activationId } = await addedEntitlement();
  const one = await bmsServer('AS-P 1');
  const two = await bmsServer('AS-P 2');
  await assign(one, activationId);
  await assign(two, activationId);
  const first = await api.ok('POST', `${DA}/activations`, { body: { servers: [one] } });
  expect(first.activated.map((l: { server: { name: string } }) => l.server.name)).toEqual(['AS-P 1']);
  const rest = await api.ok('POST', `${DA}/activations`, { body: {} });
  expect(rest.activated.map((l: { server: { name: string }; activationMode: string }) => [l.server.name, l.activationMode])).toEqual([['AS-P 2', 'online']]);
  problemOf(await api.post(`${DA}/activations`, {}), 409, 'nothing-to-activate');
});

test('one server without Internet refuses the whole activation and activates nothing', async () => {
  const { activationId } = await addedEntitlement();
  const online = await bmsServer('AS-P 1');
  const cut = await bmsServer('AS-P 2', { internet: false });
  await assign(online, activationId);
  await assign(cut, activationId);
  const problem = problemOf(await api.post(`${DA}/activations`, {}), 409, 'server-without-internet');
  expect(problem.detail).toContain('AS-P 2');
  const servers = await api.ok('GET', `${DA}/servers`);
  expect(servers.flatMap((s: { licenses: { status: string }[] }) => s.licenses.map((l) => l.status))).toEqual(['assigned', 'assigned']);
});

test('an HTTPS server needs its certificates before activation', async () => {
  const { activationId } = await addedEntitlement();
  const asp = await bmsServer('AS-P 1', { https: true });
  await assign(asp, activationId);
  problemOf(await api.post(`${DA}/activations`, { servers: [asp] }), 409, 'server-certificates-missing');
  await api.ok('PATCH', `/_emulator/ecostruxure/servers/${asp}`, { body: { certificatesInstalled: true } });
  expect((await api.ok('POST', `${DA}/activations`, { body: { servers: [asp] } })).activated).toHaveLength(1);
});

test('an active license is not activated twice and cannot be deactivated', async () => {
  const { activationId } = await addedEntitlement();
  const asp = await bmsServer('AS-P 1');
  const { body: license } = await assign(asp, activationId);
  await api.ok('POST', `${DA}/activations`, { body: {} });
  problemOf(await api.post(`${DA}/activations`, { licenseIds: [license.licenseId] }), 409, 'license-already-active');
  const refusal = problemOf(await api.post(`${DA}/servers/${asp}/licenses/${license.licenseId}/deactivation`), 422, 'license-cannot-be-deactivated');
  expect(refusal.detail).toContain('return all licenses');
});

test('offline activation: request file, License Activation Server response, response file sent to the server', async () => {
  const { activationId } = await addedEntitlement();
  const asp = await bmsServer('AS-P 1', { internet: false });
  const other = await bmsServer('AS-P 2', { internet: false });
  await assign(asp, activationId, 'SmartDriver', 2);
  const request = await api.ok('POST', `${DA}/servers/${asp}/activation-request`);
  expect(request.fileName).toMatch(/^AS-P_1_activation_request_/);
  problemOf(await api.post(`${DA}/servers/${asp}/activation-response`, { file: request }), 400, 'invalid-input');
  const response = await api.ok('POST', `${LAS}/responses`, { body: { file: request } });
  expect(response.requestId).toBe(request.requestId);
  expect(problemOf(await api.post(`${DA}/servers/${other}/activation-response`, { file: response }), 422, 'response-for-another-server').field).toBe('file');
  const loaded = await api.ok('POST', `${DA}/servers/${asp}/activation-response`, { body: { file: response } });
  expect(loaded.licenses.map((l: { status: string; activationMode: string }) => [l.status, l.activationMode])).toEqual([['active', 'offline']]);
  problemOf(await api.post(`${DA}/servers/${asp}/activation-response`, { file: response }), 409, 'license-already-active');
});

test('an online return frees every seat of the server for another server', async () => {
  const { activationId } = await addedEntitlement();
  const one = await bmsServer('AS-P 1');
  const two = await bmsServer('Edge 1', { product: 'Edge Server' });
  await assign(one, activationId, 'SmartDriver', 3);
  await api.ok('POST', `${DA}/activations`, { body: {} });
  problemOf(await assign(two, activationId), 422, 'not-enough-seats');
  const { returned } = await api.ok('POST', `${DA}/servers/${one}/return`);
  expect(returned.map((l: { status: string }) => l.status)).toEqual(['returned']);
  expect(await seats()).toMatchObject({ inUse: 0, free: 3 });
  expect((await assign(two, activationId, 'SmartDriver', 3)).status).toBe(201);
  problemOf(await api.post(`${DA}/servers/${one}/return`), 409, 'no-licenses-to-return');
});

test('an offline return holds the seats until the License Activation Server confirms it', async () => {
  const { activationId } = await addedEntitlement();
  const one = await bmsServer('AS-P 1', { internet: false });
  const two = await bmsServer('AS-P 2');
  await assign(one, activationId, 'SmartDriver', 3);
  const activation = await api.ok('POST', `${DA}/servers/${one}/activation-request`);
  await api.ok('POST', `${DA}/servers/${one}/activation-response`, {
    body: { file: await api.ok('POST', `${LAS}/responses`, { body: { file: activation } }) },
  });
  const request = await api.ok('POST', `${DA}/servers/${one}/return-request`);
  problemOf(await api.post(`${LAS}/returns/${request.requestId}/confirmation`), 409, 'return-not-sent-to-server');
  const response = await api.ok('POST', `${LAS}/responses`, { body: { file: request } });
  await api.ok('POST', `${DA}/servers/${one}/return-response`, { body: { file: response } });
  expect(await seats()).toMatchObject({ inUse: 3, awaitingReturnConfirmation: 3, free: 0 });
  problemOf(await assign(two, activationId), 409, 'return-not-confirmed');
  await api.ok('POST', `${LAS}/returns/${request.requestId}/confirmation`);
  expect(await seats()).toMatchObject({ inUse: 0, free: 3 });
  expect((await assign(two, activationId)).status).toBe(201);
  expect((await api.ok('POST', `${DA}/activations`, { body: { servers: [two] } })).activated).toHaveLength(1);
});

test('the emulator reset forgets EcoStruxure entitlements and servers too', async () => {
  await addedEntitlement();
  await bmsServer('AS-P 1');
  await api.ok('POST', '/_emulator/reset');
  const login = await server.api.ok('GET', '/_emulator/ecostruxure/login');
  api.token = (await server.api.ok('POST', '/ecostruxure/api/session', { body: login })).token;
  expect(await api.ok('GET', `${DA}/entitlements`)).toEqual([]);
  expect(await api.ok('GET', `${DA}/servers`)).toEqual([]);
});

test("every Device Administrator and License Activation Server route needs the operator's session; the login is throttled like the others", async () => {
  const anonymous = new ApiClient(server.url);
  problemOf(await anonymous.call('POST', `${DA}/entitlements`, { body: { entitlementId: 'x' } }), 401, 'unauthenticated');
  problemOf(await anonymous.call('GET', `${DA}/servers`), 401, 'unauthenticated');
  problemOf(await anonymous.call('POST', `${LAS}/responses`, { body: { file: {} } }), 401, 'unauthenticated');
  const login = await server.api.ok('GET', '/_emulator/ecostruxure/login');
  problemOf(await anonymous.call('POST', `${DA}/session`, { body: { ...login, password: 'wrong' } }), 401, 'invalid-credentials');
  // Another kind of session is not the operator's.
  const partner = await server.api.ok('POST', '/backoffice/api/orders', {
    body: { poNumber: 'PO-ECX-1', partner: { email: 'ecx@partner.example' }, lines: [{ model: '72220-10' }] },
  });
  const partnerToken = (await server.api.ok('POST', '/partner/api/session', { body: partner.credentials })).token;
  problemOf(await anonymous.call('GET', `${DA}/servers`, { token: partnerToken }), 403, 'ecostruxure-only');
  await api.ok('GET', `${DA}/servers`);
  await api.ok('DELETE', `${DA}/session`);
  problemOf(await api.call('GET', `${DA}/servers`), 401, 'unauthenticated');
});

test('the entitlements and the servers answer a page at a time, with the total and a cursor to the next page', async () => {
  const entitlements = [await addedEntitlement(), await addedEntitlement(), await addedEntitlement()].map((e) => e.entitlementId);
  const servers = [await bmsServer('AS-P North'), await bmsServer('AS-P South'), await bmsServer('AS-P East')];
  const get = (path: string) => fetch(`${server.url}${DA}${path}`, { headers: { authorization: `Bearer ${api.token}` } });
  for (const [path, ids, key] of [
    ['/entitlements', entitlements, 'entitlementId'],
    ['/servers', servers, 'serverId'],
  ] as const) {
    const first = await get(`${path}?limit=2`);
    expect(((await first.json()) as Record<string, string>[]).map((item) => item[key])).toEqual(ids.slice(0, 2));
    expect(first.headers.get('x-total-count')).toBe('3');
    const rest = await get(`${path}?limit=2&cursor=${first.headers.get('x-next-cursor')}`);
    expect(((await rest.json()) as Record<string, string>[]).map((item) => item[key])).toEqual(ids.slice(2));
    expect(rest.headers.get('x-next-cursor')).toBeNull();
    expect(problemOf(await api.get(`${DA}${path}?limit=0`), 400, 'invalid-input').field).toBe('limit');
  }
});
