import { applyServerLicenseEvent, newServerLicense, requireDrawable } from '../../../models/ecostruxure/apply';
import { findFeature, LICENSE_FEATURES } from '../../../models/ecostruxure/catalog';
import type { ServerLicenseEvent } from '../../../models/ecostruxure/license.rules';
import { featureOnServer, seatUsage, type ServerLicenseRecord } from '../../../models/ecostruxure/seats';
import { activeOnServer, waitingForActivation } from '../../../models/ecostruxure/selection';
import { inTransaction, type CoreContext } from '../../kernel/context';
import { badInput, conflict, notFound, Problem, refusalsAsProblems, ruleBroken } from '../../kernel/problems';
import { requireArray, requireInt, requireObject, requireString, requireUuid } from '../../kernel/validate';
import { licenseFile, readLicenseFile, type LicenseFileLine } from './license-files';
import { requireServer } from './servers';
import { ecoStruxureStore, type BmsServer, type EcoStruxureStore, type RequestKind } from './store';
import { licenseView } from './views';

/** Sends one event to a license and stores the outcome; a refusal becomes the answer's problem. */
export function move(store: EcoStruxureStore, license: ServerLicenseRecord, event: ServerLicenseEvent): ServerLicenseRecord {
  const next = refusalsAsProblems(() => applyServerLicenseEvent(license, event));
  store.saveLicense(next, event.type, license.state);
  return next;
}

export const fileLine = (l: ServerLicenseRecord): LicenseFileLine => ({
  licenseId: l.context.licenseId,
  activationId: l.context.activationId,
  feature: l.context.featureCode,
  quantity: l.context.quantity,
});

/** Assign Licenses: seats of one feature of a license product go to one server. */
export function assignLicense(ctx: CoreContext, serverId: string, body: unknown) {
  const input = requireObject(body, 'body');
  const activationId = requireString(input.activationId, 'activationId', 24).toUpperCase();
  const feature = findFeature(requireString(input.feature, 'feature', 60));
  if (!feature) throw badInput('feature', `unknown license feature; known: ${LICENSE_FEATURES.map((f) => f.name).join(', ')}`);
  const quantity = input.quantity === undefined ? 1 : requireInt(input.quantity, 'quantity', 1, 100_000);
  return inTransaction(ctx, () => {
    const store = ecoStruxureStore(ctx.db);
    const server = requireServer(store, serverId);
    const entitlement = store.entitlementOfProduct(activationId);
    if (!entitlement)
      throw new Problem(404, 'license-product-not-found', `No entitlement holds a license product with activation ID ${activationId}.`, 'activationId');
    refusalsAsProblems(() => requireDrawable(entitlement, activationId, feature.code));
    const drawn = store.licensesOfEntitlement(entitlement.context.entitlementId);
    const { free, awaitingReturnConfirmation } = seatUsage(entitlement.context, activationId, feature.code, drawn);
    const license = newServerLicense({
      licenseId: ctx.newId(),
      entitlementId: entitlement.context.entitlementId,
      activationId,
      featureCode: feature.code,
      quantity,
    });
    const assigned = move(store, license, {
      type: 'ASSIGN',
      server,
      seats: { free, awaitingReturnConfirmation },
      featureOnServer: featureOnServer(server.serverId, feature.code, store.licensesOfServer(server.serverId)),
      at: ctx.clock.now(),
    });
    return licenseView(store, assigned);
  });
}

function readIds(value: unknown, field: string): string[] | undefined {
  if (value === undefined) return undefined;
  const ids = requireArray(value, field, 1, 500).map((v, i) => requireUuid(v, `${field}[${i}]`));
  if (new Set(ids).size !== ids.length) throw badInput(field, 'must not name the same one twice');
  return ids;
}

/**
 * Activate online, on every server or on the chosen ones, or just the chosen licenses. The
 * whole selection is activated or, when one license is refused, none of it.
 */
export function activateOnline(ctx: CoreContext, body: unknown) {
  const input = requireObject(body === undefined ? {} : body, 'body');
  const serverIds = readIds(input.servers, 'servers');
  const licenseIds = readIds(input.licenseIds, 'licenseIds');
  return inTransaction(ctx, () => {
    const store = ecoStruxureStore(ctx.db);
    const servers = new Map<string, BmsServer>();
    for (const id of serverIds ?? []) servers.set(id, requireServer(store, id));
    const chosen = licenseIds
      ? licenseIds.map((id, i) => {
          const license = store.license(id);
          if (!license) throw notFound('license', id);
          if (serverIds && !serverIds.includes(license.context.serverId ?? '')) {
            throw ruleBroken('license-not-on-chosen-servers', `License ${id} is not assigned to any of the chosen servers.`, `licenseIds[${i}]`);
          }
          return license;
        })
      : waitingForActivation(store.allLicenses(), serverIds);
    if (chosen.length === 0) {
      throw conflict(
        'nothing-to-activate',
        `No assigned license waits for activation on ${serverIds ? 'the chosen servers' : 'any server'}; assign licenses first.`,
      );
    }
    const at = ctx.clock.now();
    const activated = chosen.map((license) => {
      const serverId = license.context.serverId;
      const server = serverId ? (servers.get(serverId) ?? store.server(serverId)) : undefined;
      if (!server) throw conflict('license-not-assigned', `License ${license.context.licenseId} is not assigned to a server; assign it before activating it.`);
      return move(store, license, { type: 'ACTIVATE_ONLINE', server, at });
    });
    return { activated: activated.map((l) => licenseView(store, l)) };
  });
}

