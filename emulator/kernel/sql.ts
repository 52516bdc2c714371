/**
 * The part of a SQL database the rules use. Statements run synchronously, so one operation is one
 * transaction with nothing interleaved; the Node runtime supplies better-sqlite3 (runtime/sqlite.ts).
 */
export interface SqlRunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

export interface SqlStatement<Params extends unknown[] = unknown[], Row = unknown> {
  get(...params: Params): Row | undefined;
  all(...params: Params): Row[];
  run(...params: Params): SqlRunResult;
}

export interface Db {
  /** A statement for `sql`; `Params` are its bind parameters (an array, or one object of named ones). */
  prepare<Params extends unknown[] | object = unknown[], Row = unknown>(sql: string): SqlStatement<Params extends unknown[] ? Params : [Params], Row>;
  /** Wraps `fn` so each call runs as one transaction, rolled back when it throws. */
  transaction<Fn extends (...args: never[]) => unknown>(fn: Fn): (...args: Parameters<Fn>) => ReturnType<Fn>;
  exec(sql: string): unknown;
  /** Whether a transaction is open on this connection. */
  readonly inTransaction: boolean;
  /** `bytes` as a value the database binds as a BLOB. */
  blob(bytes: Uint8Array): unknown;
}

/** The tables one part of the emulator keeps: how to create them, and an order they can be emptied in without breaking a reference. */
export interface Tables {
  schema: string;
  clearOrder: readonly string[];
}
