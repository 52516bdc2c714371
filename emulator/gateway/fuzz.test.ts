import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createEmulator } from '../runtime/emulator';
import type { Emulator } from '../kernel/emulator';
import { dashboard, listSmartServers } from '../services/smartserver';
import { buildApp } from './app';
import { ContractChecker, ContractViolation } from '../testing/contract';
import type { OpenApiDocument, OpenApiOperation } from './openapi';

/**
 * Property-based fuzzing of every operation in the served API document, in process through
 * `app.inject`: path parameters, query strings, tokens and bodies drawn from the document's own
 * schemas (valid, boundary, wrong types, missing and unknown fields, huge strings up to and past
 * the 1 MiB body limit, malformed JSON). No answer may be a 5xx; every refusal is problem details
 * with a code and a detail, every 400 names the field; every answer matches the document; and
 * after each operation's batch the domain invariants still hold on the stored state.
 *
 * Both directions of the document are held too: each request is checked against the operation's
 * parameters and body schema. One the document allows is never refused as bad input (a 400: the
 * document would be looser than the server), except for the few rules across fields that JSON
 * Schema cannot say, listed below; one the document forbids is never accepted.
 *
 * The seed is fixed so a run is repeatable; SSLAB_FUZZ_SEED=<n> explores another one.
 */
const RUNS_PER_OPERATION = Number(process.env.SSLAB_FUZZ_RUNS ?? 36);
const SEED = Number(process.env.SSLAB_FUZZ_SEED ?? 20260105);
const BODY_LIMIT = 1_048_576;

let emulator: Emulator;
let app: FastifyInstance;
let document: OpenApiDocument;
let contract: ContractChecker;
const tokens: Record<string, string> = {};
const offlineFiles: string[] = [];

async function inject(method: string, url: string, options: { token?: string; payload?: string; contentType?: string } = {}) {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.payload !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const response = await app.inject({ method: method as 'GET', url, headers, payload: options.payload });
  return { status: response.statusCode, contentType: String(response.headers['content-type'] ?? ''), body: response.body };
}

async function ok(method: string, url: string, body?: unknown, token?: string): Promise<any> {
  const answer = await inject(method, url, { token, payload: body === undefined ? undefined : JSON.stringify(body) });
  if (answer.status >= 300) throw new Error(`${method} ${url} answered ${answer.status}: ${answer.body}`);
  return JSON.parse(answer.body);
}

beforeAll(async () => {
  emulator = createEmulator({ passwordCost: 'fast' });
  app = buildApp(emulator);
  await app.ready();
  document = JSON.parse((await app.inject({ method: 'GET', url: '/openapi.json' })).body);
  contract = new ContractChecker(document);

  // A small world for the fuzzed calls to reach into: a partner, a customer, licenses in every
  // state, online and offline SmartServers with every user type.
  const order = await ok('POST', '/backoffice/api/orders', {
    poNumber: 'PO-FUZZ-1',
    partner: { email: 'fuzz@partner.example' },
    lines: [{ model: '72220-50', quantity: 4 }, { model: '92201R-P-50' }, { model: '72220-200' }],
  });
  tokens.partner = (await ok('POST', '/partner/api/session', order.credentials)).token;
  const moved = [];
  for (const license of order.licenses.slice(0, 5)) {
    moved.push(
      await ok(
        'POST',
        `/partner/api/licenses/${license.licenseId}/transfers`,
        { customerName: 'Fuzz Tower', newAccount: { contactEmail: 'tower@fuzz.example' } },
        tokens.partner,
      ),
    );
  }
  tokens.customer = (await ok('POST', '/customer/api/session', { eid: moved[0].license.licenseId })).token;
  const users = [
    ['owner', 'Owner'],
    ['admin', 'Admin'],
    ['super', 'Supervisor'],
    ['user', 'User'],
  ].map(([username, userType]) => ({ username, userType, password: `${username}-password` }));
  const online = await ok('POST', '/_emulator/smartservers', { name: 'Fuzz online', devices: { lon: 30, bacnet: 5, modbus: 5 }, users });
  const offline = await ok('POST', '/_emulator/smartservers', { name: 'Fuzz offline', online: false, devices: { lon: 3 }, users });
  await ok('POST', '/_emulator/smartservers', { name: 'Fuzz old', version: '3.2', devices: { lon: 2 } });
  await ok('POST', '/_emulator/smartservers', { name: 'Fuzz pi', version: '4.3', edition: 'pi', devices: { lon: 2 } });
  for (const u of users)
    tokens[u.userType] = (await ok('POST', `/smartservers/${online.installCode}/login`, { username: u.username, password: u.password })).token;
  tokens.otherOwner = (await ok('POST', `/smartservers/${offline.installCode}/login`, { username: 'owner', password: 'owner-password' })).token;
  await ok('PUT', `/smartservers/${online.installCode}/iap/lic/accounts`, { customerId: moved[0].customer.customerId }, tokens.Owner);
  await ok('POST', `/smartservers/${online.installCode}/iap/lic/cloud/download`, { licenseIds: [moved[0].license.licenseId] }, tokens.Owner);
  for (const m of moved.slice(1, 3)) {
    offlineFiles.push(
      (await ok('POST', `/customer/api/licenses/${m.license.licenseId}/offline-activation-files`, { installCode: offline.installCode }, tokens.customer)).text,
    );
  }
  tokens.tampered = `${tokens.Owner.split('.')[0]}x.${tokens.Owner.split('.')[1]}`;
  tokens.garbage = 'not-a-token';
});

