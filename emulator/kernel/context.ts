import type { MaintenanceRule } from '../../models/license.rules';
import type { VirtualClock } from './clock';
import type { LoginThrottle } from './login-throttle';
import type { PasswordCost } from './passwords';
import type { CryptoPort } from './ports';
import type { Db } from './sql';
import type { LicenseStore } from './store';
import type { TokenIssuer } from './tokens';
import type { UpdateHub } from './updates';

/** What every service of the domain core works with. */
export interface CoreContext {
  db: Db;
  clock: VirtualClock;
  licenses: LicenseStore;
  tokens: TokenIssuer;
  newId(): string;
  /** Randomness, hashing and signing, from the runtime (node:crypto in Node). */
  crypto: CryptoPort;
  config: CoreConfig;
  /** Where SmartServer updates (UPD:LIC:CLOUD) are published for the CMS WebSocket. */
  updates: UpdateHub;
  /** Failed logins per identity, to slow password guessing (in memory; see login-throttle.ts). */
  logins: LoginThrottle;
}

export interface CoreConfig {
  /** How a maintenance license's device count must relate to the capacity (sources disagree). */
  maintenanceRule: MaintenanceRule;
  /** scrypt cost of new password hashes: 'fast' only for test fleets. */
  passwordCost: PasswordCost;
  /** Days of virtual time an offline activation file can be loaded after it was issued. */
  offlineFileDays: number;
}

/** One transaction wrapper per database, made once: wrapping a function anew on every operation costs more than a small write. */
const runners = new WeakMap<Db, (fn: () => unknown) => unknown>();
/** The databases an operation's transaction is open on now. */
const open = new WeakSet<Db>();

/**
 * Runs `fn` as one SQLite transaction. Called inside another operation's transaction (the cloud
 * recording its side, then the SmartServer its own), `fn` joins that one: it commits or rolls back
 * with it, and no savepoint is opened, since nothing catches a failed part to go on with the rest.
 */
export function inTransaction<T>(ctx: CoreContext, fn: () => T): T {
  const { db } = ctx;
  if (open.has(db)) return fn();
  let run = runners.get(db);
  if (!run) {
    run = db.transaction((body: () => unknown) => {
      open.add(db);
      try {
        return body();
      } finally {
        open.delete(db);
      }
    });
    runners.set(db, run);
  }
  return run(fn) as T;
}
