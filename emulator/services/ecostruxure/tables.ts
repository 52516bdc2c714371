import type { Db, Tables } from '../../kernel/sql';

/**
 * EcoStruxure's own tables in the shared emulator database. Entitlements and licenses are kept
 * as their machine state plus context, with the columns that queries need beside them.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS ecx_servers (
  id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE, product TEXT NOT NULL, version TEXT NOT NULL,
  internet INTEGER NOT NULL, https INTEGER NOT NULL, certificates INTEGER NOT NULL, created_at TEXT NOT NULL,
  seq INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS ecx_entitlements (
  id TEXT PRIMARY KEY, state TEXT NOT NULL, context TEXT NOT NULL, seq INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS ecx_licenses (
  id TEXT PRIMARY KEY, state TEXT NOT NULL, context TEXT NOT NULL,
  entitlement_id TEXT NOT NULL REFERENCES ecx_entitlements(id), activation_id TEXT NOT NULL, feature TEXT NOT NULL,
  server_id TEXT REFERENCES ecx_servers(id), request_id TEXT, seq INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS ecx_licenses_by_entitlement ON ecx_licenses (entitlement_id, activation_id, feature);
CREATE INDEX IF NOT EXISTS ecx_licenses_by_server ON ecx_licenses (server_id, state);
CREATE INDEX IF NOT EXISTS ecx_licenses_by_request ON ecx_licenses (request_id);
CREATE TABLE IF NOT EXISTS ecx_requests (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, server_id TEXT NOT NULL REFERENCES ecx_servers(id), license_ids TEXT NOT NULL,
  created_at TEXT NOT NULL, answered_at TEXT, loaded_at TEXT, confirmed_at TEXT);
`;

/** Tables in the order they can be emptied without breaking a reference. */
const TABLES = ['ecx_licenses', 'ecx_requests', 'ecx_entitlements', 'ecx_servers'];

export const ECOSTRUXURE_TABLES: Tables = { schema: SCHEMA, clearOrder: TABLES };

export function clearEcoStruxure(db: Db): void {
  db.transaction(() => {
    for (const table of TABLES) db.prepare(`DELETE FROM ${table}`).run();
  })();
}
