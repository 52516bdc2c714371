import { serveEmulator } from '../emulator/runtime/serve';
import { STORM_FLEET } from './storm-fleet';

/**
 * The emulator the licensing storm runs against, in a process of its own as a cloud is to its
 * clients, so the storm's client does not share its event loop: makes the storm fleet, prints one
 * JSON line with its URL and how long the fleet took, then serves until it is killed.
 */
async function main(): Promise<void> {
  const started = performance.now();
  const running = await serveEmulator({ port: 0, host: '127.0.0.1', dataFile: ':memory:', fleet: STORM_FLEET, passwordCost: 'fast' });
  console.log(JSON.stringify({ url: running.url, readyMs: Math.round(performance.now() - started) }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
