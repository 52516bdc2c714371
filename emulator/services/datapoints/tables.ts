import type { Tables } from '../../kernel/sql';

/**
 * Datapoints cost nothing until they are written or tagged: their definitions come from the
 * catalog and an output's readings from the clock. Only written priority arrays and tags are rows.
 */
export const DATAPOINT_TABLES: Tables = {
  schema: `
CREATE TABLE IF NOT EXISTS datapoint_writes (
  install_code TEXT NOT NULL REFERENCES smartservers(install_code) ON DELETE CASCADE,
  device INTEGER NOT NULL, point INTEGER NOT NULL, uid TEXT NOT NULL, priorities TEXT NOT NULL,
  PRIMARY KEY (install_code, device, point)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS datapoint_tags (
  install_code TEXT NOT NULL REFERENCES smartservers(install_code) ON DELETE CASCADE,
  device INTEGER NOT NULL, point INTEGER NOT NULL, uid TEXT NOT NULL, tag TEXT NOT NULL,
  PRIMARY KEY (install_code, device, point, tag)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS custom_pages (
  install_code TEXT NOT NULL REFERENCES smartservers(install_code) ON DELETE CASCADE,
  name TEXT NOT NULL, content_type TEXT NOT NULL, body BLOB NOT NULL,
  PRIMARY KEY (install_code, name)) WITHOUT ROWID;
`,
  clearOrder: ['custom_pages', 'datapoint_tags', 'datapoint_writes'],
};
