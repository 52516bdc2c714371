import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createEmulator } from '../runtime/emulator';
import type { Emulator } from '../kernel/emulator';
import { buildApp } from './app';
import type { OpenApiDocument, OpenApiOperation } from './openapi';

/**
 * The tenancy matrix. Two partners with customers, licenses (sold, unsold, retired by transfers)
 * and SmartServers of those customers. Every operation of the partner portal, the customer
 * portal and the SmartServer CMS, taken from the served API document, is called with every
 * identity and, in each place that names a record, with every record the identity may not see:
 * such a call must answer exactly as the same call naming an unknown record does (status, code,
 * body), and no answer may carry a value of a record the identity may not see.
 *
 * Two inputs are left out on purpose: the Customer ID a SmartServer's Owner saves (whoever holds
 * a Customer ID may download its licenses; that is how the vendor's cloud works) and the install
 * code an offline activation file is made for (the portal cannot know whose SmartServer it is).
 */

type Kind = 'license' | 'installCode' | 'customerName' | 'poNumber';

const UNKNOWN: Record<Kind, string> = {
  license: '00000000-0000-4000-8000-00000000dead',
  installCode: 'zz9zz9z',
  customerName: 'Zeta Nobody Ltd',
  poNumber: 'PO-NOBODY-9',
};

/** Where an operation names a record: a path or query parameter, or a body field. */
interface Slot {
  where: 'path' | 'query' | 'body';
  name: string;
  kind: Kind;
  /** The body field takes a list of records (licenseIds). */
  list?: boolean;
}

const PATH_KINDS: Record<string, Kind> = { licenseId: 'license', installCode: 'installCode' };
const QUERY_KINDS: Record<string, Kind> = { customerName: 'customerName', name: 'customerName', poNumber: 'poNumber' };
const BODY_KINDS: Record<string, { kind: Kind; list?: boolean }> = { customerName: { kind: 'customerName' }, licenseIds: { kind: 'license', list: true } };
/** Parameters that name no tenant's record get a fixed harmless value. */
const FIXED_PATH: Record<string, string> = { id: '1', feature: 'lon-routing' };
/** A base body per operation, so that the call gets as far as looking the named record up. */
const BASE_BODIES: Record<string, Record<string, unknown>> = {
  'POST /customer/api/licenses/{licenseId}/offline-activation-files': { installCode: UNKNOWN.installCode },
  'PUT /smartservers/{installCode}/iap/lic/{licenseId}/note': { note: 'tenancy probe' },
};

/** What one identity may see: its values by kind, and every string of its own records. */
interface Identity {
  name: string;
  token?: string;
  own: Record<Kind, string[]>;
  visible: Set<string>;
}

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

let emulator: Emulator;
let app: FastifyInstance;
let document: OpenApiDocument;
let identities: Identity[];
/** Every value of every record in the world, by kind, and every string worth searching answers for. */
const everything: Record<Kind, Set<string>> = { license: new Set(), installCode: new Set(), customerName: new Set(), poNumber: new Set() };
const secrets = new Set<string>();