afterAll(async () => {
  await app?.close();
  emulator?.close();
});

// What the stored state offers the generators: the IDs and names that reach past validation.

function known() {
  const db = emulator.ctx.db;
  const column = (sql: string) =>
    db
      .prepare<[], { v: string }>(sql)
      .all()
      .map((r) => r.v);
  const or = (values: string[], fallback: string) => (values.length ? values : [fallback]);
  return {
    licenseId: or(column('SELECT id AS v FROM licenses'), '2133c667-af41-4518-94df-a2bb3b775330'),
    installCode: or(column('SELECT install_code AS v FROM smartservers'), '17q5t6a'),
    customerId: or(column('SELECT id AS v FROM customers'), '2133c667-af41-4518-94df-a2bb3b775330'),
    customerName: or(column('SELECT name AS v FROM customers'), 'Fuzz Tower'),
    email: [
      ...column('SELECT email AS v FROM partners'),
      ...column('SELECT contact_email AS v FROM customers WHERE contact_email IS NOT NULL'),
      'nobody@fuzz.example',
    ],
    poNumber: or(column('SELECT po_number AS v FROM orders'), 'PO-FUZZ-1'),
  };
}

type Known = ReturnType<typeof known>;

const ODD_STRINGS = [
  '',
  ' ',
  '..',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '\ud83d\ude00',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '-1',
  '0',
  '1e309',
  'NaN',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '2133c667-af41-4518-94df-a2bb3b77533',
  '2133c667-af41-4518-94df-a2bb3b7753300',
  'ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ',
  '2133C667-AF41-4518-94DF-A2BB3B775330',
  '17Q5T6A',
  '17q5t6',
  '17q5t6a7',
  'x'.repeat(300),
  'x'.repeat(70_000),
];

const oddString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ODD_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);

/** Values a field of this name should hold to get past validation. */
function hinted(name: string | undefined, k: Known): fc.Arbitrary<string> | undefined {
  switch (name) {
    case 'licenseId':
    case 'eid':
    case 'licenseIds':
      return fc.constantFrom(...k.licenseId);
    case 'installCode':
    case 'installCodes':
      return fc.constantFrom(...k.installCode);
    case 'customerId':
    case 'customerIds':
      return fc.constantFrom(...k.customerId);
    case 'customerName':
    case 'customer':
    case 'name':
      return fc.constantFrom(...k.customerName, 'Fuzz New Customer');
    case 'email':
    case 'contactEmail':
      return fc.constantFrom(...k.email);
    case 'poNumber':
      return fc.oneof(
        fc.constantFrom(...k.poNumber),
        fc.string({ minLength: 1, maxLength: 12 }).map((s) => `PO-${s}`),
      );
    case 'password':
      return fc.constantFrom('owner-password', 'wrong', '');
    case 'username':
      return fc.constantFrom('owner', 'admin', 'user', 'ghost');
    case 'file':
      return offlineFiles.length ? fc.constantFrom(...offlineFiles) : undefined;
    case 'now':
      return fc.constantFrom('2026-03-01', '2030-12-31T23:59:59.000Z', '1970-01-01', '9999-12-31');
    case 'version':
      return fc.constantFrom('3.2', '3.3', '4.0', '4.2', '4.3', '3.3 Update 1', '99.0');
    default:
      return undefined;
  }
}

type Schema = Record<string, any>;

