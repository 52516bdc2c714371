import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../testing/http-test-kit';
import { type FetchLike, injectTransport } from './inject-transport';
import {
  type Arrange,
  type Call,
  CAPACITY_LICENSE,
  fromDocument,
  type Identity,
  OFFLINE_SERVER,
  ONLINE_SERVER,
  PLANS,
  repeatableCrypto,
  SEED,
  cms,
} from '../testing/operation-test-kit';

/**
 * The in-process transport answers as the HTTP server does. Every operation of the API document
 * is sent twice, to two emulators started the same way from the same seed: once handed to the
 * first one's application by `injectTransport`, once over HTTP to the second with the global
 * fetch. Both are reset before each pair and arranged with the same requests, and the two answers
 * must carry the same status, the same headers, the same problem code and the same body. A few
 * malformed requests (broken JSON, a text body, an oversized body, an unknown route) are compared
 * the same way.
 *
 * Two emulators normally differ in their random values: IDs, install codes, generated passwords,
 * the keys that sign tokens and files. Here each draws from its own seeded source, seeded alike,
 * and both sign files with one key, so those values come out the same and the bodies are compared
 * as they are. What still differs is real time: a session token carries its expiry in real
 * seconds and a login answers that expiry, and two logins a few milliseconds apart may fall in
 * different seconds. Those two fields alone are compared by what they stand for: the token by the
 * identity it names, the expiry by being a date.
 */

/**
 * The transport only accepts requests to the origin it was made for; the application it reaches
 * here is a served one, which answers its loopback names only, so the origin is one of those.
 */
const IN_PROCESS_ORIGIN = 'http://localhost:9';

/** One emulator and how this test reaches it. */
interface Side {
  name: string;
  base: string;
  send: FetchLike;
  server: TestServer;
  credentials: Partial<Record<Identity, string>>;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
  json?: any;
}

/** Headers about the connection, which only a socket has and the transport leaves to the Response. */
const CONNECTION_HEADERS = new Set(['connection', 'keep-alive', 'date', 'content-length', 'transfer-encoding']);

async function send(side: Side, call: Call): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // EcoStruxure's routes all need the operator's session, as its drivers send it.
  const as = call.as ?? (call.url.startsWith('/ecostruxure/') && !call.url.startsWith('/ecostruxure/api/session') ? 'ecostruxure' : undefined);
  if (as === 'cloud') headers['x-cloud-client-key'] = side.credentials.cloud!;
  else if (as) headers.authorization = `Bearer ${side.credentials[as]}`;
  if (call.authorization) headers.authorization = call.authorization;
  let body: string | undefined;
  if (call.body !== undefined) {
    body = JSON.stringify(call.body);
    headers['content-type'] = 'application/json';
  } else if (call.rawBody !== undefined) {
    body = call.rawBody;
    if (call.contentType) headers['content-type'] = call.contentType;
  }
  const response = await side.send(`${side.base}${call.url}`, { method: call.method, headers, body });
  const text = await response.text();
  const kept: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!CONNECTION_HEADERS.has(name)) kept[name] = value;
  });
  const json = /json/.test(kept['content-type'] ?? '') && text ? JSON.parse(text) : undefined;
  return { status: response.status, headers: kept, text, json };
}

/** What a session token stands for: its identity, without the expiry in real seconds. */
function identityOf(token: unknown): unknown {
  if (typeof token !== 'string') return token;
  try {
    const { exp, ...principal } = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8'));
    return { token: principal, expires: typeof exp };
  } catch {
    return token;
  }
}

/** The body with each session token replaced by its identity, and the expiry a login answers beside it by its kind. */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).map(([key, v]) => [key, comparable(v)]);
  const record = Object.fromEntries(entries) as Record<string, unknown>;
  if (typeof record.token === 'string') {
    record.token = identityOf(record.token);
    if (typeof record.expiresAt === 'string') record.expiresAt = Number.isNaN(Date.parse(record.expiresAt)) ? record.expiresAt : 'a date';
  }
  // A snapshot says when it was taken in real time, and its checksum covers that moment too.
  if (typeof record.takenAt === 'string') record.takenAt = Number.isNaN(Date.parse(record.takenAt)) ? record.takenAt : 'a date';
  if (record.format === 'sslab-snapshot' && typeof record.checksum === 'string')
    record.checksum = /^hmac-sha256:[0-9a-f]{64}$/.test(record.checksum) ? 'a checksum' : record.checksum;
  return record;
}