async function call(method: string, url: string, token?: string, body?: unknown): Promise<Answer> {
  const response = await app.inject({
    method: method as 'GET',
    url,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    payload: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.statusCode, contentType: String(response.headers['content-type'] ?? ''), text: response.body };
}

async function ok(method: string, url: string, token?: string, body?: unknown): Promise<any> {
  const answer = await call(method, url, token, body);
  if (answer.status >= 300) throw new Error(`${method} ${url} answered ${answer.status}: ${answer.text}`);
  return JSON.parse(answer.text);
}

/** Records what a tenant owns: its values by kind and all of its strings. */
function tenantRecords() {
  const own: Record<Kind, string[]> = { license: [], installCode: [], customerName: [], poNumber: [] };
  const strings = new Set<string>();
  const add = (kind: Kind | undefined, ...values: string[]) => {
    for (const v of values) {
      if (kind && !own[kind].includes(v)) own[kind].push(v);
      if (kind) everything[kind].add(v);
      strings.add(v);
      secrets.add(v);
    }
  };
  return { own, strings, add };
}

beforeAll(async () => {
  emulator = createEmulator({ passwordCost: 'fast' });
  app = buildApp(emulator);
  await app.ready();
  document = JSON.parse((await app.inject({ method: 'GET', url: '/openapi.json' })).body);

  async function partnerWorld(letter: 'Alpha' | 'Bravo', customers: string[], unsold: number) {
    const tag = letter.toUpperCase();
    const p = tenantRecords();
    const order = await ok('POST', '/backoffice/api/orders', undefined, {
      poNumber: `PO-${tag}-1`,
      partner: { email: `${letter.toLowerCase()}@tenancy.example`, name: `${letter} Partners` },
      lines: [{ model: '72220-50', quantity: customers.length + 1 + unsold }],
    });
    const second = await ok('POST', '/backoffice/api/orders', undefined, {
      poNumber: `PO-${tag}-2`,
      partner: { email: `${letter.toLowerCase()}@tenancy.example` },
      lines: [{ model: '72220-10' }],
    });
    const { token } = await ok('POST', '/partner/api/session', undefined, order.credentials);
    p.add('poNumber', `PO-${tag}-1`, `PO-${tag}-2`);
    p.add(undefined, order.partner.id, order.partner.email, `${letter} Partners`);
    const ids: string[] = order.licenses.map((l: { licenseId: string }) => l.licenseId);
    // Unsold licenses first: they are what a transfer probe can start from without changing anything.
    p.add('license', ...ids.slice(customers.length + 1), second.licenses[0].licenseId, ...ids.slice(0, customers.length + 1));
    const customerWorlds = [];
    for (const [i, name] of customers.entries()) {
      const c = tenantRecords();
      const email = `${name.toLowerCase().replace(/\s+/g, '-')}@tenancy-customer.example`;
      const moved = await ok('POST', `/partner/api/licenses/${ids[i]}/transfers`, token, {
        customerName: name,
        newAccount: { contactEmail: email, phone: `+49 ${i}00 ${letter.length}` },
      });
      p.add('customerName', name);
      p.add('license', moved.license.licenseId);
      p.add(undefined, moved.customer.customerId, email);
      c.add('customerName', name);
      c.add(undefined, moved.customer.customerId, email);
      c.add('license', moved.license.licenseId);
      // A customer handing in the original ID of its own license is told the ID that replaced it.
      c.strings.add(ids[i]);
      customerWorlds.push({ name, records: c, customerId: moved.customer.customerId as string, licenseId: moved.license.licenseId as string });
    }
    // One more license goes to the first customer, then on to the second: a retired ID the first
    // customer once had, and a current one of the second.
    const extra = ids[customers.length];
    const first = await ok('POST', `/partner/api/licenses/${extra}/transfers`, token, { customerName: customers[0] });
    p.add('license', first.license.licenseId);
    const onwards = customers[1] ?? customers[0];
    const second2 = await ok('POST', `/partner/api/licenses/${first.license.licenseId}/transfers`, token, { customerName: onwards });
    p.add('license', second2.license.licenseId);
    const heir = customerWorlds.find((c) => c.name === onwards)!.records;
    heir.add('license', second2.license.licenseId);
    // The customer that has the license now may be told that the IDs it had before stand for it.
    for (const id of [extra, first.license.licenseId]) heir.strings.add(id);
    return { letter, token, records: p, customers: customerWorlds };
  }

  const alpha = await partnerWorld('Alpha', ['Alpha Tower', 'Alpha Depot'], 1);
  const bravo = await partnerWorld('Bravo', ['Bravo Works'], 1);

  identities = [];
  const identity = (name: string, token: string | undefined, own: Record<Kind, string[]>, visible: Iterable<string>) =>
    identities.push({ name, token, own, visible: new Set(visible) });

  const smartServers = [];
  for (const world of [alpha, bravo]) {
    for (const customer of world.customers) {
      const session = await ok('POST', '/customer/api/session', undefined, { eid: customer.licenseId });
      const created = await ok('POST', '/_emulator/smartservers', undefined, {
        name: `${customer.name} controller`,
        devices: { lon: 2 },
        users: [{ username: 'owner', userType: 'Owner', password: 'tenancy-owner' }],
      });
      const cms = await ok('POST', `/smartservers/${created.installCode}/login`, undefined, { username: 'owner', password: 'tenancy-owner' });
      await ok('PUT', `/smartservers/${created.installCode}/iap/lic/accounts`, cms.token, { customerId: customer.customerId });
      await ok('POST', `/smartservers/${created.installCode}/iap/lic/cloud/download`, cms.token, { licenseIds: [customer.licenseId] });
      // The SmartServer belongs to the customer; the partner sees where its licenses are active.
      customer.records.add('installCode', created.installCode);
      customer.records.add(undefined, created.segmentControllerId, `${customer.name} controller`);
      world.records.add('installCode', created.installCode);
      world.records.add(undefined, created.segmentControllerId, `${customer.name} controller`);
      smartServers.push({ customer, installCode: created.installCode as string, token: cms.token as string });
      identity(`customer ${customer.name}`, session.token, customer.records.own, customer.records.strings);
    }
    identity(`partner ${world.letter}`, world.token, world.records.own, world.records.strings);
  }
  for (const ss of smartServers) {
    // A SmartServer sees itself, what it holds and, through its saved Customer ID, that customer's licenses.
    const own = { ...ss.customer.records.own, installCode: [ss.installCode], customerName: [], poNumber: [] };
    identity(`CMS Owner of ${ss.installCode} (${ss.customer.name})`, ss.token, own, ss.customer.records.strings);
  }
  identity('no session', undefined, { license: [], installCode: [], customerName: [], poNumber: [] }, []);
  // Values that many records share (model numbers, dates) are not secrets; only identifying strings are kept.
  for (const value of [...secrets]) if (value.length < 6) secrets.delete(value);
});

afterAll(async () => {
  await app?.close();
  emulator?.close();
});

interface Operation {
  method: string;
  path: string;
  operation: OpenApiOperation;
}

const TENANT_TAGS = ['partner portal', 'customer portal', 'smartserver'];

/** Every operation of the portals and the CMS that needs a session (logins are for anyone). */
function tenantOperations(): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([, operation]) => operation.tags?.some((t) => TENANT_TAGS.includes(t)) && (operation.security?.length ?? 0) > 0)
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
}

