import { createHash, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenApiOperation } from '../gateway/openapi';
import type { CryptoPort } from '../kernel/ports';
import { nodeCrypto } from '../runtime/node-crypto';

/**
 * A request for every operation of the API document that gets past its first check: the body it
 * needs and the records it needs made first, on an emulator started from the real-target seed
 * (`features/fixtures/real-seed.json`). The in-process parity test compares the answers of two
 * emulators with them; the examples test records one exchange per operation for the document.
 */

export const SEED = JSON.parse(readFileSync(join(__dirname, '..', '..', 'features', 'fixtures', 'real-seed.json'), 'utf8')) as unknown;

// The seed's records the requests name.
export const CUSTOMER_ID = '2133c667-af41-4518-94df-a2bb3b775330';
export const CAPACITY_LICENSE = '348c8800-440c-446e-bbce-dbda67f56e90';
export const MAINTENANCE_LICENSE = 'eb3a41a4-0a38-4698-940b-2014a99643b9';
export const INVENTORY_LICENSE = 'a240767c-437d-4ada-a473-a444c7001f58';
export const ONLINE_SERVER = '17q5t6a';
export const OFFLINE_SERVER = '17qanut';

/**
 * node:crypto, but with randomness drawn from a hash chain of `seed` and one signing key given;
 * `restart` begins a new chain, so what follows does not depend on what was drawn before.
 */
export function repeatableCrypto(seed: string, signingKeyPem: string): CryptoPort & { restart(seed: string): void } {
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
  const restart = (next: string) => {
    seed = next;
    counter = 0;
  };
  return { ...nodeCrypto, randomBytes, randomUuid, newSigningKeyPem: () => signingKeyPem, restart };
}

/** An Ed25519 signing key made from a phrase: the same phrase gives the same key, so signed files come out alike. */
export function signingKeyFrom(phrase: string): string {
  const seed = createHash('sha256').update(phrase).digest();
  // PKCS#8 for Ed25519 is a fixed 16-byte prefix and the 32-byte seed.
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ type: 'pkcs8', format: 'pem' }).toString();
}

export type Identity = 'partner' | 'customer' | 'owner' | 'offlineOwner' | 'cloud' | 'ecostruxure';

