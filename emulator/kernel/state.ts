import type { CloudFaultSettings } from './cloud-faults';
import { Problem } from './problems';
import type { Db, Tables } from './sql';
import { SECRET_KEYS } from './store';
import { PRIVATE_TABLES } from './secrets';

/**
 * The emulator's whole state as data: every row of every table, the virtual clock, the injected
 * faults and the keys. A snapshot file carries it (control-plane/snapshot-file.ts); a reset puts
 * back the one taken after seeding.
 */
export interface EmulatorState {
  tables: TableRows[];
  /** The virtual now. */
  clock: string;
  faults: CloudFaultSettings;
  /** Left out, the keys in place are kept (a reset keeps them). */
  keys?: EmulatorKeys;
}

/** The secrets a data file holds; see SECRET_KEYS. */
export interface EmulatorKeys {
  /** Signs session tokens (base64 of 32 bytes). */
  tokenSecret: string;
  /** Signs offline activation files (PKCS#8 PEM). */
  signingKey: string;
}

/** One table's rows, each a list of values in the order of `columns`; BLOBs as bytes. */
export interface TableRows {
  table: string;
  columns: string[];
  rows: unknown[][];
}

/** The meta table's rows that are state: not the keys, not the clock (each has its own field). */
const META_KEPT_APART: readonly string[] = [...SECRET_KEYS, 'clock'];

interface Layout {
  /** Tables in the order they were created, so rows put back in this order find what they refer to. */
  tables: string[];
  columns: Map<string, string[]>;
  /** Tables kept in rowid order, whose rows are read back in the order they were written. */
  withRowid: Set<string>;
}

const layouts = new WeakMap<Db, Layout>();

/** The tables and columns of this database, read once (the schema does not change while it runs). */
function layoutOf(db: Db): Layout {
  let layout = layouts.get(db);
  if (!layout) {
    const found = db
      .prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")
      .all();
    // The secrets and what ended sessions are never a snapshot's: a reset or a snapshot must not bring them back or carry them off.
    const tables = found.map((t) => t.name).filter((name) => name === 'meta' || !PRIVATE_TABLES.includes(name));
    const withRowid = new Set(found.filter((t) => !/WITHOUT\s+ROWID\s*;?\s*$/i.test(t.sql)).map((t) => t.name));
    const columns = new Map(
      tables.map((table) => [
        table,
        db
          .prepare<[], { name: string }>(`PRAGMA table_info("${table}")`)
          .all()
          .map((c) => c.name),
      ]),
    );
    layout = { tables, columns, withRowid };
    layouts.set(db, layout);
  }
  return layout;
}

/** Every row of every table (the meta table without the keys and the clock), tables in creation order. */
export function captureTables(db: Db): TableRows[] {
  const { tables, columns, withRowid } = layoutOf(db);
  return tables.flatMap((table) => {
    const names = columns.get(table)!;
    const where = table === 'meta' ? ` WHERE key NOT IN (${META_KEPT_APART.map(() => '?').join(', ')})` : '';
    const select = `SELECT * FROM "${table}"${where}${withRowid.has(table) ? ' ORDER BY rowid' : ''}`;
    const rows = db
      .prepare<unknown[], Record<string, unknown>>(select)
      .all(...(table === 'meta' ? META_KEPT_APART : []))
      .map((row) => names.map((name) => row[name]));
    return rows.length > 0 ? [{ table, columns: names, rows }] : [];
  });
}

/**
 * Refuses rows this database cannot hold: a table it does not have, a column a table lacks, a row
 * of another length, or the meta table's keys or clock among the rows. Nothing is written.
 */
export function checkTables(db: Db, state: readonly TableRows[]): void {
  const { columns } = layoutOf(db);
  const seen = new Set<string>();
  for (const { table, columns: given, rows } of state) {
    const known = columns.get(table);
    if (!known) throw unfit(`it holds a table "${table}" this emulator does not keep`);
    if (seen.has(table)) throw unfit(`it holds the table "${table}" twice`);
    seen.add(table);
    const unknown = given.find((column) => !known.includes(column));
    if (unknown !== undefined) throw unfit(`its table "${table}" has a column "${unknown}" this emulator does not keep`);
    if (new Set(given).size !== given.length) throw unfit(`its table "${table}" names a column twice`);
    const wrong = rows.findIndex((row) => !Array.isArray(row) || row.length !== given.length);
    if (wrong >= 0) throw unfit(`row ${wrong + 1} of its table "${table}" does not have the table's ${given.length} columns`);
    if (table === 'meta' && rows.some((row) => META_KEPT_APART.includes(String(row[given.indexOf('key')])))) {
      throw unfit('its meta table holds the keys or the clock, which a snapshot keeps apart');
    }
  }
}

