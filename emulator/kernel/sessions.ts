import type { Db, Tables } from './sql';

/**
 * What ends sessions before their expiry, kept in the data file so a restart remembers it: single
 * sessions logged out (by their session ID, until they would have expired anyway), and epochs, one
 * for everything (a reset) and one per SmartServer (Restore Factory Settings). A token carries the
 * epochs it was issued under and stops working when one moves on. A reset keeps these tables:
 * emptying them would bring the ended sessions back.
 */
export const SESSION_TABLES: Tables = {
  schema: `
CREATE TABLE IF NOT EXISTS session_revocations (sid TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS session_epochs (scope TEXT PRIMARY KEY, epoch INTEGER NOT NULL);`,
  clearOrder: [],
};

/** The scope that every session is in. */
export const EVERY_SESSION = 'all';

export class SessionLedger {
  private readonly revoked = new Set<string>();
  private readonly epochs = new Map<string, number>();
  private loggedOutSinceSweep = 0;

  constructor(
    private readonly db: Db,
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {
    db.prepare('DELETE FROM session_revocations WHERE expires_at < ?').run(this.nowSeconds());
    for (const { sid } of db.prepare<[], { sid: string }>('SELECT sid FROM session_revocations').all()) this.revoked.add(sid);
    for (const { scope, epoch } of db.prepare<[], { scope: string; epoch: number }>('SELECT scope, epoch FROM session_epochs').all())
      this.epochs.set(scope, epoch);
  }

  epoch(scope: string): number {
    return this.epochs.get(scope) ?? 0;
  }

  /** Ends every session in `scope` issued so far. */
  endAll(scope: string): void {
    const next = this.epoch(scope) + 1;
    this.db.prepare('INSERT INTO session_epochs (scope, epoch) VALUES (?, ?) ON CONFLICT(scope) DO UPDATE SET epoch = excluded.epoch').run(scope, next);
    this.epochs.set(scope, next);
  }

  /** Ends one session; it is remembered until `expiresAt` (seconds), after which the token is refused as expired anyway. */
  logOut(sid: string, expiresAt: number): void {
    this.db.prepare('INSERT OR IGNORE INTO session_revocations (sid, expires_at) VALUES (?, ?)').run(sid, expiresAt);
    this.revoked.add(sid);
    if (++this.loggedOutSinceSweep >= 1000) this.sweep();
  }

  isLoggedOut(sid: string): boolean {
    return this.revoked.has(sid);
  }

  /**
   * Forgets every ended session and epoch: a snapshot loaded puts the sessions back as they were
   * when it was taken (its keys with them), so the tokens issued then verify again.
   */
  clear(): void {
    this.db.prepare('DELETE FROM session_revocations').run();
    this.db.prepare('DELETE FROM session_epochs').run();
    this.revoked.clear();
    this.epochs.clear();
  }

  /** Forgets logged-out sessions that have expired, so the list does not grow without end. */
  private sweep(): void {
    this.loggedOutSinceSweep = 0;
    const now = this.nowSeconds();
    const lapsed = this.db.prepare<[number], { sid: string }>('SELECT sid FROM session_revocations WHERE expires_at < ?').all(now);
    this.db.prepare('DELETE FROM session_revocations WHERE expires_at < ?').run(now);
    for (const { sid } of lapsed) this.revoked.delete(sid);
  }
}
