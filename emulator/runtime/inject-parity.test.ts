import { createHash, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { OpenApiOperation } from '../gateway/openapi';
import type { CryptoPort } from '../kernel/ports';
import { startTestServer, type TestServer } from '../testing/http-test-kit';
import { type FetchLike, injectTransport } from './inject-transport';
import { nodeCrypto } from './node-crypto';

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

const SEED = JSON.parse(readFileSync(join(__dirname, '..', '..', 'features', 'fixtures', 'real-seed.json'), 'utf8')) as unknown;
/**
 * The transport only accepts requests to the origin it was made for; the application it reaches
 * here is a served one, which answers its loopback names only, so the origin is one of those.
 */
const IN_PROCESS_ORIGIN = 'http://localhost:9';

// The seed's records the requests name.
const CUSTOMER_ID = '2133c667-af41-4518-94df-a2bb3b775330';
const CAPACITY_LICENSE = '348c8800-440c-446e-bbce-dbda67f56e90';
const MAINTENANCE_LICENSE = 'eb3a41a4-0a38-4698-940b-2014a99643b9';
const INVENTORY_LICENSE = 'a240767c-437d-4ada-a473-a444c7001f58';
const ONLINE_SERVER = '17q5t6a';
const OFFLINE_SERVER = '17qanut';

/** node:crypto, but with randomness drawn from a hash chain of `seed` and one signing key given. */
function repeatableCrypto(seed: string, signingKeyPem: string): CryptoPort {
  let counter = 0;
  const randomBytes = (length: number) => {
    const out = new Uint8Array(length);
    for (let filled = 0; filled < length; filled += 32) {
      out.set(
        createHash('sha256')
          .update(`${seed}:${counter++}`)
          .digest()
          .subarray(0, length - filled),
        filled,
      );
    }
    return out;
  };
  const randomUuid = () => {
    const bytes = randomBytes(16);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Buffer.from(bytes).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
  return { ...nodeCrypto, randomBytes, randomUuid, newSigningKeyPem: () => signingKeyPem };
}

type Identity = 'partner' | 'customer' | 'owner' | 'offlineOwner' | 'cloud' | 'ecostruxure';

/** One emulator and how this test reaches it. */
interface Side {
  name: string;
  base: string;
  send: FetchLike;
  server: TestServer;
  credentials: Partial<Record<Identity, string>>;
}

interface Call {
  method: string;
  url: string;
  as?: Identity;
  body?: unknown;
  /** Sent as is, with `contentType`, for malformed requests. */
  rawBody?: string;
  contentType?: string;
  /** Replaces the identity's credentials (a tampered token). */
  authorization?: string;
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

type Arrange = (call: Call) => Promise<any>;

const FLEET = { name: 'parity', seed: 7, password: 'Parity-Fleet-2026!', smartServers: [{ group: 'lab', count: 3, devices: { lon: 2, bacnet: 1 } }] };
const ENTITLEMENT = {
  soldTo: 'Campus North',
  email: 'engineer@campus.example',
  products: [{ name: 'EBO SmartDriver pack', features: [{ feature: 'SmartDriver', seats: 3 }] }],
};
const CLOUD_SERVER = { installCode: ONLINE_SERVER, edition: 'standard', online: true, licenses: [], maintenanceRule: 'exact' };

/** Device Administrator holding an entitlement, with seats assigned to one server (online unless told). */
async function ecostruxureWorld(arrange: Arrange, internet = true) {
  const server = await arrange({ method: 'POST', url: '/_emulator/ecostruxure/servers', body: { name: 'AS-P 1', product: 'AS-P', internet } });
  const issued = await arrange({ method: 'POST', url: '/_emulator/ecostruxure/entitlements', body: ENTITLEMENT });
  const added = await arrange({ method: 'POST', url: '/ecostruxure/api/entitlements', body: { entitlementId: issued.entitlementId } });
  const license = await arrange({
    method: 'POST',
    url: `/ecostruxure/api/servers/${server.serverId}/assignments`,
    body: { activationId: added.products[0].activationId, feature: 'SmartDriver', quantity: 2 },
  });
  return { serverId: server.serverId as string, entitlementId: issued.entitlementId as string, licenseId: license.licenseId as string };
}

/** The server's activation answered by the License Activation Server: its request file and the response file. */
async function offlineActivation(arrange: Arrange) {
  const world = await ecostruxureWorld(arrange, false);
  const request = await arrange({ method: 'POST', url: `/ecostruxure/api/servers/${world.serverId}/activation-request` });
  const response = await arrange({ method: 'POST', url: '/ecostruxure/las/api/responses', body: { file: request } });
  return { ...world, request, response };
}

/** A server whose licenses were activated online and whose return request was answered. */
async function answeredReturn(arrange: Arrange) {
  const world = await ecostruxureWorld(arrange);
  await arrange({ method: 'POST', url: '/ecostruxure/api/activations', body: { servers: [world.serverId] } });
  const request = await arrange({ method: 'POST', url: `/ecostruxure/api/servers/${world.serverId}/return-request` });
  const response = await arrange({ method: 'POST', url: '/ecostruxure/las/api/responses', body: { file: request } });
  return { ...world, request, response };
}

/** The seed's customer saved on the online SmartServer, its capacity license downloaded there. */
async function licensedServer(arrange: Arrange) {
  await arrange({ method: 'PUT', url: `/smartservers/${ONLINE_SERVER}/iap/lic/accounts`, as: 'owner', body: { customerId: CUSTOMER_ID } });
  await arrange({ method: 'POST', url: `/smartservers/${ONLINE_SERVER}/iap/lic/cloud/download`, as: 'owner', body: { licenseIds: [CAPACITY_LICENSE] } });
}

const offlineFile = async (arrange: Arrange): Promise<string> =>
  (
    await arrange({
      method: 'POST',
      url: `/customer/api/licenses/${CAPACITY_LICENSE}/offline-activation-files`,
      as: 'customer',
      body: { installCode: OFFLINE_SERVER },
    })
  ).text;

const cms = (path: string) => `/smartservers/${ONLINE_SERVER}${path}`;

/**
 * The request each operation is compared with, where the one made from the document alone would
 * not get past the first check: a body that fits, the records it needs made first.
 */
const PLANS: Record<string, (arrange: Arrange) => Promise<Call>> = {
  'PUT /_emulator/clock': async () => ({ method: 'PUT', url: '/_emulator/clock', body: { now: '2026-03-01' } }),
  'POST /_emulator/clock/advance': async () => ({ method: 'POST', url: '/_emulator/clock/advance', body: { days: 30 } }),
  'GET /_emulator/customer-ids': async () => ({ method: 'GET', url: '/_emulator/customer-ids?name=P-Building%201' }),
  'POST /_emulator/ecostruxure/entitlements': async () => ({ method: 'POST', url: '/_emulator/ecostruxure/entitlements', body: ENTITLEMENT }),
  'POST /_emulator/ecostruxure/servers': async () => ({
    method: 'POST',
    url: '/_emulator/ecostruxure/servers',
    body: { name: 'AS-P 1', product: 'AS-P', https: true },
  }),
  'PATCH /_emulator/ecostruxure/servers/{serverId}': async (arrange) => {
    const { serverId } = await ecostruxureWorld(arrange);
    return { method: 'PATCH', url: `/_emulator/ecostruxure/servers/${serverId}`, body: { internet: false, https: true } };
  },
  'PUT /_emulator/faults': async () => ({ method: 'PUT', url: '/_emulator/faults', body: { cloud: { delayMs: 0, failWith: 503 } } }),
  'POST /_emulator/fleets': async () => ({ method: 'POST', url: '/_emulator/fleets', body: FLEET }),
  'GET /_emulator/fleets': async (arrange) => {
    await arrange({ method: 'POST', url: '/_emulator/fleets', body: FLEET });
    return { method: 'GET', url: '/_emulator/fleets' };
  },
  'GET /_emulator/fleets/{name}': async (arrange) => {
    await arrange({ method: 'POST', url: '/_emulator/fleets', body: FLEET });
    return { method: 'GET', url: '/_emulator/fleets/parity' };
  },
  'DELETE /_emulator/fleets/{name}': async (arrange) => {
    await arrange({ method: 'POST', url: '/_emulator/fleets', body: FLEET });
    return { method: 'DELETE', url: '/_emulator/fleets/parity' };
  },
  'GET /_emulator/fleets/{name}/smartservers': async (arrange) => {
    await arrange({ method: 'POST', url: '/_emulator/fleets', body: FLEET });
    return { method: 'GET', url: '/_emulator/fleets/parity/smartservers' };
  },
  'POST /_emulator/fleets/{name}/share': async () => ({
    method: 'POST',
    url: '/_emulator/fleets/parity/share',
    body: { fleet: FLEET, installCodes: ['p4r1ty1'], customerIds: [null] },
  }),
  'POST /_emulator/snapshots': async () => ({ method: 'POST', url: '/_emulator/snapshots', body: { name: 'parity' } }),
  'GET /_emulator/snapshots': async (arrange) => {
    await arrange({ method: 'POST', url: '/_emulator/snapshots', body: { name: 'parity' } });
    return { method: 'GET', url: '/_emulator/snapshots' };
  },
  'PUT /_emulator/snapshots/{name}': async (arrange) => {
    await arrange({ method: 'POST', url: '/_emulator/snapshots', body: { name: 'parity' } });
    await arrange({ method: 'POST', url: '/_emulator/clock/advance', body: { days: 30 } });
    return { method: 'PUT', url: '/_emulator/snapshots/parity' };
  },
  'GET /_emulator/snapshots/{name}': async (arrange) => {
    await arrange({ method: 'POST', url: '/_emulator/snapshots', body: { name: 'parity' } });
    return { method: 'GET', url: '/_emulator/snapshots/parity' };
  },
  'DELETE /_emulator/snapshots/{name}': async (arrange) => {
    await arrange({ method: 'POST', url: '/_emulator/snapshots', body: { name: 'parity' } });
    return { method: 'DELETE', url: '/_emulator/snapshots/parity' };
  },
  'POST /_emulator/smartservers': async () => ({
    method: 'POST',
    url: '/_emulator/smartservers',
    body: { name: 'Parity hall', devices: { lon: 3, modbus: 1 }, users: [{ username: 'owner', userType: 'Owner' }] },
  }),
  'PUT /_emulator/smartservers/{installCode}/connection': async () => ({
    method: 'PUT',
    url: `/_emulator/smartservers/${ONLINE_SERVER}/connection`,
    body: { online: false },
  }),
  'PUT /_emulator/smartservers/{installCode}/provisioning': async () => ({
    method: 'PUT',
    url: `/_emulator/smartservers/${ONLINE_SERVER}/provisioning`,
    body: { waitForReport: true },
  }),
  'POST /backoffice/api/maintenance-files': async () => ({
    method: 'POST',
    url: '/backoffice/api/maintenance-files',
    body: { licenseId: MAINTENANCE_LICENSE, installCode: ONLINE_SERVER },
  }),
  'POST /backoffice/api/orders': async () => ({
    method: 'POST',
    url: '/backoffice/api/orders',
    body: { poNumber: 'PO-PARITY-1', partner: { email: 'parity@partner.example', name: 'Parity Partners' }, lines: [{ model: '72220-50', quantity: 2 }] },
  }),
  'POST /cloud/api/activations': async () => ({
    method: 'POST',
    url: '/cloud/api/activations',
    as: 'cloud',
    body: { customerId: CUSTOMER_ID, server: CLOUD_SERVER, licenseIds: [CAPACITY_LICENSE] },
  }),
  'POST /cloud/api/offline-files/activations': async (arrange) => ({
    method: 'POST',
    url: '/cloud/api/offline-files/activations',
    as: 'cloud',
    body: { file: await offlineFile(arrange), server: { ...CLOUD_SERVER, installCode: OFFLINE_SERVER, online: false } },
  }),
  'POST /cloud/api/offline-files/checks': async (arrange) => ({
    method: 'POST',
    url: '/cloud/api/offline-files/checks',
    as: 'cloud',
    body: { file: await offlineFile(arrange) },
  }),
  'POST /cloud/api/returns': async (arrange) => {
    await licensedServer(arrange);
    return { method: 'POST', url: '/cloud/api/returns', as: 'cloud', body: { installCode: ONLINE_SERVER, licenseIds: [CAPACITY_LICENSE] } };
  },
  'POST /customer/api/licenses/{licenseId}/offline-activation-files': async () => ({
    method: 'POST',
    url: `/customer/api/licenses/${CAPACITY_LICENSE}/offline-activation-files`,
    as: 'customer',
    body: { installCode: OFFLINE_SERVER },
  }),
  'POST /customer/api/session': async () => ({ method: 'POST', url: '/customer/api/session', body: { eid: CAPACITY_LICENSE } }),
  'POST /ecostruxure/api/activations': async (arrange) => {
    const { serverId } = await ecostruxureWorld(arrange);
    return { method: 'POST', url: '/ecostruxure/api/activations', body: { servers: [serverId] } };
  },
  'GET /ecostruxure/api/entitlements': async (arrange) => {
    await ecostruxureWorld(arrange);
    return { method: 'GET', url: '/ecostruxure/api/entitlements' };
  },
  'POST /ecostruxure/api/entitlements': async (arrange) => {
    const issued = await arrange({ method: 'POST', url: '/_emulator/ecostruxure/entitlements', body: ENTITLEMENT });
    return { method: 'POST', url: '/ecostruxure/api/entitlements', body: { entitlementId: issued.entitlementId } };
  },
  'GET /ecostruxure/api/servers': async (arrange) => {
    await ecostruxureWorld(arrange);
    return { method: 'GET', url: '/ecostruxure/api/servers' };
  },
  'GET /ecostruxure/api/servers/{serverId}': async (arrange) => {
    const { serverId } = await ecostruxureWorld(arrange);
    return { method: 'GET', url: `/ecostruxure/api/servers/${serverId}` };
  },
  'POST /ecostruxure/api/servers/{serverId}/activation-request': async (arrange) => {
    const { serverId } = await ecostruxureWorld(arrange, false);
    return { method: 'POST', url: `/ecostruxure/api/servers/${serverId}/activation-request` };
  },
  'POST /ecostruxure/api/servers/{serverId}/activation-response': async (arrange) => {
    const { serverId, response } = await offlineActivation(arrange);
    return { method: 'POST', url: `/ecostruxure/api/servers/${serverId}/activation-response`, body: { file: response } };
  },
  'POST /ecostruxure/api/servers/{serverId}/assignments': async (arrange) => {
    await arrange({ method: 'POST', url: '/_emulator/ecostruxure/servers', body: { name: 'AS-P 2', product: 'AS-P' } });
    const { serverId, entitlementId } = await ecostruxureWorld(arrange);
    const [entitlement] = (await arrange({ method: 'GET', url: '/ecostruxure/api/entitlements' })).filter(
      (e: { entitlementId: string }) => e.entitlementId === entitlementId,
    );
    return {
      method: 'POST',
      url: `/ecostruxure/api/servers/${serverId}/assignments`,
      body: { activationId: entitlement.products[0].activationId, feature: 'SmartDriver', quantity: 1 },
    };
  },
  'POST /ecostruxure/api/servers/{serverId}/licenses/{licenseId}/deactivation': async (arrange) => {
    const { serverId, licenseId } = await ecostruxureWorld(arrange);
    await arrange({ method: 'POST', url: '/ecostruxure/api/activations', body: { servers: [serverId] } });
    return { method: 'POST', url: `/ecostruxure/api/servers/${serverId}/licenses/${licenseId}/deactivation` };
  },
  'POST /ecostruxure/api/servers/{serverId}/return': async (arrange) => {
    const { serverId } = await ecostruxureWorld(arrange);
    await arrange({ method: 'POST', url: '/ecostruxure/api/activations', body: { servers: [serverId] } });
    return { method: 'POST', url: `/ecostruxure/api/servers/${serverId}/return` };
  },
  'POST /ecostruxure/api/servers/{serverId}/return-request': async (arrange) => {
    const { serverId } = await ecostruxureWorld(arrange);
    await arrange({ method: 'POST', url: '/ecostruxure/api/activations', body: { servers: [serverId] } });
    return { method: 'POST', url: `/ecostruxure/api/servers/${serverId}/return-request` };
  },
  'POST /ecostruxure/api/servers/{serverId}/return-response': async (arrange) => {
    const { serverId, response } = await answeredReturn(arrange);
    return { method: 'POST', url: `/ecostruxure/api/servers/${serverId}/return-response`, body: { file: response } };
  },
  'GET /ecostruxure/las/api/entitlements/{entitlementId}': async (arrange) => {
    const { entitlementId } = await ecostruxureWorld(arrange);
    return { method: 'GET', url: `/ecostruxure/las/api/entitlements/${entitlementId}` };
  },
  'POST /ecostruxure/las/api/responses': async (arrange) => {
    const { serverId } = await ecostruxureWorld(arrange, false);
    const request = await arrange({ method: 'POST', url: `/ecostruxure/api/servers/${serverId}/activation-request` });
    return { method: 'POST', url: '/ecostruxure/las/api/responses', body: { file: request } };
  },
  'POST /ecostruxure/las/api/returns/{requestId}/confirmation': async (arrange) => {
    const { serverId, request, response } = await answeredReturn(arrange);
    await arrange({ method: 'POST', url: `/ecostruxure/api/servers/${serverId}/return-response`, body: { file: response } });
    return { method: 'POST', url: `/ecostruxure/las/api/returns/${request.requestId}/confirmation` };
  },
  'GET /partner/api/customers': async () => ({ method: 'GET', url: '/partner/api/customers?name=P-Building', as: 'partner' }),
  'POST /partner/api/licenses/{licenseId}/transfers': async () => ({
    method: 'POST',
    url: `/partner/api/licenses/${INVENTORY_LICENSE}/transfers`,
    as: 'partner',
    body: { customerName: 'P-Building 1', transferTo: 'Customer' },
  }),
  'GET /partner/api/search': async () => ({ method: 'GET', url: '/partner/api/search?customerName=P-Building%201&onlyAvailable=true', as: 'partner' }),
  'POST /partner/api/session': async () => ({
    method: 'POST',
    url: '/partner/api/session',
    body: { email: 'licensing@northwind-controls.example', password: 'Northwind-Seed-2026!' },
  }),
  'GET /smartservers/{installCode}/cms/api/devices': async () => ({ method: 'GET', url: cms('/cms/api/devices?sts=UNPROVISIONED'), as: 'owner' }),
  'PUT /smartservers/{installCode}/features/{feature}': async () => ({
    method: 'PUT',
    url: cms('/features/lon-routing'),
    as: 'owner',
    body: { enabled: true },
  }),
  'POST /smartservers/{installCode}/iap/devs': async () => ({
    method: 'POST',
    url: cms('/iap/devs'),
    as: 'owner',
    body: { name: 'Parity AHU', protocol: 'bacnet' },
  }),
  'POST /smartservers/{installCode}/iap/devs/{id}/do': async () => ({ method: 'POST', url: cms('/iap/devs/1/do'), as: 'owner', body: { action: 'provision' } }),
  // IAP/REST datapoints, on a SmartServer whose first devices are licensed.
  'GET /smartservers/{installCode}/iap/devs/{id}/if/{block}/{index}/{datapoint}/value': async (arrange) => {
    await licensedServer(arrange);
    return { method: 'GET', url: cms('/iap/devs/*/if/*/*/*/value?pg=1&sz=3'), as: 'owner' };
  },
  'PUT /smartservers/{installCode}/iap/devs/{id}/if/{block}/{index}/{datapoint}/value': async (arrange) => {
    await licensedServer(arrange);
    return { method: 'PUT', url: cms('/iap/devs/LON-1/if/thermostat/0/nviSetpoint/value?prio=8'), as: 'owner', body: 22.5 };
  },
  'POST /smartservers/{installCode}/iap/devs/{id}/if/{block}/{index}/{datapoint}/tags': async () => ({
    method: 'POST',
    url: cms('/iap/devs/*/if/tempSensor/0/nvoTemp/tags'),
    as: 'owner',
    body: ['temperatures'],
  }),
  'DELETE /smartservers/{installCode}/iap/devs/{id}/if/{block}/{index}/{datapoint}/tags/{tag}': async (arrange) => {
    await arrange({ method: 'POST', url: cms('/iap/devs/LON-1/if/tempSensor/0/nvoTemp/tags'), as: 'owner', body: ['lobby'] });
    return { method: 'DELETE', url: cms('/iap/devs/LON-1/if/tempSensor/0/nvoTemp/tags/lobby'), as: 'owner' };
  },
  'POST /smartservers/{installCode}/iap/devs/{id}/tags': async () => ({
    method: 'POST',
    url: cms('/iap/devs/*+name==nvoTemp/tags'),
    as: 'owner',
    body: 'temperatures',
  }),
  'GET /smartservers/{installCode}/iap/devs/{id}/if': async () => ({ method: 'GET', url: cms('/iap/devs/LON-1/if'), as: 'owner' }),
  'POST /smartservers/{installCode}/iap/auth/logout': async () => ({ method: 'POST', url: cms('/iap/auth/logout'), authorization: 'Bearer not-a-token' }),
  'GET /smartservers/{installCode}/user/login.html': async () => ({ method: 'GET', url: cms('/user/login.html?next=%2Fsmartservers%2Fx') }),
  'POST /smartservers/{installCode}/user/login': async () => ({ method: 'POST', url: cms('/user/login'), body: { username: 'owner', password: 'wrong' } }),
  'PUT /smartservers/{installCode}/user/pages/{name}': async () => ({
    method: 'PUT',
    url: cms('/user/pages/dash.html'),
    as: 'owner',
    rawBody: '<h1>dash</h1>',
    contentType: 'text/html',
  }),
  'GET /smartservers/{installCode}/user/pages/{name}': async (arrange) => {
    await arrange({ method: 'PUT', url: cms('/user/pages/dash.json'), as: 'owner', rawBody: '{"a":1}', contentType: 'application/json' });
    return { method: 'GET', url: cms('/user/pages/dash.json'), as: 'owner' };
  },
  'GET /smartservers/{installCode}/iap/devs/count': async () => ({ method: 'GET', url: cms('/iap/devs/count?sts=PROVISIONED'), as: 'owner' }),
  'GET /smartservers/{installCode}/iap/lic': async (arrange) => {
    await licensedServer(arrange);
    return { method: 'GET', url: cms('/iap/lic'), as: 'owner' };
  },
  'PUT /smartservers/{installCode}/iap/lic/{licenseId}/note': async (arrange) => {
    await licensedServer(arrange);
    return { method: 'PUT', url: cms(`/iap/lic/${CAPACITY_LICENSE}/note`), as: 'owner', body: { note: 'plant room, left cabinet' } };
  },
  'PUT /smartservers/{installCode}/iap/lic/accounts': async () => ({
    method: 'PUT',
    url: cms('/iap/lic/accounts'),
    as: 'owner',
    body: { customerId: CUSTOMER_ID },
  }),
  'POST /smartservers/{installCode}/iap/lic/accounts/draft': async () => ({
    method: 'POST',
    url: cms('/iap/lic/accounts/draft'),
    as: 'owner',
    body: { customerId: CUSTOMER_ID },
  }),
  'DELETE /smartservers/{installCode}/iap/lic/accounts/draft': async (arrange) => {
    await arrange({ method: 'POST', url: cms('/iap/lic/accounts/draft'), as: 'owner', body: { customerId: CUSTOMER_ID } });
    return { method: 'DELETE', url: cms('/iap/lic/accounts/draft'), as: 'owner' };
  },
  'POST /smartservers/{installCode}/iap/lic/accounts/draft/save': async (arrange) => {
    await arrange({ method: 'POST', url: cms('/iap/lic/accounts/draft'), as: 'owner', body: { customerId: CUSTOMER_ID } });
    return { method: 'POST', url: cms('/iap/lic/accounts/draft/save'), as: 'owner' };
  },
  'GET /smartservers/{installCode}/iap/lic/cloud': async (arrange) => {
    await arrange({ method: 'PUT', url: cms('/iap/lic/accounts'), as: 'owner', body: { customerId: CUSTOMER_ID } });
    return { method: 'GET', url: cms('/iap/lic/cloud'), as: 'owner' };
  },
  'POST /smartservers/{installCode}/iap/lic/cloud/download': async (arrange) => {
    await arrange({ method: 'PUT', url: cms('/iap/lic/accounts'), as: 'owner', body: { customerId: CUSTOMER_ID } });
    return { method: 'POST', url: cms('/iap/lic/cloud/download'), as: 'owner', body: { licenseIds: [CAPACITY_LICENSE, MAINTENANCE_LICENSE] } };
  },
  'POST /smartservers/{installCode}/iap/lic/cloud/upload': async (arrange) => {
    await licensedServer(arrange);
    return { method: 'POST', url: cms('/iap/lic/cloud/upload'), as: 'owner' };
  },
  'POST /smartservers/{installCode}/iap/lic/files': async (arrange) => ({
    method: 'POST',
    url: `/smartservers/${OFFLINE_SERVER}/iap/lic/files`,
    as: 'offlineOwner',
    body: { file: await offlineFile(arrange) },
  }),
  'PUT /smartservers/{installCode}/iap/lic/notifications': async () => ({
    method: 'PUT',
    url: cms('/iap/lic/notifications'),
    as: 'owner',
    body: { emails: ['facilities@p-building-1.example'], daysBefore: [60, 30], renewalConfirmation: true },
  }),
  'GET /smartservers/{installCode}/iap/lic/notifications/due': async (arrange) => {
    await licensedServer(arrange);
    await arrange({ method: 'POST', url: '/_emulator/clock/advance', body: { days: 330 } });
    return { method: 'GET', url: cms('/iap/lic/notifications/due'), as: 'owner' };
  },
  'GET /smartservers/{installCode}/iap/lic/status': async (arrange) => {
    await licensedServer(arrange);
    return { method: 'GET', url: cms('/iap/lic/status'), as: 'owner' };
  },
  'POST /smartservers/{installCode}/login': async () => ({ method: 'POST', url: cms('/login'), body: { username: 'admin', password: 'Admin-Seed-2026!' } }),
  'POST /smartservers/{installCode}/software': async () => ({ method: 'POST', url: cms('/software'), as: 'owner', body: { version: '4.1' } }),
};

/** Path parameters of the operations left to the document: a record of the seed each. */
const PATH_VALUES: Record<string, string> = {
  licenseId: CAPACITY_LICENSE,
  installCode: ONLINE_SERVER,
  customerId: CUSTOMER_ID,
  file: 'api.js',
  code: 'license-retired',
};

/** Who calls an operation left to the document: the identity its area and security ask for. */
function callerOf(operation: OpenApiOperation): Identity | undefined {
  if (!operation.security?.length) return undefined;
  const tags = operation.tags ?? [];
  if (tags.includes('licensing cloud')) return 'cloud';
  if (tags.includes('partner portal')) return 'partner';
  if (tags.includes('customer portal')) return 'customer';
  return 'owner';
}

/** The request made from the document alone: the path's parameters from the seed, the caller its security asks for. */
function fromDocument(method: string, path: string, operation: OpenApiOperation): Call {
  const url = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (!PATH_VALUES[name]) throw new Error(`${method} ${path}: give the parity test a value for {${name}} or a plan for the operation`);
    return PATH_VALUES[name];
  });
  return { method, url, as: callerOf(operation), body: operation.requestBody ? {} : undefined };
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
