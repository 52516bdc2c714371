import type { MaintenanceRule } from '../../models/license.rules';
import { VirtualClock } from '../kernel/clock';
import type { CryptoPort, LicensingCloudPort } from '../kernel/ports';
import { LicensingCloud } from '../services/licensing-cloud';
import { CloudFaults, FaultInjectingCloud } from '../kernel/cloud-faults';
import type { CoreContext } from '../kernel/context';
import { licenseStore, metaStore, RECORD_TABLES } from '../kernel/store';
import { FLEET_TABLES } from '../control-plane/fleets/tables';
import { SERVICES } from '../services/registry';
import { withdrawUnfinishedOrders } from '../services/backoffice';
import { nodeCrypto } from './node-crypto';
import { openDatabase } from './sqlite';
import { TokenIssuer } from '../kernel/tokens';
import { LoginThrottle, type LoginThrottleOptions } from '../kernel/login-throttle';
import type { PasswordCost } from '../kernel/passwords';
import { applySeed } from '../control-plane/seed';
import { captureTables, checkTables, holdBaseline, replaceTables, type EmulatorKeys, type EmulatorState } from '../kernel/state';
import { Problem } from '../kernel/problems';
import { UpdateHub } from '../kernel/updates';
import type { Emulator } from '../kernel/emulator';
import { fromBase64, toBase64 } from '../kernel/encoding';
import { SECRET_TABLES } from '../kernel/secrets';
import { SESSION_TABLES, SessionLedger } from '../kernel/sessions';

export interface EmulatorOptions {
  /** SQLite file; ':memory:' keeps everything in memory. */
  dataFile?: string;
  /** The virtual date a new data file starts at. */
  startDate?: string;
  maintenanceRule?: MaintenanceRule;
  /** Lifetime of session tokens in real seconds (8 hours unless told). */
  tokenTtlSeconds?: number;
  /** scrypt cost of new password hashes: 'standard' unless told; 'fast' for test fleets of many SmartServers. */
  passwordCost?: PasswordCost;
  /**
   * When repeated failed logins lock an identity (5 failures within 15 minutes of real time unless
   * told) and a source address (30 failures, whatever identities they named).
   */
  loginLockout?: Pick<LoginThrottleOptions, 'maxFailures' | 'maxSourceFailures' | 'windowSeconds'>;
  /** Days of virtual time an offline activation file stays loadable after it is issued (30 unless told). */
  offlineFileDays?: number;
  /** Accounts, licenses and SmartServers to start with and to return to on every reset (see seed.ts). */
  seed?: unknown;
  /**
   * The secret session tokens are signed with (base64), instead of this data file's own: the
   * processes of a sharded emulator share one, so each accepts the tokens any of them issued.
   */
  tokenSecret?: string;
  /** A snapshot's state to start from, loaded after the seed (a reset still returns to the seed). */
  state?: EmulatorState;
  /** Randomness, hashing and signing: node:crypto unless given. */
  crypto?: CryptoPort;
  /** How the SmartServers reach the licensing cloud: this emulator's own cloud unless given (a shard reaches a remote one). */
  cloud?: (ctx: CoreContext) => LicensingCloudPort;
}

export const DEFAULT_START_DATE = '2026-01-05T09:00:00.000Z';

/** Every table: the shared records first, then the control plane's fleets, then each service's own. */
const TABLES = [RECORD_TABLES, SECRET_TABLES, SESSION_TABLES, FLEET_TABLES, ...SERVICES.flatMap((service) => (service.tables ? [service.tables] : []))];

function secret(meta: ReturnType<typeof metaStore>, key: string, make: () => string): string {
  const existing = meta.read(key);
  if (existing) return existing;
  const value = make();
  meta.write(key, value);
  return value;
}

/**
 * SSLAB_PASSWORD_COST=fast makes the emulators a process starts hash passwords at the fast cost:
 * mutation testing reruns the HTTP tests thousands of times, and the standard cost dominates them.
 */
const defaultPasswordCost = (): PasswordCost => (process.env.SSLAB_PASSWORD_COST === 'fast' ? 'fast' : 'standard');

/** A clock a snapshot holds must be one the virtual clock can be set to. */
function checkClock(now: string): void {
  try {
    new VirtualClock({ read: () => undefined, write: () => undefined }, DEFAULT_START_DATE).set(now);
  } catch (error) {
    const rule = error instanceof Problem ? error.detail.replace(/^now: /, '') : 'must be an ISO timestamp';
    throw new Problem(422, 'snapshot-malformed', `The snapshot cannot be loaded: state.clock ${rule}. Nothing was changed.`, 'state.clock');
  }
}