function resolve(schema: Schema): Schema {
  if (typeof schema?.$ref === 'string') return resolve(document.components.schemas[schema.$ref.replace('#/components/schemas/', '')] as Schema);
  return schema ?? {};
}

/** A value the schema admits (mostly), preferring the known values a field of that name takes. */
function valid(raw: Schema, k: Known, name?: string, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(raw);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  const variants = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(variants)) return fc.oneof(...variants.map((v: Schema) => valid(v, k, name, depth + 1)));
  const types: string[] = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [schema.properties ? 'object' : 'string'];
  return fc.oneof(
    ...types.map((type): fc.Arbitrary<unknown> => {
      switch (type) {
        case 'null':
          return fc.constant(null);
        case 'boolean':
          return fc.boolean();
        case 'integer':
        case 'number': {
          const min = schema.minimum ?? -5;
          const max = schema.maximum ?? 100;
          // In range only where it is cheap (a large quantity orders that many licenses); just past
          // each end always, since that is refused before any work.
          const top = Math.min(max, 40);
          return fc.oneof(fc.constantFrom(min, top, min - 1, max + 1), fc.integer({ min, max: top }));
        }
        case 'array': {
          const item = valid(schema.items ?? {}, k, name, depth + 1);
          return fc.array(item, { minLength: Math.min(schema.minItems ?? 0, 3), maxLength: Math.min(schema.maxItems ?? 3, 3) });
        }
        case 'object': {
          if (depth > 4) return fc.constant({});
          const properties: Record<string, Schema> = schema.properties ?? {};
          const arbitraries = Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, valid(s, k, key, depth + 1)]));
          return fc.record(arbitraries, { requiredKeys: (schema.required ?? []).filter((key: string) => key in properties) });
        }
        default: {
          const hint = hinted(name, k);
          if (hint) return fc.oneof({ weight: 4, arbitrary: hint }, { weight: 1, arbitrary: oddString });
          if (schema.format === 'uuid') return fc.oneof(fc.constantFrom(...k.licenseId), fc.uuid());
          if (schema.format === 'email') return fc.constantFrom(...k.email);
          if (schema.format === 'date') return fc.constantFrom('2026-01-05', '2029-02-29', '2026-13-01');
          return fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), oddString);
        }
      }
    }),
  );
}

/** A body to send: the schema's value as is or spoiled, any JSON, text that is not JSON, or a huge one. */
type Body = { text: string; contentType: string } | undefined;

function bodies(operation: OpenApiOperation, k: Known): fc.Arbitrary<Body> {
  const schema = (operation.requestBody?.content['application/json']?.schema ?? { type: 'object' }) as Schema;
  const good = valid(schema, k);
  const json = (value: unknown): Body => ({ text: JSON.stringify(value) ?? 'null', contentType: 'application/json' });
  const spoiled = fc.tuple(good, fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), fc.nat()).map(([value, key, junk, pick]) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return json(junk);
    const keys = Object.keys(value);
    const copy: Record<string, unknown> = { ...value };
    switch (pick % 3) {
      case 0:
        copy[key || 'unknownField'] = junk;
        break; // an unknown field
      case 1:
        if (keys.length) copy[keys[pick % keys.length]] = junk;
        break; // a wrong type
      default:
        if (keys.length) delete copy[keys[pick % keys.length]]; // a field left out
    }
    return json(copy);
  });
  const huge = fc.tuple(good, fc.constantFrom(60_000, 1_000_000, BODY_LIMIT - 64, BODY_LIMIT + 10, 2 * BODY_LIMIT)).map(([value, size]): Body => {
    const base = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    const keys = Object.keys(base);
    const target = keys.find((key) => typeof base[key] === 'string') ?? keys[0] ?? 'padding';
    const text = JSON.stringify({ ...base, [target]: '' });
    return { text: text.replace(`"${target}":""`, `"${target}":"${'x'.repeat(Math.max(0, size - text.length))}"`), contentType: 'application/json' };
  });
  const raw = fc.constantFrom<Body>(
    { text: '{"unterminated": ', contentType: 'application/json' },
    { text: '', contentType: 'application/json' },
    { text: 'null', contentType: 'application/json' },
    { text: '{"a":1}', contentType: 'text/plain' },
    { text: '\u0000\u0001', contentType: 'application/json' },
    { text: '{"__proto__": {"admin": true}}', contentType: 'application/json' },
    { text: '{"constructor": {"prototype": {"x": 1}}}', contentType: 'application/json' },
    { text: `${'['.repeat(5000)}${']'.repeat(5000)}`, contentType: 'application/json' },
  );
  return fc.oneof(
    { weight: 8, arbitrary: good.map(json) },
    { weight: 6, arbitrary: spoiled },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map(json) },
    { weight: 2, arbitrary: raw },
    { weight: 1, arbitrary: huge },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** A path parameter: a known value of its kind most of the time, else anything. */
