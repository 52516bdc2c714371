import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../http/app';
import { createEmulator, type Emulator, type EmulatorOptions } from '../core/emulator';

export interface ServeOptions extends EmulatorOptions, AppOptions {
  host?: string;
  port?: number;
}

export interface RunningEmulator {
  url: string;
  emulator: Emulator;
  app: FastifyInstance;
  stop(): Promise<void>;
}

/** Starts the emulator's HTTP server; loopback only unless a host is given. */
export async function serveEmulator(options: ServeOptions = {}): Promise<RunningEmulator> {
  const emulator = createEmulator(options);
  const app = buildApp(emulator, options);
  const address = await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 8080 });
  return {
    url: address.replace('[::1]', 'localhost'),
    emulator,
    app,
    async stop() {
      await app.close();
      emulator.close();
    },
  };
}
