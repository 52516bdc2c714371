import { recordTransition } from '../../kernel/coverage';
import type { Db } from '../../kernel/sql';
import type { EntitlementRecord } from '../../../models/ecostruxure/apply';
import type { ServerProduct } from '../../../models/ecostruxure/catalog';
import type { EntitlementContext, EntitlementStateName } from '../../../models/ecostruxure/entitlement.machine';
import type { BmsServerFacts, ServerLicenseContext, ServerLicenseStateName } from '../../../models/ecostruxure/license.rules';
import type { ServerLicenseRecord } from '../../../models/ecostruxure/seats';

/** An emulated EcoStruxure BMS server as Device Administrator sees it. */
export interface BmsServer extends BmsServerFacts {
  version: string;
}

interface ServerRow {
  id: string;
  name: string;
  product: ServerProduct;
  version: string;
  internet: number;
  https: number;
  certificates: number;
}

const toServer = (row: ServerRow): BmsServer => ({
  serverId: row.id,
  name: row.name,
  product: row.product,
  version: row.version,
  internet: row.internet === 1,
  https: row.https === 1,
  certificatesInstalled: row.certificates === 1,
});

interface StateRow {
  state: string;
  context: string;
}

export type RequestKind = 'activation' | 'return';

/** A request file Device Administrator wrote, and how far its exchange with the License Activation Server got. */
export interface LicenseRequest {
  requestId: string;
  kind: RequestKind;
  serverId: string;
  licenseIds: string[];
  createdAt: string;
  answeredAt?: string;
  loadedAt?: string;
  confirmedAt?: string;
}

interface RequestRow {
  id: string;
  kind: RequestKind;
  server_id: string;
  license_ids: string;
  created_at: string;
  answered_at: string | null;
  loaded_at: string | null;
  confirmed_at: string | null;
}

const toRequest = (row: RequestRow): LicenseRequest => ({
  requestId: row.id,
  kind: row.kind,
  serverId: row.server_id,
  licenseIds: JSON.parse(row.license_ids) as string[],
  createdAt: row.created_at,
  answeredAt: row.answered_at ?? undefined,
  loadedAt: row.loaded_at ?? undefined,
  confirmedAt: row.confirmed_at ?? undefined,
});

const nextSeq = (table: string) => `(SELECT COALESCE(MAX(seq), 0) + 1 FROM ${table})`;