function pathValue(name: string, k: Known): fc.Arbitrary<string> {
  const fixed: Record<string, string[]> = {
    id: ['1', '2', '30', '0', '-1', '41', '99999999999999999999', '1.5'],
    feature: ['lon-rni', 'lon-routing', 'bacnet-routing', 'scheduler', 'data-logging'],
    file: ['api.js', 'style.css', 'missing.js', '..%2f..%2fpackage.json'],
  };
  const hint = hinted(name, k) ?? (fixed[name] ? fc.constantFrom(...fixed[name]) : undefined);
  return hint ? fc.oneof({ weight: 3, arbitrary: hint }, { weight: 2, arbitrary: oddString }) : oddString;
}

const ODD_QUERIES = [
  '',
  '&&&',
  '=',
  'a=1&a=2',
  'sts=PROVISIONED&sts=UNPROVISIONED',
  'sts=',
  'sts=provisioned',
  'x[y]=1',
  '%zz',
  'token=',
  '__proto__=1',
  'constructor[prototype][x]=1',
  'name=%00',
  'onlyAvailable=true&onlyAvailable=false',
  'customerName=Fuzz%20Tower&poNumber=PO-FUZZ-1',
  `q=${'y'.repeat(5000)}`,
];

function queries(operation: OpenApiOperation, k: Known): fc.Arbitrary<string> {
  const params = (operation.parameters ?? []).filter((p) => p.in === 'query');
  const documented = fc
    .tuple(
      ...params.map((p) =>
        fc.option(fc.oneof(hinted(p.name, k) ?? fc.constantFrom('PROVISIONED', 'UNPROVISIONED,PROVISIONING', 'true'), oddString), { nil: undefined }),
      ),
    )
    .map((values) =>
      values
        .map((v, i) => (v === undefined ? '' : `${params[i].name}=${encodeURIComponent(v)}`))
        .filter(Boolean)
        .join('&'),
    );
  return fc.oneof({ weight: 3, arbitrary: documented }, { weight: 1, arbitrary: fc.constantFrom(...ODD_QUERIES) });
}

const tokenNames = () =>
  fc.constantFrom(
    undefined,
    'Owner',
    'Owner',
    'Owner',
    'Admin',
    'Supervisor',
    'User',
    'otherOwner',
    'partner',
    'partner',
    'customer',
    'customer',
    'tampered',
    'garbage',
  );

/**
 * Rules across fields or against stored state that the schemas cannot express, so a request the
 * document allows may still be refused as bad input for them: operation, field, and why.
 */
const RULES_BEYOND_THE_SCHEMA: { operation: string; field: RegExp; why: string }[] = [
  ...['POST /cloud/api/offline-files/checks', 'POST /cloud/api/offline-files/activations', 'POST /smartservers/{installCode}/iap/lic/files'].map(
    (operation) => ({
      operation,
      field: /^file$/,
      why: 'an offline activation file is read (format, signature) when it is loaded',
    }),
  ),
  ...[
    'POST /ecostruxure/api/servers/{serverId}/activation-response',
    'POST /ecostruxure/api/servers/{serverId}/return-response',
    'POST /ecostruxure/las/api/responses',
  ].map((operation) => ({ operation, field: /^file\.content$/, why: 'a license file is read when it is loaded' })),
  { operation: 'POST /ecostruxure/api/entitlements', field: /^certificateFile\./, why: 'the certificate is read when it is added' },
  { operation: 'POST /_emulator/smartservers', field: /^users\[\d+\]\.username$/, why: 'user names differ from one another' },
  { operation: 'POST /_emulator/smartservers', field: /^edition$/, why: 'SmartServer Pi exists from release 4.2 on' },
  { operation: 'PUT /smartservers/{installCode}/iap/lic/notifications', field: /^emails$/, why: 'addresses differ in any case' },
  {
    operation: 'POST /customer/api/licenses/{licenseId}/offline-activation-files',
    field: /^installCodeAgain$/,
    why: 'the install code typed twice is the same',
  },
  { operation: 'GET /smartservers/{installCode}/iap/devs/{id}/if/{block}/{index}/{datapoint}/value', field: /^xs$/, why: 'a snapshot is named with its page' },
  {
    operation: 'PUT /smartservers/{installCode}/iap/devs/{id}/if/{block}/{index}/{datapoint}/value',
    field: /^value$/,
    why: "a value lies within its datapoint's range",
  },
  { operation: 'POST /_emulator/ecostruxure/entitlements', field: /^products\[\d+\]\.features$/, why: 'a feature is named once per product' },
  { operation: 'POST /_emulator/fleets', field: /^smartServers/, why: 'the fleet rules beside fleet.schema.json (releases, Pi, sizes)' },
  {
    operation: 'POST /_emulator/fleets/{name}/share',
    field: /^(fleet\.name|fleet\.seed|installCodes|customerIds|fleet\.smartServers)/,
    why: 'a share matches the fleet in the path: its name, seed and sizes',
  },
];