const unfit = (why: string) => new Problem(422, 'snapshot-does-not-fit', `The snapshot cannot be loaded: ${why}. Nothing was changed.`);

/**
 * Empties every table (the meta table down to the keys) and puts `state`'s rows back, in the
 * caller's transaction. The parts' clear orders empty referring tables before those they refer to.
 */
export function replaceTables(db: Db, parts: readonly Tables[], state: readonly TableRows[]): void {
  for (const part of [...parts].reverse()) for (const table of part.clearOrder) db.prepare(`DELETE FROM ${table}`).run();
  db.prepare(`DELETE FROM meta WHERE key NOT IN (${SECRET_KEYS.map(() => '?').join(', ')})`).run(...SECRET_KEYS);
  const order = layoutOf(db).tables;
  const byCreation = [...state].sort((a, b) => order.indexOf(a.table) - order.indexOf(b.table));
  for (const { table, columns, rows } of byCreation) {
    const insert = db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    for (const row of rows) insert.run(...row.map((value) => (value instanceof Uint8Array ? db.blob(value) : value)));
  }
}

/** The rows a rollback to the baseline must not take back (the keys, the secrets and what ended sessions, see PRIVATE_TABLES), read and written back by statements prepared once. */
function privateRowKeeper(db: Db) {
  const keys = SECRET_KEYS.map(() => '?').join(', ');
  const parts = [
    {
      table: 'meta',
      read: db.prepare<unknown[], Record<string, unknown>>(`SELECT * FROM meta WHERE key IN (${keys})`),
      clear: db.prepare(`DELETE FROM meta WHERE key IN (${keys})`),
      args: SECRET_KEYS,
    },
    ...PRIVATE_TABLES.filter((table) => table !== 'meta').map((table) => ({
      table,
      read: db.prepare<unknown[], Record<string, unknown>>(`SELECT * FROM "${table}"`),
      clear: db.prepare(`DELETE FROM "${table}"`),
      args: [] as readonly string[],
    })),
  ];
  const inserts = new Map<string, ReturnType<Db['prepare']>>();
  const insert = (table: string, columns: string[]) => {
    const sql = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    let statement = inserts.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      inserts.set(sql, statement);
    }
    return statement;
  };
  return {
    read: () => parts.map((part) => ({ part, rows: part.read.all(...part.args) })),
    putBack(kept: { part: (typeof parts)[number]; rows: Record<string, unknown>[] }[]): void {
      for (const { part, rows } of kept) {
        part.clear.run(...part.args);
        if (rows.length === 0) continue;
        const columns = Object.keys(rows[0]);
        const statement = insert(part.table, columns);
        for (const row of rows) statement.run(...columns.map((column) => row[column]));
      }
    },
  };
}

/**
 * A database in memory, held at its present state: everything written from now on is one open
 * transaction, and `rollBack` takes it all back at a cost that follows what was written, not the
 * size of the state (a reset that empties and refills every table costs a millisecond and more
 * even for a small seed). The keys, the secrets and the ended sessions are carried over the
 * rollback, as a reset keeps them. Only for a database in memory: one on disk must commit each
 * operation, and nothing of one in memory outlives the process anyway. Statements that open
 * their own transaction run as savepoints inside it, all or nothing as before.
 */
export function holdBaseline(db: Db): { rollBack(): boolean } {
  const privateRows = privateRowKeeper(db);
  db.exec('BEGIN');
  return {
    /** Back to the baseline; false (and nothing done) when the transaction is gone, which only an error SQLite rolls back on its own ends. */
    rollBack() {
      if (!db.inTransaction) return false;
      const kept = privateRows.read();
      db.exec('ROLLBACK');
      db.exec('BEGIN');
      privateRows.putBack(kept);
      return true;
    },
  };
}
