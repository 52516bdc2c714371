import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import type { MaintenanceRule } from '../../models/license.rules';
import { VirtualClock } from './clock';
import { LicensingCloud, type LicensingCloudPort } from './cloud';
import type { CoreContext } from './context';
import { clearDatabase, licenseStore, metaStore, openDatabase } from './store';
import { TokenIssuer } from './tokens';

export interface EmulatorOptions {
  /** SQLite file; ':memory:' keeps everything in memory. */
  dataFile?: string;
  /** The virtual date a new data file starts at. */
  startDate?: string;
  maintenanceRule?: MaintenanceRule;
  tokenTtlSeconds?: number;
}

export const DEFAULT_START_DATE = '2026-01-05T09:00:00.000Z';

/** The domain core, assembled: one database, one virtual clock, the cloud and its services. */
export interface Emulator {
  ctx: CoreContext;
  cloud: LicensingCloudPort;
  dataFile: string;
  reset(): void;
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
  };
  return {
    ctx,
    cloud: new LicensingCloud(ctx),
    dataFile,
    reset() {
      clearDatabase(db);
      clock.set(startDate);
    },
    close() {
      db.close();
    },
  };
}
