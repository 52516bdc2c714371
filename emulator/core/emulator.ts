import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import type { MaintenanceRule } from '../../models/license.rules';
import { VirtualClock } from './clock';
import { LicensingCloud, type LicensingCloudPort } from './cloud';
import { CloudFaults, FaultInjectingCloud } from './cloud-faults';
import type { CoreContext } from './context';
import { clearDatabase, licenseStore, metaStore, openDatabase } from './store';
import { TokenIssuer } from './tokens';
import { applySeed, restoreRows, snapshotRows } from './seed';
import { UpdateHub } from './updates';

export interface EmulatorOptions {
  /** SQLite file; ':memory:' keeps everything in memory. */
  dataFile?: string;
  /** The virtual date a new data file starts at. */
  startDate?: string;
  maintenanceRule?: MaintenanceRule;
  tokenTtlSeconds?: number;
  /** Accounts, licenses and SmartServers to start with and to return to on every reset (see seed.ts). */
  seed?: unknown;
}

export const DEFAULT_START_DATE = '2026-01-05T09:00:00.000Z';

/** The domain core, assembled: one database, one virtual clock, the cloud and its services. */
export interface Emulator {
  ctx: CoreContext;
  cloud: LicensingCloudPort;
  /** Faults injected into the SmartServers' path to the cloud (test control plane). */
  faults: CloudFaults;
  dataFile: string;
  reset(): void;
  /** Registers a callback every reset runs after its own, so a vendor's tables are cleared with the rest. */
  onReset(clear: () => void): void;
  close(): void;
}

function secret(meta: ReturnType<typeof metaStore>, key: string, make: () => string): string {
  const existing = meta.read(key);
  if (existing) return existing;
  const value = make();
  meta.write(key, value);
  return value;
}

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const dataFile = options.dataFile ?? ':memory:';
  const db = openDatabase(dataFile);
  const meta = metaStore(db);
  const tokenSecret = Buffer.from(secret(meta, 'token-secret', () => randomBytes(32).toString('base64')), 'base64');
  secret(meta, 'signing-key', () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  const startDate = options.startDate ?? DEFAULT_START_DATE;
  const clock = new VirtualClock({ read: () => meta.read('clock'), write: (v) => meta.write('clock', v) }, startDate);
  const ctx: CoreContext = {
    db,
    clock,
    licenses: licenseStore(db),
    tokens: new TokenIssuer(tokenSecret, options.tokenTtlSeconds ?? 8 * 3600),
    newId: randomUUID,
    config: { maintenanceRule: options.maintenanceRule ?? 'exact' },
    updates: new UpdateHub(),
  };
  const faults = new CloudFaults();
  const resetHooks: (() => void)[] = [];
  const empty = !db.prepare('SELECT 1 FROM partners LIMIT 1').get();
  if (options.seed !== undefined && empty) applySeed(ctx, options.seed);
  const seeded = options.seed !== undefined ? snapshotRows(db) : undefined;
  return {
    ctx,
    cloud: new FaultInjectingCloud(new LicensingCloud(ctx), faults),
    faults,
    dataFile,
    reset() {
      clearDatabase(db);
      faults.clear();
      clock.set(startDate);
      if (seeded) restoreRows(db, seeded);
      for (const clear of resetHooks) clear();
    },
    onReset(clear) {
      resetHooks.push(clear);
    },
    close() {
      db.close();
    },
  };
}
