import { readFileSync } from 'node:fs';
import type { EmulatorOptions } from '../emulator/runtime/emulator';
import { serveEmulator } from '../emulator/runtime/serve';
import { ApiControlPlane } from './drivers/api';
import { HttpClient } from './drivers/http-client';
import { SEED_FILE } from './support/reference-data';

export interface StartEmulatorOptions {
  /**
   * What the emulator holds at start and after every reset: the bundled seed (the reference data
   * the bundled steps expect) unless given; `null` starts it empty.
   */
  seed?: unknown;
  /** A SQLite file to keep the state in; in memory unless given. */
  dataFile?: string;
  /** The control plane (/_emulator) and the vendor's back office; on unless false. */
  admin?: boolean;
  /** The port on 127.0.0.1; a free one unless given. */
  port?: number;
  /** scrypt cost of password hashes: 'fast' unless given, since a test emulator is thrown away. */
  passwordCost?: EmulatorOptions['passwordCost'];
}

export interface StartedEmulator {
  /** Where it answers, such as http://127.0.0.1:41234. */
  url: string;
  /** Its IAP/MQ broker (MQTT 3.1.1 on loopback): a SmartServer's CMS users log in as user@installCode. */
  mqttUrl: string;
  /** Its control plane: reset, the virtual clock, faults, SmartServers. */
  controlPlane: ApiControlPlane;
  stop(): Promise<void>;
}

/** Starts the emulator's HTTP server on loopback, for a test of a team's own (vitest, jest, a script). */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<StartedEmulator> {
  const seed = options.seed === undefined ? JSON.parse(readFileSync(SEED_FILE, 'utf8')) : (options.seed ?? undefined);
  const running = await serveEmulator({
    host: '127.0.0.1',
    port: options.port ?? 0,
    dataFile: options.dataFile ?? ':memory:',
    seed,
    admin: options.admin ?? true,
    passwordCost: options.passwordCost ?? 'fast',
  });
  return {
    url: running.url,
    mqttUrl: running.iapMq!.url,
    controlPlane: new ApiControlPlane(new HttpClient(running.url)),
    stop: () => running.stop(),
  };
}
