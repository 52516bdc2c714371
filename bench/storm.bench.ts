import type { FleetDescription } from '../emulator/control-plane/fleets/description';
import { serveEmulator } from '../emulator/runtime/serve';
import { licensingStorm } from '../steps/lib/licensing-storm';
import type { Bench, BenchFigure } from './types';

/**
 * A licensing storm over 10,000 SmartServers on one emulator, through its HTTP API: every
 * SmartServer saves its Customer ID, activates a license from the cloud and transfers it back at
 * once. Figures per phase, and the count of whole-fleet invariants broken (held to zero).
 */

const STORM_FLEET: FleetDescription = {
  name: 'bench-storm',
  seed: 10_000,
  password: 'Bench-Storm-2026!',
  smartServers: [{ group: 'sites', count: 10_000, version: '4.0', online: true, devices: { lon: { uniform: [20, 60] }, bacnet: { uniform: [0, 10] } } }],
};

export const bench: Bench = {
  name: 'licensing storm',
  async run(log) {
    log('making 10,000 SmartServers and serving them…');
    const running = await serveEmulator({ port: 0, dataFile: ':memory:', fleet: STORM_FLEET, passwordCost: 'fast' });
    try {
      const result = await licensingStorm({ url: running.url, fleet: STORM_FLEET.name, password: STORM_FLEET.password!, concurrency: 64, log });
      const figures: BenchFigure[] = [{ name: 'storm: SmartServers', value: result.smartServers, unit: 'SmartServers', target: { op: '>=', value: 10_000 } }];
      for (const p of result.phases) {
        figures.push(
          { name: `storm: ${p.phase}, throughput`, value: p.perSecond, unit: 'per s' },
          { name: `storm: ${p.phase}, p50`, value: p.p50Ms, unit: 'ms', note: '64 requests in flight' },
          { name: `storm: ${p.phase}, p99`, value: p.p99Ms, unit: 'ms' },
        );
      }
      figures.push({ name: 'storm: whole-fleet invariants broken', value: result.violations.length, unit: 'violations', target: { op: '<=', value: 0 } });
      return { name: this.name, figures };
    } finally {
      await running.stop();
    }
  },
};
