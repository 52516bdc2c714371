import type { EntitlementRecord } from '../../../models/ecostruxure/apply';
import { findFeature } from '../../../models/ecostruxure/catalog';
import { seatUsage, type ServerLicenseRecord } from '../../../models/ecostruxure/seats';
import type { BmsServer, EcoStruxureStore } from './store';

/** A license as Device Administrator lists it. */
export interface LicenseView {
  licenseId: string;
  entitlementId: string;
  activationId: string;
  product: string;
  feature: string;
  featureName: string;
  quantity: number;
  status: string;
  server: { serverId: string; name: string } | null;
  activationMode: 'online' | 'offline' | null;
  activatedAt: string | null;
  requestId: string | null;
  returnedAt: string | null;
}

export function licenseView(store: EcoStruxureStore, license: ServerLicenseRecord): LicenseView {
  const c = license.context;
  const product = store.entitlement(c.entitlementId)?.context.products.find((p) => p.activationId === c.activationId);
  return {
    licenseId: c.licenseId,
    entitlementId: c.entitlementId,
    activationId: c.activationId,
    product: product?.name ?? c.activationId,
    feature: c.featureCode,
    featureName: findFeature(c.featureCode)?.name ?? c.featureCode,
    quantity: c.quantity,
    status: license.state,
    server: c.serverId ? { serverId: c.serverId, name: c.serverName ?? c.serverId } : null,
    activationMode: c.activationMode ?? null,
    activatedAt: c.activatedAt ?? null,
    requestId: c.requestId ?? null,
    returnedAt: c.returnedAt ?? null,
  };
}

export interface ServerView extends BmsServer {
  /** The server's licenses that are not returned: assigned, active or in an offline exchange. */
  licenses: LicenseView[];
}

export function serverView(store: EcoStruxureStore, server: BmsServer): ServerView {
  return {
    ...server,
    licenses: store
      .licensesOfServer(server.serverId)
      .filter((l) => l.state !== 'returned')
      .map((l) => licenseView(store, l)),
  };
}

/** An entitlement with the seats of every feature: how many it holds, use and has free. */
export function entitlementView(store: EcoStruxureStore, entitlement: EntitlementRecord) {
  const c = entitlement.context;
  const licenses = store.licensesOfEntitlement(c.entitlementId);
  return {
    entitlementId: c.entitlementId,
    soldTo: c.soldTo,
    status: entitlement.state,
    addedVia: c.addedVia ?? null,
    addedAt: c.addedAt ?? null,
    products: c.products.map((p) => ({
      activationId: p.activationId,
      name: p.name,
      features: p.features.map((f) => ({
        feature: f.code,
        featureName: findFeature(f.code)?.name ?? f.code,
        ...seatUsage(c, p.activationId, f.code, licenses),
      })),
    })),
  };
}
export type EntitlementView = ReturnType<typeof entitlementView>;