/** The token secret's bytes, once both keys are known to be usable; refuses keys that are not. */
function usableKeys(ctx: CoreContext, keys: EmulatorKeys): Uint8Array {
  const unusable = (which: string) =>
    new Problem(422, 'snapshot-keys-unusable', `The snapshot cannot be loaded: its ${which} is not a usable key. Nothing was changed.`);
  const secret = typeof keys.tokenSecret === 'string' && /^[A-Za-z0-9+/_-]+={0,2}$/.test(keys.tokenSecret) ? fromBase64(keys.tokenSecret) : undefined;
  if (!secret || secret.length < 16) throw unusable('token secret (base64 of at least 16 bytes)');
  try {
    ctx.crypto.signingKey(keys.signingKey);
  } catch {
    throw unusable('signing key (a PEM private key)');
  }
  return secret;
}

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const dataFile = options.dataFile ?? ':memory:';
  const db = openDatabase(dataFile, TABLES);
  const meta = metaStore(db);
  const crypto = options.crypto ?? nodeCrypto;
  let tokenSecretText = options.tokenSecret ?? secret(meta, 'token-secret', () => toBase64(crypto.randomBytes(32)));
  secret(meta, 'signing-key', () => crypto.newSigningKeyPem());
  const startDate = options.startDate ?? DEFAULT_START_DATE;
  const clock = new VirtualClock({ read: () => meta.read('clock'), write: (v) => meta.write('clock', v) }, startDate);
  const ctx: CoreContext = {
    db,
    clock,
    licenses: licenseStore(db),
    tokens: new TokenIssuer(crypto, fromBase64(tokenSecretText), options.tokenTtlSeconds ?? 8 * 3600, new SessionLedger(db)),
    newId: crypto.randomUuid,
    crypto,
    config: {
      maintenanceRule: options.maintenanceRule ?? 'exact',
      passwordCost: options.passwordCost ?? defaultPasswordCost(),
      offlineFileDays: options.offlineFileDays ?? 30,
    },
    updates: new UpdateHub(),
    logins: new LoginThrottle(options.loginLockout),
  };
  // An order a crash left half placed is taken back whole (see placeOrderInSteps).
  withdrawUnfinishedOrders(ctx);
  const faults = new CloudFaults();
  const empty = !db.prepare('SELECT 1 FROM partners LIMIT 1').get();
  if (options.seed !== undefined && empty) applySeed(ctx, options.seed);
  // What a reset returns to, taken once: putting rows back costs far less than seeding again (no password hashing).
  const seeded: EmulatorState = { tables: options.seed !== undefined ? captureTables(db) : [], clock: startDate, faults: faults.current() };
  /** Puts a state back in one transaction; the clock last, so a clock it refuses leaves the rows and the clock as they were. */
  const putBack = (state: EmulatorState, tokenSecret?: Uint8Array) => {
    db.transaction(() => {
      replaceTables(db, TABLES, state.tables);
      if (state.keys) {
        meta.write('token-secret', state.keys.tokenSecret);
        meta.write('signing-key', state.keys.signingKey);
      }
      clock.set(state.clock);
    })();
    faults.set(state.faults);
    ctx.logins.clear();
    // Processes of a sharded emulator share the token secret they were given; a snapshot does not replace it.
    if (tokenSecret && !options.tokenSecret) {
      ctx.tokens.rekey(tokenSecret);
      tokenSecretText = state.keys!.tokenSecret;
    }
  };
  const restore = (state: EmulatorState) => {
    // Everything that can be checked without writing is checked first: a refusal changes nothing.
    checkTables(db, state.tables);
    new CloudFaults().set(state.faults);
    const tokenSecret = state.keys && usableKeys(ctx, state.keys);
    checkClock(state.clock);
    try {
      putBack(state, tokenSecret);
      ctx.tokens.forgetEndedSessions();
    } catch (error) {
      if (error instanceof Problem) throw error;
      throw new Problem(422, 'snapshot-does-not-fit', `The snapshot cannot be loaded: ${(error as Error).message}. Nothing was changed.`);
    }
  };
  // In memory, the seeded state is held as an open transaction and a reset rolls back to it (see holdBaseline).
  const inMemory = dataFile === ':memory:' || dataFile === '';
  let baseline = inMemory ? holdBaseline(db) : undefined;
  if (options.state) restore(options.state);
  return {
    ctx,
    cloud: new FaultInjectingCloud(options.cloud ? options.cloud(ctx) : new LicensingCloud(ctx), faults),
    faults,
    dataFile,
    // The seeded state was taken from this very database: there is nothing to check.
    reset: () => {
      if (baseline?.rollBack()) {
        clock.set(seeded.clock);
        faults.set(seeded.faults);
        ctx.logins.clear();
      } else {
        putBack(seeded);
        if (inMemory) baseline = holdBaseline(db);
      }
      // A reset forgets the accounts; the sessions issued for them end with them.
      ctx.tokens.endSessions();
    },
    capture: () => ({
      tables: captureTables(db),
      clock: clock.now(),
      faults: faults.current(),
      keys: { tokenSecret: tokenSecretText, signingKey: meta.read('signing-key')! },
    }),
    restore,
    close() {
      db.close();
    },
  };
}