interface Failure {
  operation: string;
  request: string;
  answer: string;
}

/** The domain invariants, read from the stored state. */
function invariantBreaks(retired: Set<string>): string[] {
  const { ctx } = emulator;
  const breaks: string[] = [];
  for (const server of listSmartServers(ctx)) {
    const board = dashboard(ctx, server.installCode);
    if (board.licenseManagement && board.licensedDevices > board.capacity) {
      breaks.push(`SmartServer ${server.installCode} licenses ${board.licensedDevices} devices with a capacity of ${board.capacity}`);
    }
  }
  const held = ctx.db.prepare<[], { license_id: string; install_code: string }>('SELECT license_id, install_code FROM held_licenses').all();
  const active = ctx.db.prepare<[], { id: string; install_code: string | null }>("SELECT id, install_code FROM licenses WHERE state = 'active'").all();
  const holders = new Map<string, string[]>();
  for (const h of held) holders.set(h.license_id, [...(holders.get(h.license_id) ?? []), h.install_code]);
  for (const [id, where] of holders) if (where.length > 1) breaks.push(`license ${id} is held by ${where.join(' and ')}`);
  for (const license of active) {
    const where = holders.get(license.id) ?? [];
    if (where.length !== 1 || where[0] !== license.install_code)
      breaks.push(`active license ${license.id} (on ${license.install_code}) is held by ${where.join(', ') || 'no SmartServer'}`);
  }
  const activeIds = new Set(active.map((l) => l.id));
  for (const h of held)
    if (!activeIds.has(h.license_id)) breaks.push(`SmartServer ${h.install_code} holds license ${h.license_id}, which the cloud has not active`);
  const nowRetired = new Set(
    ctx.db
      .prepare<[], { id: string }>("SELECT id FROM licenses WHERE state = 'retired'")
      .all()
      .map((r) => r.id),
  );
  for (const id of retired) if (!nowRetired.has(id)) breaks.push(`retired license ${id} is no longer retired`);
  return breaks;
}

function retiredNow(): Set<string> {
  return new Set(
    emulator.ctx.db
      .prepare<[], { id: string }>("SELECT id FROM licenses WHERE state = 'retired'")
      .all()
      .map((r) => r.id),
  );
}

interface Operation {
  method: string;
  path: string;
  operation: OpenApiOperation;
}

function operations(): Operation[] {
  const all = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
  // Resets go last: they wipe the world the other operations reach into.
  const wipes = (o: Operation) => /\/reset$/.test(o.path) && o.path.startsWith('/_emulator');
  return [...all.filter((o) => !wipes(o)), ...all.filter(wipes)];
}

