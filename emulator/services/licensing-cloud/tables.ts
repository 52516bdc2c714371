import type { Tables } from '../../kernel/sql';

/** The licensing cloud's record of the offline activation files it issued, and when each was loaded. */
export const LICENSING_CLOUD_TABLES: Tables = {
  schema: `
CREATE TABLE IF NOT EXISTS offline_files (
  id TEXT PRIMARY KEY, license_id TEXT NOT NULL, install_code TEXT NOT NULL, issued_at TEXT NOT NULL,
  loaded_at TEXT);
`,
  clearOrder: ['offline_files'],
};
