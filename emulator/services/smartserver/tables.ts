import type { Tables } from '../../kernel/sql';

/**
 * The triggers that give a SmartServer's `column` in smartserver_versions a new random value on
 * every insert, update and delete of its rows in `table` (an update moving a row touches both
 * SmartServers). The trigger names are the column's: record_added, held_changed, …
 */
function versionTriggers(table: string, column: 'record' | 'held' | 'devices'): string {
  const bump = (...codes: string[]) => {
    const rows = codes.map((code) => `(${code}, random())`).join(', ');
    return `INSERT INTO smartserver_versions (install_code, ${column}) VALUES ${rows}\n    ON CONFLICT(install_code) DO UPDATE SET ${column} = excluded.${column};`;
  };
  return [
    ['added', 'INSERT', bump('NEW.install_code')],
    ['changed', 'UPDATE', bump('OLD.install_code', 'NEW.install_code')],
    ['removed', 'DELETE', bump('OLD.install_code')],
  ]
    .map(([name, event, body]) => `CREATE TEMP TRIGGER IF NOT EXISTS ${column}_${name} AFTER ${event} ON main.${table} BEGIN\n  ${body}\nEND;`)
    .join('\n');
}

/** A SmartServer's own tables: its record, CMS users, devices (stored compactly, see devices.ts), the licenses it holds and its switched features. */
export const SMARTSERVER_TABLES: Tables = {
  schema: `
CREATE TABLE IF NOT EXISTS smartservers (
  install_code TEXT PRIMARY KEY, sc_id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, version TEXT NOT NULL,
  edition TEXT NOT NULL, online INTEGER NOT NULL, customer_id TEXT, pending_customer_id TEXT,
  notifications TEXT NOT NULL DEFAULT '{"emails":[],"daysBefore":[]}', created_at TEXT NOT NULL);
-- SmartServers are listed in the order they were added: a fleet of ten thousand without a sort.
CREATE INDEX IF NOT EXISTS smartservers_by_creation ON smartservers (created_at, install_code);
CREATE TABLE IF NOT EXISTS cms_users (
  install_code TEXT NOT NULL REFERENCES smartservers(install_code) ON DELETE CASCADE,
  username TEXT NOT NULL, password_hash TEXT NOT NULL, user_type TEXT NOT NULL,
  PRIMARY KEY (install_code, username));
-- Devices are stored compactly (see devices.ts): one byte per device in creation order, holding its
-- state, protocol and whether it was made by hand; only hand-made devices keep a name and uid row.
CREATE TABLE IF NOT EXISTS device_sets (
  install_code TEXT PRIMARY KEY REFERENCES smartservers(install_code) ON DELETE CASCADE,
  cells BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS device_overrides (
  install_code TEXT NOT NULL REFERENCES smartservers(install_code) ON DELETE CASCADE,
  seq INTEGER NOT NULL, name TEXT NOT NULL, uid TEXT NOT NULL,
  PRIMARY KEY (install_code, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS held_licenses (
  license_id TEXT PRIMARY KEY, install_code TEXT NOT NULL REFERENCES smartservers(install_code) ON DELETE CASCADE,
  held TEXT NOT NULL, note TEXT);
CREATE INDEX IF NOT EXISTS held_by_smartserver ON held_licenses (install_code);
-- This connection's own (TEMP: never in the data file, nor in a snapshot): three versions per
-- SmartServer, its record's row, its held licenses' rows and its device cells' row, each replaced
-- with a random one by every write to those rows, whoever writes and however (a reset, a snapshot,
-- a cascade); a rollback puts the old ones back. A record, a list of held licenses and what a
-- re-derivation of the devices found read once are kept in memory against them (records.ts,
-- licensing.ts, devices.ts), and one read of this row checks all three.
CREATE TEMP TABLE IF NOT EXISTS smartserver_versions (install_code TEXT PRIMARY KEY, record INTEGER, held INTEGER, devices INTEGER) WITHOUT ROWID;
${versionTriggers('smartservers', 'record')}
${versionTriggers('held_licenses', 'held')}
${versionTriggers('device_sets', 'devices')}
CREATE TABLE IF NOT EXISTS smartserver_features (
  install_code TEXT NOT NULL REFERENCES smartservers(install_code) ON DELETE CASCADE,
  feature TEXT NOT NULL, PRIMARY KEY (install_code, feature)) WITHOUT ROWID;
`,
  clearOrder: ['smartserver_features', 'held_licenses', 'device_overrides', 'device_sets', 'cms_users', 'smartservers'],
};
