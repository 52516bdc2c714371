import type { Tables } from '../../kernel/sql';

/** Fleets made from fleet descriptions, and which SmartServers (and shards) belong to each. */
export const FLEET_TABLES: Tables = {
  schema: `
CREATE TABLE IF NOT EXISTS fleets (
  name TEXT PRIMARY KEY, description TEXT NOT NULL, summary TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS fleet_members (
  install_code TEXT PRIMARY KEY, fleet TEXT NOT NULL REFERENCES fleets(name) ON DELETE CASCADE,
  grp INTEGER NOT NULL, position INTEGER NOT NULL, shard INTEGER);
CREATE INDEX IF NOT EXISTS fleet_members_by_fleet ON fleet_members (fleet, position);
`,
  clearOrder: ['fleet_members', 'fleets'],
};