/** Deactivating one license is never possible; the model says why and what to do instead. */
export function deactivateLicense(ctx: CoreContext, serverId: string, licenseId: string): never {
  const store = ecoStruxureStore(ctx.db);
  const server = requireServer(store, serverId);
  const license = store.license(requireUuid(licenseId, 'licenseId'));
  if (!license || license.context.serverId !== server.serverId) throw notFound('license', `${licenseId} on server ${server.name}`);
  refusalsAsProblems(() => applyServerLicenseEvent(license, { type: 'DEACTIVATE', at: ctx.clock.now() }));
  throw new Error('the license machine accepted DEACTIVATE, which no state may accept');
}

/** Return Licenses, online: every license active on the server goes back to its entitlement. */
export function returnOnline(ctx: CoreContext, serverId: string) {
  return inTransaction(ctx, () => {
    const store = ecoStruxureStore(ctx.db);
    const server = requireServer(store, serverId);
    const active = activeOnServer(store.licensesOfServer(server.serverId), server.serverId);
    if (active.length === 0) throw conflict('no-licenses-to-return', `Server ${server.name} has no activated licenses to return.`);
    const at = ctx.clock.now();
    return { returned: active.map((l) => licenseView(store, move(store, l, { type: 'RETURN_ONLINE', server, at }))) };
  });
}

/**
 * The first step of the offline workflow: Device Administrator gathers what the server needs
 * (its assigned licenses, or for a return its active ones) into a request file.
 */
export function createRequestFile(ctx: CoreContext, serverId: string, kind: RequestKind) {
  return inTransaction(ctx, () => {
    const store = ecoStruxureStore(ctx.db);
    const server = requireServer(store, serverId);
    const held = store.licensesOfServer(server.serverId);
    const candidates = kind === 'activation' ? held.filter((l) => l.state === 'assigned') : activeOnServer(held, server.serverId);
    if (candidates.length === 0) {
      throw kind === 'activation'
        ? conflict('nothing-to-activate', `No assigned license waits for activation on server ${server.name}; assign licenses first.`)
        : conflict('no-licenses-to-return', `Server ${server.name} has no activated licenses to return.`);
    }
    const request = {
      requestId: ctx.newId(),
      kind,
      serverId: server.serverId,
      licenseIds: candidates.map((l) => l.context.licenseId),
      createdAt: ctx.clock.now(),
    };
    const type = kind === 'activation' ? 'REQUEST_ACTIVATION' : 'REQUEST_RETURN';
    const moved = candidates.map((l) => move(store, l, { type, server, requestId: request.requestId, at: request.createdAt }));
    store.insertRequest(request);
    return licenseFile('request', request, server, moved.map(fileLine), request.createdAt);
  });
}

/** The last step of the offline workflow: Device Administrator sends the response file to the server. */
export function loadResponseFile(ctx: CoreContext, serverId: string, kind: RequestKind, body: unknown) {
  const content = readLicenseFile(requireObject(body, 'body').file, 'file', 'response', kind);
  return inTransaction(ctx, () => {
    const store = ecoStruxureStore(ctx.db);
    const server = requireServer(store, serverId);
    const request = store.request(content.requestId);
    if (!request || request.kind !== kind)
      throw new Problem(404, 'license-request-not-found', `Device Administrator wrote no ${kind} request ${content.requestId}.`, 'file.content');
    if (request.serverId !== server.serverId) {
      const owner = store.server(request.serverId)?.name ?? request.serverId;
      throw ruleBroken(
        'response-for-another-server',
        `This response file answers a request of server ${owner}, not of server ${server.name}; send it to ${owner}.`,
        'file',
      );
    }
    const listed = content.licenses
      .map((l) => l.licenseId)
      .sort()
      .join(',');
    if (listed !== [...request.licenseIds].sort().join(',')) {
      throw ruleBroken(
        'response-file-altered',
        'The licenses in this response file differ from those of its request; use the file the License Activation Server gave.',
        'file.content',
      );
    }
    const at = ctx.clock.now();
    const type = kind === 'activation' ? 'LOAD_ACTIVATION_RESPONSE' : 'LOAD_RETURN_RESPONSE';
    const moved = request.licenseIds.map((id) => move(store, store.license(id)!, { type, server, requestId: request.requestId, at }));
    store.markRequest(request.requestId, 'loaded_at', at);
    return { requestId: request.requestId, licenses: moved.map((l) => licenseView(store, l)) };
  });
}
