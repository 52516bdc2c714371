import type { MaintenanceRule } from '../../models/license.rules';
import { VirtualClock } from '../kernel/clock';
import type { CryptoPort, LicensingCloudPort } from '../kernel/ports';
import { LicensingCloud } from '../services/licensing-cloud';
import { CloudFaults, FaultInjectingCloud } from '../kernel/cloud-faults';
import type { CoreContext } from '../kernel/context';
import { clearTables, licenseStore, metaStore, RECORD_TABLES } from '../kernel/store';
import { FLEET_TABLES } from '../control-plane/fleets/tables';
import { SERVICES } from '../services/registry';
import { withdrawUnfinishedOrders } from '../services/backoffice';
import { nodeCrypto } from './node-crypto';
import { openDatabase } from './sqlite';
import { TokenIssuer } from '../kernel/tokens';
import { LoginThrottle, type LoginThrottleOptions } from '../kernel/login-throttle';
import type { PasswordCost } from '../kernel/passwords';
import { applySeed, restoreRows, snapshotRows } from '../control-plane/seed';
import { UpdateHub } from '../kernel/updates';
import type { Emulator } from '../kernel/emulator';
import { fromBase64, toBase64 } from '../kernel/encoding';
import { SECRET_TABLES, secretStore } from '../kernel/secrets';
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
  /** Randomness, hashing and signing: node:crypto unless given. */
  crypto?: CryptoPort;
  /** How the SmartServers reach the licensing cloud: this emulator's own cloud unless given (a shard reaches a remote one). */
  cloud?: (ctx: CoreContext) => LicensingCloudPort;
}

export const DEFAULT_START_DATE = '2026-01-05T09:00:00.000Z';

/** Every table: the shared records first, then the control plane's fleets, then each service's own. */
const TABLES = [RECORD_TABLES, SECRET_TABLES, SESSION_TABLES, FLEET_TABLES, ...SERVICES.flatMap((service) => (service.tables ? [service.tables] : []))];

/**
 * SSLAB_PASSWORD_COST=fast makes the emulators a process starts hash passwords at the fast cost:
 * mutation testing reruns the HTTP tests thousands of times, and the standard cost dominates them.
 */
const defaultPasswordCost = (): PasswordCost => (process.env.SSLAB_PASSWORD_COST === 'fast' ? 'fast' : 'standard');

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const dataFile = options.dataFile ?? ':memory:';
  const db = openDatabase(dataFile, TABLES);
  const meta = metaStore(db);
  const crypto = options.crypto ?? nodeCrypto;
  const secrets = secretStore(db);
  const tokenSecret = fromBase64(options.tokenSecret ?? secrets.ensure('token-secret', () => toBase64(crypto.randomBytes(32))));
  secrets.ensure('signing-key', () => crypto.newSigningKeyPem());
  const startDate = options.startDate ?? DEFAULT_START_DATE;
  const clock = new VirtualClock({ read: () => meta.read('clock'), write: (v) => meta.write('clock', v) }, startDate);
  const ctx: CoreContext = {
    db,
    clock,
    licenses: licenseStore(db),
    tokens: new TokenIssuer(crypto, tokenSecret, options.tokenTtlSeconds ?? 8 * 3600, new SessionLedger(db)),
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
  const seeded = options.seed !== undefined ? snapshotRows(db) : undefined;
  return {
    ctx,
    cloud: new FaultInjectingCloud(options.cloud ? options.cloud(ctx) : new LicensingCloud(ctx), faults),
    faults,
    dataFile,
    reset() {
      clearTables(db, TABLES);
      faults.clear();
      ctx.logins.clear();
      // A reset forgets the accounts; the sessions issued for them end with them.
      ctx.tokens.endSessions();
      clock.set(startDate);
      if (seeded) restoreRows(db, seeded);
    },
    close() {
      db.close();
    },
  };
}
