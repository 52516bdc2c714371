import { cursorAfter, type Page, type PageRequest } from './paging';
import type { LicenseRecord } from '../../models/apply';
import type { LicenseContext, LicenseStateName } from '../../models/license.rules';
import { recordTransition } from './coverage';
import type { Db, Tables } from './sql';

/**
 * The emulator's state in one embedded SQLite file (or in memory for tests). Every public
 * operation runs in one transaction, so a crash leaves each operation either done or not begun.
 * Each part of the emulator declares the tables it keeps (a `tables.ts`); these are the ones the services share.
 */
const RECORDS_SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS partners (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS customers (
  id TEXT PRIMARY KEY, partner_id TEXT NOT NULL REFERENCES partners(id), name TEXT NOT NULL,
  contact_email TEXT UNIQUE COLLATE NOCASE, details TEXT NOT NULL DEFAULT '{}', created_at TEXT NOT NULL,
  UNIQUE (partner_id, name));
CREATE TABLE IF NOT EXISTS orders (
  po_number TEXT PRIMARY KEY, partner_id TEXT NOT NULL REFERENCES partners(id), customer_id TEXT,
  lines TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS licenses (
  id TEXT PRIMARY KEY, state TEXT NOT NULL, context TEXT NOT NULL,
  partner_id TEXT NOT NULL, customer_id TEXT, install_code TEXT, po_number TEXT NOT NULL,
  model TEXT NOT NULL, created_at TEXT NOT NULL, seq INTEGER NOT NULL);
-- Every activation and return rewrites a license's row, and each index on a column it changes with
-- it: only indexes some read uses are kept. No read looks licenses up by SmartServer (a SmartServer's
-- own table says what it holds), and a partner's lists use the index on (partner_id, seq) below;
-- data files written before still carry both.
DROP INDEX IF EXISTS licenses_by_partner;
DROP INDEX IF EXISTS licenses_by_smartserver;
-- The next seq is MAX(seq) + 1 on every insert: without this index each insert would scan the table.
CREATE INDEX IF NOT EXISTS licenses_by_seq ON licenses (seq);
-- A partner's lists are read a page at a time, in seq order.
CREATE INDEX IF NOT EXISTS licenses_by_partner_seq ON licenses (partner_id, seq);
-- The cloud's list of what a Customer ID may download is read a page at a time, in seq order; this
-- index replaces the one on (customer_id, state) that data files written before it still carry.
DROP INDEX IF EXISTS licenses_by_customer;
CREATE INDEX IF NOT EXISTS licenses_by_customer_state_seq ON licenses (customer_id, state, seq);
`;

/** The records every vendor service shares: accounts, orders, licenses, and the meta table (the clock, settings). */
export const RECORD_TABLES: Tables = { schema: RECORDS_SCHEMA, clearOrder: ['licenses', 'orders', 'customers', 'partners'] };

/** Creates the tables of each part, in order (later parts may refer to earlier ones). */
export function createTables(db: Db, parts: readonly Tables[]): void {
  for (const part of parts) db.exec(part.schema);
}

/**
 * The meta table's secrets: the key session tokens are signed with and the key offline activation
 * files are signed with. A reset keeps them; a snapshot carries them apart from the rows.
 */
export const SECRET_KEYS = ['token-secret', 'signing-key'] as const;

export function metaStore(db: Db) {
  const get = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const put = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  return {
    read: (key: string) => get.get(key)?.value,
    write: (key: string, value: string) => void put.run(key, value),
  };
}

interface LicenseRow {
  id: string;
  state: string;
  context: string;
  po_number: string;
  created_at: string;
}

export interface StoredLicense extends LicenseRecord {
  poNumber: string;
  createdAt: string;
}

const toLicense = (row: LicenseRow): StoredLicense => ({
  state: row.state as LicenseStateName,
  context: JSON.parse(row.context) as LicenseContext,
  poNumber: row.po_number,
  createdAt: row.created_at,
});

/** Licenses persisted as their machine state plus context, with the columns queries need. */
export function licenseStore(db: Db) {
  const select = 'SELECT id, state, context, po_number, created_at FROM licenses';
  const byId = db.prepare<[string], LicenseRow>(`${select} WHERE id = ?`);
  const upsert = db.prepare(`INSERT INTO licenses (id, state, context, partner_id, customer_id, install_code, po_number, model, created_at, seq)
    VALUES (@id, @state, @context, @partnerId, @customerId, @installCode, @poNumber, @model, @createdAt,
            (SELECT COALESCE(MAX(seq), 0) + 1 FROM licenses))
    ON CONFLICT(id) DO UPDATE SET state = excluded.state, context = excluded.context,
      customer_id = excluded.customer_id, install_code = excluded.install_code`);
  // A license read before has its row: only what can change is written, and no next seq is looked for.
  // Positional parameters: binding by name looks each one up, on every activation and return.
  const update = db.prepare<[string, string, string | null, string | null, string]>(
    'UPDATE licenses SET state = ?, context = ?, customer_id = ?, install_code = ? WHERE id = ?',
  );
  return {
    get(id: string): StoredLicense | undefined {
      const row = byId.get(id);
      return row && toLicense(row);
    },
    /** Stores a license; `previousState` is its state as the caller read it in this transaction (read again when not given), for the coverage log. */
    save(license: LicenseRecord, poNumber: string, createdAt: string, previousState?: LicenseStateName): void {
      const c = license.context;
      const before = previousState ?? byId.get(c.licenseId)?.state ?? 'new';
      const row = {
        id: c.licenseId,
        state: license.state,
        context: JSON.stringify(c),
        partnerId: c.partnerId,
        customerId: c.customerId ?? null,
        installCode: c.installCode ?? null,
        poNumber,
        model: c.model,
        createdAt,
      };
      if (before === 'new' || update.run(row.state, row.context, row.customerId, row.installCode, row.id).changes === 0) upsert.run(row);
      if (before !== license.state) recordTransition(db, 'license', before, license.state);
    },
    /** One page of the licenses that meet `condition`, in the order they were made, with how many meet it in all. */
    page(condition: string, params: readonly unknown[], request: PageRequest): Page<StoredLicense> {
      const total = db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM licenses WHERE ${condition}`).get(...params)?.n ?? 0;
      const rows = db
        .prepare<unknown[], LicenseRow & { seq: number }>(
          `SELECT id, state, context, po_number, created_at, seq FROM licenses WHERE (${condition}) AND seq > ? ORDER BY seq LIMIT ?`,
        )
        .all(...params, request.after, request.limit + 1);
      const items = rows.slice(0, request.limit);
      const more = rows.length > request.limit;
      return { items: items.map(toLicense), total, ...(more ? { nextCursor: cursorAfter(items[items.length - 1].seq) } : {}) };
    },
    where(condition: string, ...params: unknown[]): StoredLicense[] {
      return db
        .prepare<unknown[], LicenseRow>(`${select} WHERE ${condition} ORDER BY seq`)
        .all(...params)
        .map(toLicense);
    },
  };
}
export type LicenseStore = ReturnType<typeof licenseStore>;
