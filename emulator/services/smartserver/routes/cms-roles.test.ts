import WebSocket from 'ws';
import { expect, test } from 'vitest';
import type { OpenApiOperation } from '../../../gateway/openapi';
import { ApiClient, cmsLogin, newSmartServer, placeOrder, problemOf, serverResetForEachTest } from '../../../testing/http-test-kit';

/**
 * Every CMS operation of one SmartServer, taken from the served API document, called as each of
 * the four user types: only the Owner reaches licensing (everything under /iap/lic and the
 * WebSocket), and no other operation is refused for want of being the Owner.
 */
const USER_TYPES = ['Owner', 'Admin', 'Supervisor', 'User'] as const;
const server = serverResetForEachTest({ passwordCost: 'fast' });

interface CmsOperation {
  method: string;
  path: string;
  operation: OpenApiOperation;
}

/** The document's operations on one SmartServer that need a CMS session. */
function cmsOperations(): CmsOperation[] {
  return Object.entries(server().document.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([, operation]) => path.startsWith('/smartservers/{installCode}/') && (operation.security?.length ?? 0) > 0)
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
}

const isLicensing = (path: string) => /\/iap\/(lic|ws)(\/|$)/.test(path);

async function fixture() {
  const { api } = server();
  const order = await placeOrder(api, { poNumber: 'PO-ROLES-1', email: 'roles@partner.example', customer: 'Role Hall', lines: [{ model: '72220-50' }] });
  const users = USER_TYPES.map((userType) => ({ username: userType.toLowerCase(), userType, password: `${userType}-password` }));
  const ss = await newSmartServer(api, { users, devices: { lon: 2 } });
  const tokens = Object.fromEntries(await Promise.all(USER_TYPES.map(async (t) => [t, (await cmsLogin(api, ss.server, t.toLowerCase())).token]))) as Record<
    (typeof USER_TYPES)[number],
    string
  >;
  await api.ok('PUT', `/smartservers/${ss.installCode}/iap/lic/accounts`, { token: tokens.Owner, body: { customerId: order.customer.customerId } });
  await api.ok('POST', `/smartservers/${ss.installCode}/iap/lic/cloud/download`, { token: tokens.Owner, body: { licenseIds: [order.licenses[0].licenseId] } });
  const values: Record<string, string> = { installCode: ss.installCode, licenseId: order.licenses[0].licenseId, id: '1', feature: 'lon-routing' };
  const concrete = (path: string) => path.replace(/\{([^}]+)\}/g, (_, name: string) => values[name] ?? '1');
  return { ss, tokens, concrete };
}

test('every licensing operation under /iap/lic and the WebSocket answers 403 owner-only to Admin, Supervisor and User, and is reached by the Owner', async () => {
  const { tokens, concrete } = await fixture();
  // Unchecked client: the point here is who is let in, whatever the operation then answers.
  const api = new ApiClient(server().url);
  const operations = cmsOperations();
  const licensing = operations.filter((o) => isLicensing(o.path));
  expect(licensing.length).toBeGreaterThanOrEqual(15);
  expect(licensing.some((o) => o.path.endsWith('/iap/ws'))).toBe(true);
  let calls = 0;
  for (const { method, path, operation } of licensing) {
    for (const userType of ['Admin', 'Supervisor', 'User'] as const) {
      const answer = await api.call(method, concrete(path), { token: tokens[userType], ...(operation.requestBody ? { body: {} } : {}) });
      calls++;
      expect(problemOf(answer, 403, 'owner-only').detail, `${userType} ${method} ${path}`).toContain(userType);
    }
    const owner = await api.call(method, concrete(path), { token: tokens.Owner, ...(operation.requestBody ? { body: {} } : {}) });
    calls++;
    expect([401, 403], `Owner ${method} ${path}: ${owner.text}`).not.toContain(owner.status);
  }
  console.log(`CMS roles: ${licensing.length} licensing operations, ${calls} calls`);
});

test('no operation outside licensing refuses a user for not being the Owner', async () => {
  const { ss, tokens, concrete } = await fixture();
  const api = new ApiClient(server().url);
  // Logging out ends the session its token stands for, so it comes after every other operation.
  const endsSession = (o: { path: string }) => Number(o.path.endsWith('/iap/auth/logout'));
  const others = cmsOperations()
    .filter((o) => !isLicensing(o.path))
    .sort((a, b) => endsSession(a) - endsSession(b));
  expect(others.length).toBeGreaterThanOrEqual(8);
  // A logout and Restore Factory Settings end sessions: after each of their calls the user logs in again.
  const endsSessions = (path: string) => /\/(logout|restore-factory-settings)$/.test(path);
  const current = { ...tokens };
  for (const { method, path, operation } of others) {
    for (const userType of USER_TYPES) {
      const answer = await api.call(method, concrete(path), { token: current[userType], ...(operation.requestBody ? { body: {} } : {}) });
      if (endsSessions(path)) for (const t of USER_TYPES) current[t] = (await cmsLogin(server().api, ss.server, t.toLowerCase())).token;
      expect(answer.status, `${userType} ${method} ${path}: ${answer.text}`).toBeLessThan(500);
      expect(answer.body?.code, `${userType} ${method} ${path}`).not.toBe('owner-only');
      expect(answer.status, `${userType} ${method} ${path}`).not.toBe(401);
    }
  }
});

test('the WebSocket opens for the Owner only; the other user types are refused the upgrade with 403', async () => {
  const { ss, tokens } = await fixture();
  const url = `${server().url.replace(/^http/, 'ws')}/smartservers/${ss.installCode}/iap/ws`;
  const open = (token: string) =>
    new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
      socket.once('open', () => {
        socket.close();
        resolve(101);
      });
      socket.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        socket.terminate();
      });
      socket.once('error', reject);
    });
  expect(await open(tokens.Owner)).toBe(101);
  for (const userType of ['Admin', 'Supervisor', 'User'] as const) expect(await open(tokens[userType]), userType).toBe(403);
});
