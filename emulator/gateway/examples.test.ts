import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import WebSocket from 'ws';
import { ContractChecker } from '../testing/contract';
import { startTestServer, type TestServer } from '../testing/http-test-kit';
import {
  type Arrange,
  type Call,
  CAPACITY_LICENSE,
  fromDocument,
  type Identity,
  cms,
  CUSTOMER_ID,
  OFFLINE_SERVER,
  ONLINE_SERVER,
  PLANS,
  repeatableCrypto,
  SEED,
  signingKeyFrom,
} from '../testing/operation-test-kit';
import { EXAMPLES_FILE, loadExamples, type RecordedExamples, type RecordedExchange } from './examples';
import { FLOW_LINKS } from './links';
import type { OpenApiDocument } from './openapi';

/**
 * The examples of the API document are real exchanges: every operation is called once on an
 * emulator started from the real-target seed (each after a reset, its randomness restarted from
 * the operation's name, files signed with a key made from a fixed phrase), and what was sent and
 * answered must equal `examples.generated.json`. Session tokens, their expiry and a snapshot's time
 * and checksum carry real time, so those are compared by kind. `SSLAB_UPDATE_EXAMPLES=1` writes the file from the recording
 * instead, after a change to what the API answers.
 */

const UPDATE = process.env.SSLAB_UPDATE_EXAMPLES === '1';
/** Operations that exist to be refused; their example is the refusal. */
const ALWAYS_REFUSED: Record<string, string> = {
  'POST /ecostruxure/api/servers/{serverId}/licenses/{licenseId}/deactivation': 'an activated license leaves its server only with a return of all',
};
const crypto = repeatableCrypto('examples', signingKeyFrom('sslab API document examples'));
let server: TestServer;
const credentials: Partial<Record<Identity, string>> = {};
const recorded: RecordedExamples = {};
const refused: string[] = [];

async function send(call: Call): Promise<{ status: number; contentType: string; text: string }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // EcoStruxure's routes all need the operator's session, as its drivers send it.
  const as = call.as ?? (call.url.startsWith('/ecostruxure/') && !call.url.startsWith('/ecostruxure/api/session') ? 'ecostruxure' : undefined);
  if (as === 'cloud') headers['x-cloud-client-key'] = credentials.cloud!;
  else if (as) headers.authorization = `Bearer ${credentials[as]}`;
  if (call.authorization) headers.authorization = call.authorization;
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  if (call.rawBody !== undefined) headers['content-type'] = call.contentType ?? 'text/plain';
  const response = await fetch(`${server.url}${call.url}`, {
    method: call.method,
    headers,
    body: call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body)),
  });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}

const arrange: Arrange = async (call) => {
  const answer = await send(call);
  if (answer.status >= 300) throw new Error(`${call.method} ${call.url} answered ${answer.status} while arranging: ${answer.text}`);
  return /json/.test(answer.contentType) ? JSON.parse(answer.text) : answer.text;
};

function within<T>(promise: Promise<T>, what: string, ms = 5000): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`waited ${ms} ms for ${what}`)), ms))]);
}

/** The first update the SmartServer's WebSocket sends: the cloud's list, once the Owner has looked at it. */
async function firstUpdate(): Promise<unknown> {
  const socket = new WebSocket(`${server.url.replace('http', 'ws')}/smartservers/${ONLINE_SERVER}/iap/ws`, {
    headers: { authorization: `Bearer ${credentials.owner}` },
  });
  try {
    await within(
      new Promise((resolve, reject) => {
        socket.once('open', resolve);
        socket.once('error', reject);
      }),
      'the WebSocket to open',
    );
    const message = new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data))));
    await arrange({ method: 'PUT', url: cms('/iap/lic/accounts'), as: 'owner', body: { customerId: CUSTOMER_ID } });
    await arrange({ method: 'GET', url: cms('/iap/lic/cloud'), as: 'owner' });
    return JSON.parse(await within(message, 'an update on the WebSocket'));
  } finally {
    socket.close();
  }
}

