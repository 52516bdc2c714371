import { afterAll, beforeAll, expect, test } from 'vitest';
import { problemOf, startTestServer, type TestServer } from '../testing/http-test-kit';
import { CAPACITY_LICENSE, ONLINE_SERVER, SEED } from '../testing/operation-test-kit';

/**
 * The places where the API document used to be looser than the server: each request below is
 * forbidden by the document and refused by the server (400, naming the field), and its corrected
 * twin is allowed by the document. The fuzzer checks the same both ways on generated requests.
 */

let server: TestServer;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer({ seed: SEED, passwordCost: 'fast' });
  tokens.partner = (
    await server.api.ok('POST', '/partner/api/session', { body: { email: 'licensing@northwind-controls.example', password: 'Northwind-Seed-2026!' } })
  ).token;
  tokens.customer = (await server.api.ok('POST', '/customer/api/session', { body: { eid: CAPACITY_LICENSE } })).token;
  tokens.owner = (await server.api.ok('POST', `/smartservers/${ONLINE_SERVER}/login`, { body: { username: 'owner', password: 'Owner-Seed-2026!' } })).token;
});

afterAll(async () => {
  await server?.stop();
});

interface Case {
  what: string;
  method: string;
  url: string;
  body?: unknown;
  token?: string;
  field: string;
  /** The same request put right, which the document allows. */
  fixed: { url?: string; body?: unknown };
}

const json = (value: unknown) => (value === undefined ? undefined : { text: JSON.stringify(value), contentType: 'application/json' });

const cases = (): Case[] => [
  {
    what: 'an empty required string',
    method: 'POST',
    url: '/partner/api/session',
    body: { email: 'licensing@northwind-controls.example', password: '' },
    field: 'password',
    fixed: { body: { email: 'licensing@northwind-controls.example', password: 'x' } },
  },
  {
    what: 'a License ID that is no UUID',
    method: 'GET',
    url: '/partner/api/licenses/348c8800',
    token: tokens.partner,
    field: 'licenseId',
    fixed: { url: `/partner/api/licenses/${CAPACITY_LICENSE}` },
  },
  {
    what: 'an install code outside its pattern',
    method: 'POST',
    url: `/customer/api/licenses/${CAPACITY_LICENSE}/offline-activation-files`,
    body: { installCode: '17Q5T6A' },
    token: tokens.customer,
    field: 'installCode',
    fixed: { body: { installCode: '17qanut' } },
  },
  {
    what: 'a customer login with neither eid nor email',
    method: 'POST',
    url: '/customer/api/session',
    body: {},
    field: 'eid',
    fixed: { body: { eid: CAPACITY_LICENSE } },
  },
  {
    what: 'a customer login with both eid and email',
    method: 'POST',
    url: '/customer/api/session',
    body: { eid: CAPACITY_LICENSE, email: 'facilities@p-building-1.example' },
    field: 'email',
    fixed: { body: { eid: CAPACITY_LICENSE } },
  },
  {
    what: 'a provision state in lower case',
    method: 'GET',
    url: `/smartservers/${ONLINE_SERVER}/iap/devs/count?sts=provisioned`,
    token: tokens.owner,
    field: 'sts',
    fixed: { url: `/smartservers/${ONLINE_SERVER}/iap/devs/count?sts=PROVISIONED,UNPROVISIONED` },
  },
  {
    what: 'a feature that is not switched on and off',
    method: 'PUT',
    url: `/smartservers/${ONLINE_SERVER}/features/scheduler`,
    body: { enabled: true },
    token: tokens.owner,
    field: 'feature',
    fixed: { url: `/smartservers/${ONLINE_SERVER}/features/lon-routing` },
  },
  {
    what: 'a transfer to anything but a customer',
    method: 'POST',
    url: `/partner/api/licenses/${CAPACITY_LICENSE}/transfers`,
    body: { customerName: 'P-Building 1', transferTo: 'Partner' },
    token: tokens.partner,
    field: 'transferTo',
    fixed: { body: { customerName: 'P-Building 1', transferTo: 'Customer' } },
  },
  {
    what: 'faults set without saying which',
    method: 'PUT',
    url: '/_emulator/faults',
    body: {},
    field: 'cloud',
    fixed: { body: { cloud: null } },
  },
];

test('what the document forbids, the server refuses naming the field; the request put right is allowed', async () => {
  for (const c of cases()) {
    expect(server.contract.requestViolations(c.method, c.url, json(c.body)), c.what).not.toEqual([]);
    const refusal = problemOf(await server.api.call(c.method, c.url, { body: c.body, token: c.token }), 400, 'invalid-input');
    expect(refusal.field, c.what).toBe(c.field);
    expect(server.contract.requestViolations(c.method, c.fixed.url ?? c.url, json(c.fixed.body ?? c.body)), `${c.what}, put right`).toEqual([]);
  }
});

test('answers are closed objects in the document; problem details stay open to members of their own', () => {
  const schemas = server.document.components.schemas;
  for (const name of ['License', 'PartnerSession', 'TransferResult', 'SmartServer', 'CloudOffer']) {
    expect(schemas[name]?.additionalProperties, name).toBe(false);
  }
  expect(schemas.Problem.additionalProperties).toEqual({});
});

test('either/or bodies say so with oneOf, and closed sets with enums', () => {
  const body = (method: string, path: string) => server.document.paths[path][method].requestBody?.content['application/json'].schema as Record<string, any>;
  expect(body('post', '/customer/api/session').oneOf).toHaveLength(2);
  expect(body('post', '/ecostruxure/api/entitlements').oneOf).toHaveLength(2);
  const count = server.document.paths['/smartservers/{installCode}/iap/devs/count'].get.parameters!;
  expect(count.find((p) => p.name === 'sts')?.schema.pattern).toMatch(/PROVISIONED/);
  const feature = server.document.paths['/smartservers/{installCode}/features/{feature}'].put.parameters!;
  expect(feature.find((p) => p.name === 'feature')?.schema.enum).toEqual(expect.arrayContaining(['lon-routing']));
});