/** EcoStruxure's records in the shared database: servers, entitlements, licenses and request files. */
export function ecoStruxureStore(db: Db) {
  const toLicense = (row: StateRow): ServerLicenseRecord => ({
    state: row.state as ServerLicenseStateName,
    context: JSON.parse(row.context) as ServerLicenseContext,
  });
  const toEntitlement = (row: StateRow): EntitlementRecord => ({
    state: row.state as EntitlementStateName,
    context: JSON.parse(row.context) as EntitlementContext,
  });
  const licenses = (where: string, ...params: unknown[]) =>
    db
      .prepare<unknown[], StateRow>(`SELECT state, context FROM ecx_licenses ${where} ORDER BY seq`)
      .all(...params)
      .map(toLicense);

  return {
    server(serverId: string): BmsServer | undefined {
      const row = db.prepare<[string], ServerRow>('SELECT * FROM ecx_servers WHERE id = ?').get(serverId);
      return row && toServer(row);
    },
    serverNamed(name: string): BmsServer | undefined {
      const row = db.prepare<[string], ServerRow>('SELECT * FROM ecx_servers WHERE name = ?').get(name);
      return row && toServer(row);
    },
    servers(): BmsServer[] {
      return db.prepare<[], ServerRow>('SELECT * FROM ecx_servers ORDER BY seq').all().map(toServer);
    },
    insertServer(server: BmsServer, createdAt: string): void {
      db.prepare(`INSERT INTO ecx_servers (id, name, product, version, internet, https, certificates, created_at, seq)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ${nextSeq('ecx_servers')})`).run(
        server.serverId,
        server.name,
        server.product,
        server.version,
        Number(server.internet),
        Number(server.https),
        Number(server.certificatesInstalled),
        createdAt,
      );
    },
    updateServer(server: BmsServer): void {
      db.prepare('UPDATE ecx_servers SET internet = ?, https = ?, certificates = ? WHERE id = ?').run(
        Number(server.internet),
        Number(server.https),
        Number(server.certificatesInstalled),
        server.serverId,
      );
    },

    entitlement(entitlementId: string): EntitlementRecord | undefined {
      const row = db.prepare<[string], StateRow>('SELECT state, context FROM ecx_entitlements WHERE id = ?').get(entitlementId);
      return row && toEntitlement(row);
    },
    entitlements(): EntitlementRecord[] {
      return db.prepare<[], StateRow>('SELECT state, context FROM ecx_entitlements ORDER BY seq').all().map(toEntitlement);
    },
    /** The entitlement holding the license product with this activation ID. */
    entitlementOfProduct(activationId: string): EntitlementRecord | undefined {
      return this.entitlements().find((e) => e.context.products.some((p) => p.activationId === activationId));
    },
    saveEntitlement(entitlement: EntitlementRecord, event?: string): void {
      const id = entitlement.context.entitlementId;
      const before = db.prepare<[string], { state: string }>('SELECT state FROM ecx_entitlements WHERE id = ?').get(id)?.state ?? 'new';
      db.prepare(`INSERT INTO ecx_entitlements (id, state, context, seq) VALUES (?, ?, ?, ${nextSeq('ecx_entitlements')})
        ON CONFLICT(id) DO UPDATE SET state = excluded.state, context = excluded.context`).run(id, entitlement.state, JSON.stringify(entitlement.context));
      if (before !== entitlement.state) recordTransition(db, 'ecostruxure-entitlement', before, entitlement.state, event);
    },

    license(licenseId: string): ServerLicenseRecord | undefined {
      return licenses('WHERE id = ?', licenseId)[0];
    },
    licensesOfEntitlement(entitlementId: string): ServerLicenseRecord[] {
      return licenses('WHERE entitlement_id = ?', entitlementId);
    },
    licensesOfServer(serverId: string): ServerLicenseRecord[] {
      return licenses('WHERE server_id = ?', serverId);
    },
    allLicenses(): ServerLicenseRecord[] {
      return licenses('');
    },
    /** Stores a license; `from` and `event` name the machine transition that led here, for the coverage log. */
    saveLicense(license: ServerLicenseRecord, event?: string, from?: string): void {
      const c = license.context;
      const before = from ?? db.prepare<[string], { state: string }>('SELECT state FROM ecx_licenses WHERE id = ?').get(c.licenseId)?.state ?? 'new';
      db.prepare(`INSERT INTO ecx_licenses (id, state, context, entitlement_id, activation_id, feature, server_id, request_id, seq)
        VALUES (@id, @state, @context, @entitlementId, @activationId, @feature, @serverId, @requestId, ${nextSeq('ecx_licenses')})
        ON CONFLICT(id) DO UPDATE SET state = excluded.state, context = excluded.context, server_id = excluded.server_id, request_id = excluded.request_id`).run(
        {
          id: c.licenseId,
          state: license.state,
          context: JSON.stringify(c),
          entitlementId: c.entitlementId,
          activationId: c.activationId,
          feature: c.featureCode,
          serverId: c.serverId ?? null,
          requestId: c.requestId ?? null,
        },
      );
      if (before !== license.state) recordTransition(db, 'ecostruxure-license', before, license.state, event);
    },

    request(requestId: string): LicenseRequest | undefined {
      const row = db.prepare<[string], RequestRow>('SELECT * FROM ecx_requests WHERE id = ?').get(requestId);
      return row && toRequest(row);
    },
    insertRequest(request: LicenseRequest): void {
      db.prepare('INSERT INTO ecx_requests (id, kind, server_id, license_ids, created_at) VALUES (?, ?, ?, ?, ?)').run(
        request.requestId,
        request.kind,
        request.serverId,
        JSON.stringify(request.licenseIds),
        request.createdAt,
      );
    },
    markRequest(requestId: string, step: 'answered_at' | 'loaded_at' | 'confirmed_at', at: string): void {
      db.prepare(`UPDATE ecx_requests SET ${step} = ? WHERE id = ?`).run(at, requestId);
    },
  };
}
export type EcoStruxureStore = ReturnType<typeof ecoStruxureStore>;
