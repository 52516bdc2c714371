import Database from 'better-sqlite3';
import type { Db } from '../kernel/sql';
import { SCHEMA } from '../kernel/store';

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

export function openDatabase(path: string): Db & Database.Database {
  const db = new Database(path);
  cacheStatements(db);
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  // better-sqlite3 binds a Buffer, not a bare Uint8Array, as a BLOB; a view shares the bytes.
  Object.assign(db, { blob: (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  // better-sqlite3's generic `prepare` is the kernel's `Db` at run time; TypeScript cannot relate the two generic signatures.
  return db as unknown as Db & Database.Database;
}
