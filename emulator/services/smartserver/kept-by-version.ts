import type { Db } from '../../kernel/sql';

/**
 * What was read of each SmartServer's rows, per database, under the version the connection's
 * triggers gave those rows then (records.ts, tables.ts). Any write to the rows gives them a new
 * version and a rollback brings the old one back, so a value kept under the version read now is
 * what the rows hold. Emptied whole once it holds `limit` SmartServers, so a fleet of any size
 * keeps bounded memory.
 */
export class KeptByVersion<T> {
  private readonly perDb = new WeakMap<Db, Map<string, { version: number | null; value: T }>>();

  constructor(private readonly limit = 20_000) {}

  /** The value kept for the SmartServer, if it was kept under `version`. */
  get(db: Db, installCode: string, version: number | null): T | undefined {
    const kept = this.perDb.get(db)?.get(installCode);
    return kept && kept.version === version ? kept.value : undefined;
  }

  /** The value kept for the SmartServer, whatever version it was kept under. */
  latest(db: Db, installCode: string): T | undefined {
    return this.perDb.get(db)?.get(installCode)?.value;
  }

  set(db: Db, installCode: string, version: number | null, value: T): T {
    let kept = this.perDb.get(db);
    if (!kept) this.perDb.set(db, (kept = new Map()));
    if (kept.size >= this.limit) kept.clear();
    kept.set(installCode, { version, value });
    return value;
  }
}