function slotsOf({ path, operation }: Operation): Slot[] {
  const slots: Slot[] = [];
  for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
    if (PATH_KINDS[name]) slots.push({ where: 'path', name, kind: PATH_KINDS[name] });
    else if (!FIXED_PATH[name]) throw new Error(`${path}: add the path parameter ${name} to the tenancy matrix`);
  }
  for (const p of operation.parameters ?? [])
    if (p.in === 'query' && QUERY_KINDS[p.name]) slots.push({ where: 'query', name: p.name, kind: QUERY_KINDS[p.name] });
  const properties = (operation.requestBody?.content['application/json']?.schema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
  for (const name of Object.keys(properties)) if (BODY_KINDS[name]) slots.push({ where: 'body', name, ...BODY_KINDS[name] });
  return slots;
}

/** The request an identity makes with `values` in the slots: its own record where it has one, else an unknown one. */
function request(op: Operation, me: Identity, slots: Slot[], override?: { slot: Slot; value: string }) {
  const valueFor = (slot: Slot) => (override?.slot === slot ? override.value : (me.own[slot.kind][0] ?? UNKNOWN[slot.kind]));
  const url = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const slot = slots.find((s) => s.where === 'path' && s.name === name);
    return encodeURIComponent(slot ? valueFor(slot) : FIXED_PATH[name]);
  });
  const query = slots
    .filter((s) => s.where === 'query')
    .map((s) => `${s.name}=${encodeURIComponent(valueFor(s))}`)
    .join('&');
  const body = op.operation.requestBody
    ? Object.fromEntries([
        ...Object.entries(BASE_BODIES[`${op.method} ${op.path}`] ?? {}),
        ...slots.filter((s) => s.where === 'body').map((s) => [s.name, s.list ? [valueFor(s)] : valueFor(s)]),
      ])
    : undefined;
  return { url: query ? `${url}?${query}` : url, body };
}

