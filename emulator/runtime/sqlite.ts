import Database from 'better-sqlite3';
import type { Db, Tables } from '../kernel/sql';
import { createTables } from '../kernel/store';

/** The emulator's SQLite database in Node: better-sqlite3, whose synchronous transactions the rules rely on. */
/** Distinct SQL texts whose prepared statements are kept; a text beyond that is prepared each time. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Makes `db.prepare` hand back the statement prepared before for the same SQL text: services
 * prepare their statements per call, and preparing costs more than running a small query.
 * Safe because no caller changes a statement's mode (pluck, raw) or iterates it lazily.
 */
function cacheStatements(db: Database.Database): void {
  const prepare = db.prepare.bind(db);
  const statements = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = prepare(sql);
      if (statements.size < STATEMENT_CACHE_SIZE) statements.set(sql, statement);
    }
    return statement;
  }) as Database.Database['prepare'];
}

/** Opens (or creates) the database at `path` with the tables of every part, in order. */
export function openDatabase(path: string, tables: readonly Tables[]): Db & Database.Database {
  const sqlite = new Database(path);
  cacheStatements(sqlite);
  if (path !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // better-sqlite3 binds a Buffer, not a bare Uint8Array, as a BLOB; a view shares the bytes.
  const blob = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // better-sqlite3's generic `prepare` is the kernel's `Db` at run time; TypeScript cannot relate the two generic signatures.
  const db = Object.assign(sqlite, { blob }) as unknown as Db & Database.Database;
  createTables(db, tables);
  return db;
}