/** Where the two answers differ, or nothing when they agree. */
function differences(inProcess: Answer, overHttp: Answer): string[] {
  const found: string[] = [];
  if (inProcess.status !== overHttp.status) found.push(`status ${inProcess.status} in-process, ${overHttp.status} over HTTP`);
  const codeOf = (a: Answer) => (/problem\+json/.test(a.headers['content-type'] ?? '') ? a.json?.code : undefined);
  if (codeOf(inProcess) !== codeOf(overHttp)) found.push(`problem code ${codeOf(inProcess)} in-process, ${codeOf(overHttp)} over HTTP`);
  const names = new Set([...Object.keys(inProcess.headers), ...Object.keys(overHttp.headers)]);
  for (const name of names) {
    if (inProcess.headers[name] !== overHttp.headers[name])
      found.push(`header ${name}: ${inProcess.headers[name]} in-process, ${overHttp.headers[name]} over HTTP`);
  }
  const left = inProcess.json === undefined ? inProcess.text : JSON.stringify(comparable(inProcess.json));
  const right = overHttp.json === undefined ? overHttp.text : JSON.stringify(comparable(overHttp.json));
  if (left !== right) found.push(`body\n      in-process: ${left.slice(0, 400)}\n      over HTTP:  ${right.slice(0, 400)}`);
  return found;
}

let inProcess: Side;
let overHttp: Side;

/** The pairs compared so far, with what differed in each. */
interface Compared {
  label: string;
  status: number;
  differences: string[];
}

/** Sends one request to both emulators and compares the answers; the in-process answer comes back. */
async function both(compared: Compared[], label: string, call: Call, sides = [inProcess, overHttp]): Promise<Answer> {
  const [a, b] = [await send(sides[0], call), await send(sides[1], call)];
  compared.push({ label, status: a.status, differences: differences(a, b) });
  return a;
}

/** A step that sets up an operation: it must succeed, on both emulators alike. */
async function arrange(compared: Compared[], call: Call, sides = [inProcess, overHttp]): Promise<any> {
  const answer = await both(compared, `arranging with ${call.method} ${call.url}`, call, sides);
  if (answer.status >= 300) throw new Error(`${call.method} ${call.url} answered ${answer.status} while arranging: ${answer.text}`);
  return answer.json;
}

/** Requests no operation of the document describes, compared all the same. */
const MALFORMED: { label: string; call: Call }[] = [
  { label: 'broken JSON', call: { method: 'POST', url: '/partner/api/session', rawBody: '{"email": ', contentType: 'application/json' } },
  { label: 'an empty JSON body', call: { method: 'POST', url: '/backoffice/api/orders', rawBody: '', contentType: 'application/json' } },
  { label: 'a text body', call: { method: 'POST', url: '/partner/api/session', rawBody: 'email=x', contentType: 'text/plain' } },
  { label: 'a body without a type', call: { method: 'POST', url: '/customer/api/session', rawBody: '{"eid":"x"}' } },
  {
    label: 'a body past the 1 MiB limit',
    call: { method: 'POST', url: '/backoffice/api/orders', rawBody: JSON.stringify({ poNumber: 'x'.repeat(1_100_000) }), contentType: 'application/json' },
  },
  { label: 'JSON of the wrong shape', call: { method: 'PUT', url: cms('/iap/lic/notifications'), as: 'owner', body: { emails: 'nobody', daysBefore: [0] } } },
  { label: 'an edited token', call: { method: 'GET', url: '/partner/api/inventory', authorization: 'Bearer eyJraW5kIjoicGFydG5lciJ9.forged' } },
  { label: 'no token', call: { method: 'GET', url: cms('/dashboard') } },
  { label: "another user type's token", call: { method: 'GET', url: '/partner/api/inventory', as: 'owner' } },
  { label: 'an unknown route', call: { method: 'GET', url: '/nowhere/at/all' } },
  { label: 'a method the route has not', call: { method: 'PATCH', url: '/partner/api/inventory', as: 'partner' } },
  { label: 'a HEAD of the document', call: { method: 'HEAD', url: '/openapi.json' } },
  { label: 'a page without its slash (redirected)', call: { method: 'GET', url: '/partner' } },
  { label: 'an odd query', call: { method: 'GET', url: '/partner/api/search?customerName=P-Building%201&x=%zz&a=1&a=2', as: 'partner' } },
];