/** The answer with one value written as a placeholder, raw and URL-encoded. */
function normalized(answer: Answer, value: string): unknown {
  const text = answer.text.split(value).join('<record>').split(encodeURIComponent(value)).join('<record>');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Foreign values an answer carries, leaving out the one the request itself named. */
function leaks(answer: Answer, me: Identity, named?: string): string[] {
  return [...secrets].filter((s) => s !== named && !me.visible.has(s) && answer.text.includes(s));
}

test('the world is what the matrix assumes: each identity sees its own records and none of the others', async () => {
  const alpha = identities.find((i) => i.name === 'partner Alpha')!;
  const bravo = identities.find((i) => i.name === 'partner Bravo')!;
  const inventory = JSON.parse((await call('GET', '/partner/api/customer-inventory', alpha.token)).text);
  expect(inventory).toHaveLength(3);
  expect(JSON.parse((await call('GET', '/partner/api/customer-inventory', bravo.token)).text).length).toBe(2);
  expect(alpha.own.license.length).toBeGreaterThanOrEqual(9);
  expect(bravo.own.customerName).toEqual(['Bravo Works']);
  const tower = identities.find((i) => i.name === 'customer Alpha Tower')!;
  const listed = JSON.parse((await call('GET', '/customer/api/licenses', tower.token)).text);
  expect(listed.map((l: { licenseId: string }) => l.licenseId)).toEqual(
    tower.own.license.filter((id) => listed.some((l: { licenseId: string }) => l.licenseId === id)),
  );
  // The retired ID Alpha Tower once had is no longer its own: it is probed as a foreign record.
  expect(tower.own.license).toHaveLength(1);
  expect(identities).toHaveLength(3 + 2 + 3 + 1);
});

test('every portal and CMS operation, with every identity and every record it may not see, answers as for an unknown record and leaks nothing', async () => {
  const operations = tenantOperations();
  expect(operations.length).toBeGreaterThanOrEqual(30);
  expect(operations.some((o) => o.path.startsWith('/partner/api/licenses/'))).toBe(true);
  expect(operations.some((o) => o.path.startsWith('/customer/api/licenses/'))).toBe(true);
  let calls = 0;
  let probes = 0;
  const failures: string[] = [];
  for (const op of operations) {
    const slots = slotsOf(op);
    for (const me of identities) {
      // The plain call: whatever it answers, nothing foreign in it.
      const plain = request(op, me, slots);
      const answer = await call(op.method, plain.url, me.token, plain.body);
      calls++;
      if (answer.status >= 500) failures.push(`${me.name}: ${op.method} ${plain.url} answered ${answer.status}`);
      // A transfer the plain call made retires an ID whose new one is the receiving customer's:
      // from then on, that customer may be told the ID stands for its license.
      const moved =
        answer.status >= 200 && answer.status < 300 ? (JSON.parse(answer.text) as { retiredLicenseId?: string; customer?: { name?: string } }) : undefined;
      if (moved?.retiredLicenseId && moved.customer?.name) {
        for (const heir of identities.filter((i) => i.name === `customer ${moved.customer?.name}` || i.name.endsWith(`(${moved.customer?.name})`))) {
          heir.visible.add(moved.retiredLicenseId);
        }
      }
      const plainLeaks = leaks(answer, me);
      if (plainLeaks.length) failures.push(`${me.name}: ${op.method} ${plain.url} carries ${plainLeaks.join(', ')}`);
      for (const slot of slots) {
        const control = request(op, me, slots, { slot, value: UNKNOWN[slot.kind] });
        const unknown = await call(op.method, control.url, me.token, control.body);
        calls++;
        const foreignValues = [...everything[slot.kind]].filter((v) => !me.own[slot.kind].includes(v) && !me.visible.has(v));
        for (const value of foreignValues) {
          const probe = request(op, me, slots, { slot, value });
          const foreign = await call(op.method, probe.url, me.token, probe.body);
          calls++;
          probes++;
          const where = `${me.name}: ${op.method} ${op.path} with the foreign ${slot.kind} ${value} in ${slot.where} ${slot.name}`;
          if (foreign.status !== unknown.status) {
            failures.push(`${where} answered ${foreign.status}, an unknown one ${unknown.status}: ${foreign.text.slice(0, 200)}`);
            continue;
          }
          if (JSON.stringify(normalized(foreign, value)) !== JSON.stringify(normalized(unknown, UNKNOWN[slot.kind]))) {
            failures.push(`${where} answered otherwise than for an unknown one:\n  ${foreign.text.slice(0, 300)}\n  ${unknown.text.slice(0, 300)}`);
          }
          const carried = leaks(foreign, me, value);
          if (carried.length) failures.push(`${where} carries ${carried.join(', ')}`);
        }
      }
    }
  }
  console.log(`tenancy matrix: ${operations.length} operations, ${identities.length} identities, ${probes} foreign-record probes, ${calls} calls`);
  expect(failures, failures.slice(0, 20).join('\n')).toEqual([]);
  expect(calls).toBeGreaterThan(1500);
});