export interface Call {
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

export type Arrange = (call: Call) => Promise<any>;

export const FLEET = { name: 'parity', seed: 7, password: 'Parity-Fleet-2026!', smartServers: [{ group: 'lab', count: 3, devices: { lon: 2, bacnet: 1 } }] };
export const ENTITLEMENT = {
  soldTo: 'Campus North',
  email: 'engineer@campus.example',
  products: [{ name: 'EBO SmartDriver pack', features: [{ feature: 'SmartDriver', seats: 3 }] }],
};
export const CLOUD_SERVER = { installCode: ONLINE_SERVER, edition: 'standard', online: true, licenses: [], maintenanceRule: 'exact' };

/** Device Administrator holding an entitlement, with seats assigned to one server (online unless told). */
export async function ecostruxureWorld(arrange: Arrange, internet = true) {
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
export async function offlineActivation(arrange: Arrange) {
  const world = await ecostruxureWorld(arrange, false);
  const request = await arrange({ method: 'POST', url: `/ecostruxure/api/servers/${world.serverId}/activation-request` });
  const response = await arrange({ method: 'POST', url: '/ecostruxure/las/api/responses', body: { file: request } });
  return { ...world, request, response };
}

/** A server whose licenses were activated online and whose return request was answered. */
export async function answeredReturn(arrange: Arrange) {
  const world = await ecostruxureWorld(arrange);
  await arrange({ method: 'POST', url: '/ecostruxure/api/activations', body: { servers: [world.serverId] } });
  const request = await arrange({ method: 'POST', url: `/ecostruxure/api/servers/${world.serverId}/return-request` });
  const response = await arrange({ method: 'POST', url: '/ecostruxure/las/api/responses', body: { file: request } });
  return { ...world, request, response };
}

/** The seed's customer saved on the online SmartServer, its capacity license downloaded there. */
export async function licensedServer(arrange: Arrange) {
  await arrange({ method: 'PUT', url: `/smartservers/${ONLINE_SERVER}/iap/lic/accounts`, as: 'owner', body: { customerId: CUSTOMER_ID } });
  await arrange({ method: 'POST', url: `/smartservers/${ONLINE_SERVER}/iap/lic/cloud/download`, as: 'owner', body: { licenseIds: [CAPACITY_LICENSE] } });
}

export const offlineFile = async (arrange: Arrange): Promise<string> =>
  (
    await arrange({
      method: 'POST',
      url: `/customer/api/licenses/${CAPACITY_LICENSE}/offline-activation-files`,
      as: 'customer',
      body: { installCode: OFFLINE_SERVER },
    })
  ).text;

export const cms = (path: string) => `/smartservers/${ONLINE_SERVER}${path}`;

/**
 * The request each operation is compared with, where the one made from the document alone would
 * not get past the first check: a body that fits, the records it needs made first.
 */
export const PLANS: Record<string, (arrange: Arrange) => Promise<Call>> = {
  'GET /docs/assets/{file}': async () => ({ method: 'GET', url: '/docs/assets/docs.js' }),
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
    body: { fleet: FLEET, installCodes: ['p4r1ty1', 'p4r1ty2', 'p4r1ty3'], customerIds: [null] },
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
  'DELETE /customer/api/licenses/{licenseId}/offline-activation-files': async (arrange) => {
    await offlineFile(arrange);
    return { method: 'DELETE', url: `/customer/api/licenses/${CAPACITY_LICENSE}/offline-activation-files`, as: 'customer' };
  },
  'POST /ecostruxure/api/session': async (arrange) => ({
    method: 'POST',
    url: '/ecostruxure/api/session',
    body: await arrange({ method: 'GET', url: '/_emulator/ecostruxure/login' }),
  }),
  'DELETE /ecostruxure/api/session': async () => ({ method: 'DELETE', url: '/ecostruxure/api/session', as: 'ecostruxure' }),
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
  'POST /smartservers/{installCode}/iap/devs/{id}/do': async (arrange) => {
    await licensedServer(arrange);
    return { method: 'POST', url: cms('/iap/devs/1/do'), as: 'owner', body: { action: 'provision' } };
  },
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
  'POST /smartservers/{installCode}/iap/auth/logout': async (arrange) => {
    // A session of its own, so the one the other operations use stays open.
    const { token } = await arrange({ method: 'POST', url: cms('/login'), body: { username: 'admin', password: 'Admin-Seed-2026!' } });
    return { method: 'POST', url: cms('/iap/auth/logout'), authorization: `Bearer ${token}` };
  },
  'GET /smartservers/{installCode}/user/login.html': async () => ({ method: 'GET', url: cms('/user/login.html?next=%2Fsmartservers%2Fx') }),
  'POST /smartservers/{installCode}/user/login': async () => ({
    method: 'POST',
    url: cms('/user/login'),
    body: { username: 'owner', password: 'Owner-Seed-2026!' },
  }),
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
  'POST /smartservers/{installCode}/software': async () => ({ method: 'POST', url: cms('/software'), as: 'owner', body: { version: '4.0 Update 1' } }),
};

/** Path parameters of the operations left to the document: a record of the seed each. */
export const PATH_VALUES: Record<string, string> = {
  licenseId: CAPACITY_LICENSE,
  installCode: ONLINE_SERVER,
  customerId: CUSTOMER_ID,
  file: 'api.js',
  code: 'license-retired',
};

/** Who calls an operation left to the document: the identity its area and security ask for. */
export function callerOf(operation: OpenApiOperation): Identity | undefined {
  if (!operation.security?.length) return undefined;
  const tags = operation.tags ?? [];
  if (tags.includes('licensing cloud')) return 'cloud';
  if (tags.includes('partner portal')) return 'partner';
  if (tags.includes('customer portal')) return 'customer';
  return 'owner';
}

/** The request made from the document alone: the path's parameters from the seed, the caller its security asks for. */
export function fromDocument(method: string, path: string, operation: OpenApiOperation): Call {
  const url = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (!PATH_VALUES[name]) throw new Error(`${method} ${path}: give the parity test a value for {${name}} or a plan for the operation`);
    return PATH_VALUES[name];
  });
  return { method, url, as: callerOf(operation), body: operation.requestBody ? {} : undefined };
}