async function logIn(side: Side): Promise<void> {
  const post = async (url: string, body: unknown) => (await send(side, { method: 'POST', url, body })).json.token as string;
  side.credentials = {
    partner: await post('/partner/api/session', { email: 'licensing@northwind-controls.example', password: 'Northwind-Seed-2026!' }),
    customer: await post('/customer/api/session', { eid: CAPACITY_LICENSE }),
    owner: await post(`/smartservers/${ONLINE_SERVER}/login`, { username: 'owner', password: 'Owner-Seed-2026!' }),
    offlineOwner: await post(`/smartservers/${OFFLINE_SERVER}/login`, { username: 'owner', password: 'Owner-Seed-2026!' }),
    cloud: side.server.running.emulator.ctx.tokens.cloudClientKey(),
  };
  const operator = (await send(side, { method: 'GET', url: '/_emulator/ecostruxure/login' })).json;
  side.credentials.ecostruxure = await post('/ecostruxure/api/session', operator);
}

beforeAll(async () => {
  const signingKeyPem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  // No IAP/MQ broker: each would listen on a port of its own, which the two sides would then answer differently.
  const start = () => startTestServer({ seed: SEED, passwordCost: 'fast', crypto: repeatableCrypto('inject-parity', signingKeyPem), iapMq: false });
  const [first, second] = [await start(), await start()];
  const transport = injectTransport(first.running.app, IN_PROCESS_ORIGIN);
  inProcess = { name: 'in-process', base: IN_PROCESS_ORIGIN, send: transport.fetch, server: first, credentials: {} };
  overHttp = { name: 'over HTTP', base: second.url, send: fetch, server: second, credentials: {} };
  await logIn(inProcess);
  await logIn(overHttp);
});

afterAll(async () => {
  await inProcess?.server.stop();
  await overHttp?.server.stop();
});

/** Every operation of the document, each after a reset of both emulators. */
async function compareEveryOperation(sides: Side[]): Promise<{ operations: Compared[]; arranged: Compared[] }> {
  const operations: Compared[] = [];
  const arranged: Compared[] = [];
  const step: Arrange = (call) => arrange(arranged, call, sides);
  for (const [path, methods] of Object.entries(overHttp.server.document.paths)) {
    for (const [lower, operation] of Object.entries(methods)) {
      const method = lower.toUpperCase();
      const key = `${method} ${path}`;
      for (const side of sides) {
        const reset = await send(side, { method: 'POST', url: '/_emulator/reset' });
        if (reset.status !== 200) throw new Error(`the reset of the emulator ${side.name} answered ${reset.status}`);
        // A reset ends every session: log in again.
        await logIn(side);
      }
      const call = PLANS[key] ? await PLANS[key](step) : fromDocument(method, path, operation);
      await both(operations, key, call, sides);
    }
  }
  return { operations, arranged };
}

test('every operation of the API document answers the same through the in-process transport as over HTTP', async () => {
  const { operations, arranged } = await compareEveryOperation([inProcess, overHttp]);
  const malformed: Compared[] = [];
  for (const { label, call } of MALFORMED) await both(malformed, label, call);

  const all = [...operations, ...arranged, ...malformed];
  const refused = operations.filter((o) => o.status >= 400).length;
  console.log(
    `inject parity: ${operations.length} operations compared (${operations.length - refused} answered, ${refused} refused), ` +
      `${malformed.length} malformed requests, ${arranged.length} arranging requests; ${all.length * 2} requests in all`,
  );
  expect(operations.length).toBeGreaterThan(90);
  const unequal = all.filter((c) => c.differences.length > 0).map((c) => `${c.label}:\n    ${c.differences.join('\n    ')}`);
  expect(unequal, unequal.join('\n')).toEqual([]);
}, 120_000);
