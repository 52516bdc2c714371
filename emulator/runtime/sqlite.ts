import { chmodSync, closeSync, existsSync, openSync, statSync } from 'node:fs';
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

/** The files SQLite keeps for a database: the file itself, its write-ahead log and its shared-memory index. */
export const journalFiles = (path: string): string[] => [path, `${path}-wal`, `${path}-shm`];

/**
 * Keeps a data file and its journal files readable by their owner alone: they hold the emulator's
 * secrets and every account. A new file is created 0600 (SQLite gives its journals the same mode);
 * an existing one open to the group or to others is tightened, with a warning that says so.
 */
export function keepPrivate(path: string, warn: (message: string) => void): void {
  if (!existsSync(path)) closeSync(openSync(path, 'wx', 0o600));
  for (const file of journalFiles(path)) {
    if (!existsSync(file)) continue;
    const mode = statSync(file).mode & 0o777;
    if ((mode & 0o077) === 0) continue;
    chmodSync(file, 0o600);
    warn(`${file} was readable by others (mode ${mode.toString(8).padStart(4, '0')}); it is now 0600, readable by its owner only.`);
  }
}

export interface OpenDatabaseOptions {
  /** Where a warning about the file goes (standard error unless told). */
  warn?: (message: string) => void;
}

/** Opens (or creates) the database at `path` with the tables of every part, in order. */
export function openDatabase(path: string, tables: readonly Tables[], options: OpenDatabaseOptions = {}): Db & Database.Database {
  const warn = options.warn ?? ((message: string) => process.stderr.write(`sslab: ${message}\n`));
  const onDisk = path !== ':memory:' && path !== '';
  if (onDisk) keepPrivate(path, warn);
  const sqlite = new Database(path);
  cacheStatements(sqlite);
  if (onDisk) {
    sqlite.pragma('journal_mode = WAL');
    // In WAL mode NORMAL syncs at checkpoints rather than at every commit: a committed transaction
    // is in the log once the commit returns, so it survives the process being killed (only a power
    // cut or an operating-system crash can lose the last ones).
    sqlite.pragma('synchronous = NORMAL');
    // The journals exist now; a mode the umask widened is narrowed as for the file itself.
    keepPrivate(path, warn);
  }
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // better-sqlite3 binds a Buffer, not a bare Uint8Array, as a BLOB; a view shares the bytes.
  const blob = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // better-sqlite3's generic `prepare` is the kernel's `Db` at run time; TypeScript cannot relate the two generic signatures.
  const db = Object.assign(sqlite, { blob }) as unknown as Db & Database.Database;
  createTables(db, tables);
  return db;
}