test('every operation, fuzzed from the API document: no 5xx, every refusal is problem details naming its field, answers match the document, invariants hold', async () => {
  const ops = operations();
  expect(ops.length).toBeGreaterThan(60);
  const failures: Failure[] = [];
  const breaks: string[] = [];
  let cases = 0;
  let resets = false;
  const verdicts = { allowed: 0, forbidden: 0, undescribed: 0 };
  const statuses = new Map<number, number>();
  const started = Date.now();
  for (const op of ops) {
    const k = known();
    const retired = resets ? new Set<string>() : retiredNow();
    if (/\/reset$/.test(op.path)) resets = true;
    const pathParams = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    const sendsBody = op.operation.requestBody !== undefined || ['POST', 'PUT', 'PATCH', 'DELETE'].includes(op.method);
    const arbitrary = fc.record({
      params: fc.tuple(...pathParams.map((name) => pathValue(name, k))),
      query: queries(op.operation, k),
      token: tokenNames(),
      body: sendsBody ? bodies(op.operation, k) : fc.constant(undefined),
    });
    await fc.assert(
      fc.asyncProperty(arbitrary, async (c) => {
        cases++;
        let i = 0;
        const path = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(c.params[i++]));
        const url = c.query ? `${path}?${c.query}` : path;
        const answer = await inject(op.method, url, { token: c.token ? tokens[c.token] : undefined, payload: c.body?.text, contentType: c.body?.contentType });
        // Injected cloud faults would slow every later case; the fault route itself is what is fuzzed.
        emulator.faults.clear();
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        const fail = (why: string) => {
          failures.push({
            operation: `${op.method} ${op.path}`,
            request: `${op.method} ${url.slice(0, 200)} token=${c.token} body=${c.body?.text.slice(0, 200)}`,
            answer: `${why}: ${answer.status} ${answer.body.slice(0, 300)}`,
          });
        };
        const bytes = c.body ? Buffer.byteLength(c.body.text) : 0;
        if (answer.status >= 500) return fail('a 5xx');
        if (bytes > BODY_LIMIT && answer.status !== 413 && answer.status < 400) return fail('an oversized body was accepted');
        if (answer.status >= 400) {
          if (!answer.contentType.startsWith('application/problem+json')) return fail('a refusal that is not problem details');
          const problem = JSON.parse(answer.body);
          if (typeof problem.code !== 'string' || typeof problem.detail !== 'string' || problem.status !== answer.status)
            return fail('a problem without code, detail or status');
          if (answer.status === 400 && (typeof problem.field !== 'string' || problem.field === '')) return fail('a 400 that names no field');
        }
        // An odd parameter ('', '..') can take the URL away from this operation; only answers of a
        // documented operation are held to the document.
        let documented = true;
        try {
          contract.operation(op.method, url);
        } catch {
          documented = false;
        }
        if (!documented) return;
        try {
          contract.check({ method: op.method, url, status: answer.status, contentType: answer.contentType, body: answer.body });
        } catch (error) {
          if (error instanceof ContractViolation) return fail(`an answer the document does not describe (${error.message.slice(0, 200)})`);
          throw error;
        }
        // A body sent to an operation that documents none, or a query parameter it does not name, is outside the contract either way.
        const named = new Set((op.operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
        const unnamed = [...new URLSearchParams(c.query).keys()].some((name) => !named.has(name));
        if ((c.body !== undefined && !op.operation.requestBody) || unnamed) {
          verdicts.undescribed++;
          return;
        }
        const forbidden = contract.requestViolations(op.method, url, c.body);
        verdicts[forbidden.length ? 'forbidden' : 'allowed']++;
        if (forbidden.length && answer.status < 400) return fail(`a request the document forbids was accepted (${forbidden.join('; ')})`);
        if (!forbidden.length && answer.status === 400) {
          const problem = JSON.parse(answer.body) as { field?: string };
          const known = RULES_BEYOND_THE_SCHEMA.some((r) => r.operation === `${op.method} ${op.path}` && r.field.test(problem.field ?? ''));
          if (!known) return fail('a request the document allows was refused as bad input');
        }
      }),
      { numRuns: RUNS_PER_OPERATION, seed: SEED, endOnFailure: true },
    );
    breaks.push(...invariantBreaks(retired).map((b) => `after ${op.method} ${op.path}: ${b}`));
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `fuzz: ${cases} cases over ${ops.length} operations in ${seconds} s (seed ${SEED}); answers by status: ${[...statuses]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}×${n}`)
      .join(
        ' ',
      )}; requests the document allows ${verdicts.allowed}, forbids ${verdicts.forbidden}, requests with a body or query parameter it does not describe ${verdicts.undescribed}`,
  );
  // One example of each kind of failure (its reason and code), so a single fault is not shown a hundred times.
  const kinds = new Map<string, Failure>();
  for (const f of failures) kinds.set(`${f.operation} ${f.answer.replace(/"detail":"[^"]*"|"instance":"[^"]*"/g, '').slice(0, 160)}`, f);
  const shown = [...kinds.values()]
    .slice(0, 80)
    .map((f) => `${f.operation}\n    ${f.request}\n    ${f.answer}`)
    .join('\n');
  expect(failures.length, `${failures.length} failing cases, ${kinds.size} kinds:\n${shown}`).toBe(0);
  expect(breaks).toEqual([]);
  expect(cases).toBe(ops.length * RUNS_PER_OPERATION);
  expect(verdicts.allowed).toBeGreaterThan(cases / 4);
  expect(verdicts.forbidden).toBeGreaterThan(cases / 4);
}, 120_000);