/** What the document shows of an answer: JSON as it came; pages and scripts by their beginning; the document without its operations. */
function exampleOf(key: string, call: Call, answer: { status: number; contentType: string; text: string }): RecordedExchange {
  const contentType = answer.contentType.split(';')[0].trim();
  const request = call.body === undefined ? undefined : { contentType: 'application/json', value: call.body };
  if (key === 'GET /openapi.json') {
    const document = JSON.parse(answer.text) as OpenApiDocument;
    const value = { ...document, tags: document.tags.slice(0, 1), paths: {}, components: { schemas: {}, securitySchemes: {} } };
    return { response: { status: answer.status, contentType, value }, abridged: true };
  }
  if (/json/.test(contentType)) return { ...(request ? { request } : {}), response: { status: answer.status, contentType, value: JSON.parse(answer.text) } };
  const value = contentType.startsWith('image/') ? `(a ${contentType} image)` : `${answer.text.slice(0, 160)}…`;
  return { ...(request ? { request } : {}), response: { status: answer.status, contentType, value }, abridged: true };
}

beforeAll(async () => {
  server = await startTestServer({ seed: SEED, passwordCost: 'fast', crypto, iapMq: false });
  const login = async (url: string, body: unknown) => (await arrange({ method: 'POST', url, body })).token as string;
  const logIn = async () => {
    credentials.partner = await login('/partner/api/session', { email: 'licensing@northwind-controls.example', password: 'Northwind-Seed-2026!' });
    credentials.customer = await login('/customer/api/session', { eid: CAPACITY_LICENSE });
    credentials.owner = await login(`/smartservers/${ONLINE_SERVER}/login`, { username: 'owner', password: 'Owner-Seed-2026!' });
    credentials.offlineOwner = await login(`/smartservers/${OFFLINE_SERVER}/login`, { username: 'owner', password: 'Owner-Seed-2026!' });
    credentials.ecostruxure = await login('/ecostruxure/api/session', await arrange({ method: 'GET', url: '/_emulator/ecostruxure/login' }));
  };
  await logIn();
  credentials.cloud = server.running.emulator.ctx.tokens.cloudClientKey();

  for (const [path, methods] of Object.entries(server.document.paths)) {
    for (const [lower, operation] of Object.entries(methods)) {
      const method = lower.toUpperCase();
      const key = `${method} ${path}`;
      const reset = await send({ method: 'POST', url: '/_emulator/reset' });
      if (reset.status !== 200) throw new Error(`the reset answered ${reset.status}`);
      // A reset ends every session: log in again.
      await logIn();
      crypto.restart(key);
      if (operation.responses['101']) {
        recorded[key] = { response: { status: 101, contentType: 'application/json', value: await firstUpdate() } };
        continue;
      }
      const call = PLANS[key] ? await PLANS[key](arrange) : fromDocument(method, path, operation);
      const answer = await send(call);
      if (answer.status >= 300 && !ALWAYS_REFUSED[key]) refused.push(`${key}: ${answer.status} ${answer.text.slice(0, 200)}`);
      else recorded[key] = exampleOf(key, call, answer);
    }
  }
  if (UPDATE) {
    // An entry that differs only in its real-time fields is kept as committed, so a rewrite shows only what changed.
    const committed = loadExamples();
    const kept = Object.fromEntries(Object.entries(recorded).map(([key, exchange]) => [key, sameBut(committed[key], exchange) ? committed[key] : exchange]));
    writeFileSync(EXAMPLES_FILE, `${JSON.stringify(kept, null, 2)}\n`);
  }
}, 300_000);

afterAll(async () => {
  await server?.stop();
});

/** The exchange with what real time changes put by kind: a session token and its expiry. */
function comparable(value: unknown, key?: string): unknown {
  if (key === 'token' && typeof value === 'string') return '(a session token)';
  if ((key === 'expiresAt' || key === 'takenAt') && typeof value === 'string') return '(a time)';
  // A snapshot's checksum covers the moment it was taken.
  if (key === 'checksum' && typeof value === 'string' && /^hmac-sha256:/.test(value)) return '(a checksum)';
  if (Array.isArray(value)) return value.map((v) => comparable(v));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, comparable(v, k)]));
}

/** Whether two exchanges differ in nothing but their real-time fields. */
const sameBut = (a: unknown, b: unknown) => JSON.stringify(comparable(a)) === JSON.stringify(comparable(b));

const operations = () =>
  Object.entries(server.document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation })),
  );

test('every operation answered its recorded request with success', () => {
  expect(refused).toEqual([]);
});

test('the committed examples are what the emulator answers now (SSLAB_UPDATE_EXAMPLES=1 rewrites them)', () => {
  const committed = loadExamples();
  const drifted = Object.keys({ ...committed, ...recorded }).filter((key) => !sameBut(committed[key], recorded[key]));
  expect(drifted, 'examples that differ from the emulator; run SSLAB_UPDATE_EXAMPLES=1 npx vitest run emulator/gateway/examples.test.ts').toEqual([]);
});

