import { afterAll, beforeAll, expect, test } from 'vitest';
import { newPartner, newSmartServer, startTestServer, type TestServer, transfer } from '../testing/http-test-kit';

/**
 * Every operation whose documented body has required fields refuses a body without them (`{}`)
 * with 400 invalid-input naming one of them: the control plane and the back office as much as
 * the vendors' APIs. The calls carry valid credentials and name existing records, so nothing but
 * the missing fields can be the reason.
 */
let server: TestServer;
const auth: Record<string, Record<string, string>> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  const { api } = server;
  const partner = await newPartner(api, { poNumber: 'PO-REQ-1', email: 'req@partner.example', lines: [{ model: '72220-200', quantity: 2 }] });
  const moved = await transfer(api, partner.token, partner.order.licenses[0].licenseId, 'Req Tower', { contactEmail: 'tower@req.example' });
  const customer = await api.ok('POST', '/customer/api/session', { body: { eid: moved.license.licenseId } });
  const smartServer = await newSmartServer(api, { users: [{ username: 'owner', userType: 'Owner', password: 'owner-password' }], devices: { lon: 2 } });
  // The SmartServer holds the license, so its note can be written.
  await api.ok('PUT', `/smartservers/${smartServer.installCode}/iap/lic/accounts`, {
    token: smartServer.token,
    body: { customerId: moved.customer.customerId },
  });
  await api.ok('POST', `/smartservers/${smartServer.installCode}/iap/lic/cloud/download`, {
    token: smartServer.token,
    body: { licenseIds: [moved.license.licenseId] },
  });
  const ecx = await api.ok('POST', '/_emulator/ecostruxure/servers', { body: { name: 'Req server', product: 'AS-P' } });
  await api.ok('POST', '/_emulator/fleets', { body: { name: 'req-fleet', seed: 1, smartServers: [{ group: 'g', count: 1 }] } });
  auth.partnerSession = { authorization: `Bearer ${partner.token}` };
  auth.customerSession = { authorization: `Bearer ${customer.token}` };
  auth.cmsSession = { authorization: `Bearer ${smartServer.token}` };
  const operator = await api.ok('GET', '/_emulator/ecostruxure/login');
  auth.ecostruxureSession = { authorization: `Bearer ${(await api.ok('POST', '/ecostruxure/api/session', { body: operator })).token}` };
  auth.cloudClientKey = { 'x-cloud-client-key': server.running.emulator.ctx.tokens.cloudClientKey() };
  Object.assign(ids, {
    licenseId: moved.license.licenseId,
    installCode: smartServer.installCode,
    serverId: ecx.serverId,
    name: 'req-fleet',
    id: '1',
    feature: 'lon-rni',
  });
});

afterAll(async () => server?.stop());

test('a body without its required fields is refused with 400 naming one of them, on every operation', async () => {
  const checked: string[] = [];
  const wrong: string[] = [];
  for (const [path, methods] of Object.entries(server.document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const schema = operation.requestBody?.content['application/json']?.schema as { required?: string[]; $ref?: string } | undefined;
      const resolved = schema?.$ref ? (server.document.components.schemas[schema.$ref.split('/').pop()!] as { required?: string[] }) : schema;
      const required = resolved?.required ?? [];
      if (required.length === 0) continue;
      const url = path.replace(/\{([^}]+)\}/g, (_, name: string) => ids[name] ?? 'unknown');
      const headers = { 'content-type': 'application/json', ...Object.assign({}, ...(operation.security ?? []).map((r) => auth[Object.keys(r)[0]] ?? {})) };
      const answer = await server.api.call(method.toUpperCase(), url, { rawBody: '{}', headers });
      const what = `${method.toUpperCase()} ${path} with {}: ${answer.status} ${answer.text.slice(0, 300)}`;
      const field = String(answer.body.field ?? '');
      const named = required.some((name) => field === name || field.startsWith(`${name}.`) || field.startsWith(`${name}[`));
      if (answer.status !== 400 || answer.body.code !== 'invalid-input' || !named) wrong.push(`${what} (required: ${required.join(', ')})`);
      checked.push(`${method.toUpperCase()} ${path}`);
    }
  }
  expect(wrong).toEqual([]);
  expect(checked).toContain('PUT /_emulator/faults');
  expect(checked.length).toBeGreaterThan(20);
});

test('an empty customer login says that an EID or an email is required; both at once says not both', async () => {
  const none = await server.api.call('POST', '/customer/api/session', { body: {} });
  expect(none.status).toBe(400);
  expect(none.body.detail).toMatch(/required/);
  expect(none.body.detail).not.toMatch(/not both/);
  const both = await server.api.call('POST', '/customer/api/session', { body: { eid: ids.licenseId, email: 'tower@req.example' } });
  expect(both.status).toBe(400);
  expect(both.body.detail).toMatch(/not both/);
});
