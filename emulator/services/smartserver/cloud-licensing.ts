import { applySmartServer } from '../../kernel/machines';
import { inTransaction, type CoreContext } from '../../kernel/context';
import type { LicensingCloudPort } from '../../kernel/ports';
import type { SmartServerLicensing } from '../../../models/smartserver';
import { badInput, conflict } from '../../kernel/problems';
import { firstPage, type PageRequest } from '../../kernel/paging';
import { requireArray, requireObject, requireUuid } from '../../kernel/validate';
import { type RowVersions, type SmartServerRecord, getSmartServer, rowVersions } from './records';
import { activatedLicenses, hold, keptTotals, licensingState, licensingSummary, requireLicenseManagement } from './licensing';

/** The SmartServer's side of the licensing cloud: download, activate and transfer back, over the cloud port. */

function savedCustomerId(server: SmartServerRecord): string {
  if (!server.customerId)
    throw conflict('no-customer-id', `SmartServer ${server.installCode} has no saved Customer ID; save one in Manage Customer Accounts first.`);
  return server.customerId;
}

/**
 * Reaching the cloud needs the Internet; the SmartServer machine refuses otherwise. What it holds
 * plays no part in that, so the machine is not handed the list to copy.
 */
function requireOnline(state: SmartServerLicensing): void {
  applySmartServer({ ...state, licenses: [] }, { type: 'ACTIVATE', via: 'cloud', licenses: [] });
}

/**
 * A SmartServer that went offline while its cloud call was under way: the call is given up inside
 * the cloud's transaction, so neither side changes.
 */
function requireStillOnline(ctx: CoreContext, installCode: string, what: string, versions?: RowVersions): SmartServerRecord {
  const server = getSmartServer(ctx, installCode, versions);
  if (!server.online) {
    throw conflict(
      'connection-lost',
      `SmartServer ${installCode} lost its Internet connection while ${what}. Nothing was changed: it keeps its licenses and devices as they were, and the cloud keeps its licenses. Reconnect and try again.`,
    );
  }
  return server;
}

/** Download Licenses from the Cloud: one page of what the saved Customer ID may download, as the CMS lists it. */
export async function cloudLicenses(ctx: CoreContext, cloud: LicensingCloudPort, installCode: string, request: PageRequest = firstPage()) {
  const server = getSmartServer(ctx, installCode);
  requireOnline(licensingState(ctx, server));
  const customerId = savedCustomerId(server);
  const page = await cloud.available(customerId, request);
  const licenses = page.items.map((l) => ({ segmentController: server.name, ...l }));
  // The real SmartServer also delivers this list as a WebSocket update: the page the client asked for.
  ctx.updates.publish({ type: 'UPD:LIC:CLOUD', installCode, licenses });
  return { ...page, items: licenses };
}

/** ACTIVATE: the selected licenses are activated through the cloud and held by the SmartServer. */
export async function activateFromCloud(ctx: CoreContext, cloud: LicensingCloudPort, installCode: string, body: unknown) {
  const input = requireObject(body, 'body');
  const licenseIds = requireArray(input.licenseIds, 'licenseIds', 1, 100).map((id, i) => requireUuid(id, `licenseIds[${i}]`));
  if (new Set(licenseIds).size !== licenseIds.length) throw badInput('licenseIds', 'must not name a license twice');
  // One read of the rows' versions checks the record and the licenses kept in memory.
  const versions = rowVersions(ctx, installCode);
  const server = getSmartServer(ctx, installCode, versions);
  requireLicenseManagement(server);
  const state = licensingState(ctx, server, versions);
  requireOnline(state);
  const customerId = savedCustomerId(server);
  // The SmartServer records what the cloud activated in the cloud's own transaction: both or neither.
  return cloud.activate({ customerId, server: state, licenseIds, totals: keptTotals(state.licenses) }, (held) =>
    inTransaction(ctx, () => {
      const now = rowVersions(ctx, installCode);
      const current = requireStillOnline(ctx, installCode, 'downloading licenses', now);
      const before = licensingState(ctx, current, now);
      const next = applySmartServer(before, { type: 'ACTIVATE', via: 'cloud', licenses: held });
      const stored = hold(ctx, installCode, next, before.licenses, current);
      // What this call did, not the whole table: Manage Licenses grows with every license held.
      return {
        activated: activatedLicenses(
          ctx,
          stored,
          held.map((l) => l.licenseId),
        ),
        licensing: licensingSummary(stored),
      };
    }),
  );
}

/** Transfer to Cloud: every capacity and maintenance license goes back; needs the Internet. */
export async function transferToCloud(ctx: CoreContext, cloud: LicensingCloudPort, installCode: string) {
  const server = getSmartServer(ctx, installCode);
  const state = licensingState(ctx, server);
  const next = applySmartServer(state, { type: 'RETURN_ALL', at: ctx.clock.now() });
  // The SmartServer machine decides what goes back (a Core license stays); the cloud takes back the rest.
  const kept = new Set(next.licenses.map((l) => l.licenseId));
  const returned = state.licenses.filter((l) => !kept.has(l.licenseId)).map((l) => l.licenseId);
  return cloud.giveBack({ installCode, licenseIds: returned }, () =>
    inTransaction(ctx, () => {
      const currentServer = requireStillOnline(ctx, installCode, 'returning its licenses');
      const current = licensingState(ctx, currentServer);
      // What it held may have changed while the cloud was asked (an offline file loaded meanwhile).
      if (current.licenses.map((l) => l.licenseId).join() !== state.licenses.map((l) => l.licenseId).join()) {
        throw conflict(
          'licenses-changed',
          `The licenses of SmartServer ${installCode} changed while they were being returned; nothing was returned. Try again.`,
        );
      }
      const stored = hold(ctx, installCode, next, current.licenses, currentServer);
      return { returned, licensing: licensingSummary(stored) };
    }),
  );
}
