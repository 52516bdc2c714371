import { readFileSync } from 'node:fs';
import { createEmulator } from '../emulator/runtime/emulator';
import { createFleetHere } from '../emulator/control-plane/fleets/service';
import { BENCH_FLEET } from './fleet-description';

/**
 * Run in its own process by fleet.bench.ts, so that its peak resident memory is the fleet's alone:
 * makes the bench fleet in a fresh data file, tells its progress on standard error as it loads,
 * and prints one JSON line.
 */
function peakResidentBytes(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) * 1024 : process.memoryUsage().rss;
}

const dataFile = process.argv[2];
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
const emulator = createEmulator({ dataFile });
const summary = createFleetHere(emulator.ctx, BENCH_FLEET, (done, total) => {
  process.stderr.write(
    `${Math.round((done * 100) / total)}%: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} SmartServers (${seconds()} s)\n`,
  );
});
const loadedMs = performance.now() - started;
const stored = emulator.ctx.db
  .prepare<[], { servers: number; devices: number }>('SELECT COUNT(*) AS servers, COALESCE(SUM(LENGTH(cells)), 0) AS devices FROM device_sets')
  .get()!;
emulator.close();
const closedMs = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({
    loadedMs,
    closedMs,
    smartServers: summary.smartServers,
    devices: summary.devices.total,
    storedSmartServers: stored.servers,
    storedDevices: stored.devices,
    peakRss: peakResidentBytes(),
    rssBefore,
  })}\n`,
);