test('every operation of the document has a response example, and a request example where it takes a body', () => {
  const lacking: string[] = [];
  for (const { key, operation } of operations()) {
    const answers = Object.entries(operation.responses).filter(([status]) => ALWAYS_REFUSED[key] || /^(101|2\d\d)$/.test(status));
    const shown = answers.some(([, answer]) => Object.values(answer.content ?? {}).some((media) => 'example' in media));
    // An answer with no body (204) has nothing to show.
    const bodiless = answers.every(([, answer]) => !answer.content);
    if (!shown && !bodiless) lacking.push(`${key}: no response example`);
    // An operation that also runs without a body may show its exchange without one.
    const needsBody = operation.requestBody?.required || recorded[key]?.request;
    if (needsBody && !Object.values(operation.requestBody?.content ?? {}).some((media) => 'example' in media)) lacking.push(`${key}: no request example`);
  }
  expect(lacking).toEqual([]);
});

test('every example in the document fits its own schema', () => {
  const contract = new ContractChecker(server.document);
  const unfit: string[] = [];
  for (const { key, operation } of operations()) {
    const [method, path] = key.split(' ');
    const body = operation.requestBody?.content['application/json'] as { example?: unknown } | undefined;
    if (body && 'example' in body) {
      try {
        contract.checkRequest(method, path, body.example);
      } catch (error) {
        unfit.push(String(error));
      }
    }
    for (const [status, answer] of Object.entries(operation.responses)) {
      if (status === '101') continue;
      for (const [mediaType, media] of Object.entries(answer.content ?? {}) as [string, { example?: unknown }][]) {
        if (!('example' in media)) continue;
        const text = typeof media.example === 'string' && !/json/.test(mediaType) ? media.example : JSON.stringify(media.example);
        try {
          // On a range (4XX) the example is a problem, which names its own status.
          const code = /^\d{3}$/.test(status) ? Number(status) : Number((media.example as { status?: number }).status);
          contract.check({ method, url: path, status: code, contentType: mediaType, body: text });
        } catch (error) {
          unfit.push(String(error));
        }
      }
    }
  }
  expect(unfit).toEqual([]);
});

test('every link leads to an operation of the document, by its parameters, from a field the recorded answer holds', () => {
  const document = server.document;
  const operationIds = new Map(operations().map(({ key, operation }) => [operation.operationId, key]));
  const broken: string[] = [];
  for (const link of FLOW_LINKS) {
    const [method, path] = link.from.split(' ');
    const answer = document.paths[path]?.[method.toLowerCase()]?.responses[String(link.status)] as { links?: Record<string, any> } | undefined;
    const shown = answer?.links?.[link.name];
    if (!shown) {
      broken.push(`${link.from} ${link.status} does not carry ${link.name}`);
      continue;
    }
    const target = operationIds.get(shown.operationId);
    if (target !== link.to) broken.push(`${link.name} leads to ${target}, not ${link.to}`);
    const [toMethod, toPath] = link.to.split(' ');
    const parameters = (document.paths[toPath]?.[toMethod.toLowerCase()]?.parameters ?? []).map((p) => p.name);
    const example = recorded[link.from]?.response.value;
    for (const [name, expression] of Object.entries(link.parameters)) {
      if (!parameters.includes(name)) broken.push(`${link.name}: ${link.to} has no parameter ${name}`);
      const pointer = /^\$response\.body#(\/.*)$/.exec(expression)?.[1];
      const fromPath = /^\$request\.path\.(\w+)$/.exec(expression)?.[1];
      if (pointer) {
        const found = pointer
          .split('/')
          .slice(1)
          .reduce<any>((at, part) => (at === undefined || at === null ? undefined : at[part]), example);
        if (typeof found !== 'string') broken.push(`${link.name}: ${expression} holds no value in the recorded answer of ${link.from}`);
      } else if (fromPath) {
        if (!path.includes(`{${fromPath}}`)) broken.push(`${link.name}: ${link.from} has no path parameter ${fromPath}`);
      } else broken.push(`${link.name}: ${expression} is neither a response field nor a path parameter`);
    }
  }
  expect(broken).toEqual([]);
  expect(FLOW_LINKS.length).toBeGreaterThanOrEqual(8);
});
