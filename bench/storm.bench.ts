import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { licensingStorm } from '../steps/lib/licensing-storm';
import { STORM_FLEET } from './storm-fleet';
import type { Bench, BenchFigure } from './types';

/**
 * A licensing storm over 10,000 SmartServers on one emulator, through its HTTP API: every
 * SmartServer saves its Customer ID, activates a license from the cloud and transfers it back at
 * once. The emulator runs in a process of its own; the storm's client sends 64 requests at a time
 * over kept-alive connections. Throughput, p50 and p99 per phase, and the count of whole-fleet
 * invariants broken (held to zero).
 */

const ROOT = join(__dirname, '..');
const IN_FLIGHT = 64;
/** Each phase of 10,000 done in under 20 seconds. */
const MIN_PER_SECOND = 500;
const MAX_P99_MS = 1000;

async function startEmulator(log: (line: string) => void): Promise<{ url: string; readyMs: number; stop(): void }> {
  log('making 10,000 SmartServers in an emulator process of its own…');
  const child = spawn(process.execPath, ['-r', join(ROOT, 'bin', 'register.js'), join(__dirname, 'storm-server.child.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  try {
    const ready = await new Promise<{ url: string; readyMs: number }>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve(JSON.parse(line) as { url: string; readyMs: number });
      });
      child.once('exit', (code) => reject(new Error(`the storm's emulator ended (${code}) before it listened`)));
    });
    return { ...ready, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

export const bench: Bench = {
  name: 'licensing storm',
  async run(log) {
    const emulator = await startEmulator(log);
    try {
      const result = await licensingStorm({ url: emulator.url, fleet: STORM_FLEET.name, password: STORM_FLEET.password!, concurrency: IN_FLIGHT, log });
      const figures: BenchFigure[] = [
        { name: 'storm: SmartServers', value: result.smartServers, unit: 'SmartServers', target: { op: '>=', value: 10_000 } },
        { name: 'storm: the fleet made and served', value: emulator.readyMs, unit: 'ms', note: 'in the emulator process, before the storm' },
      ];
      for (const p of result.phases) {
        figures.push(
          {
            name: `storm: ${p.phase}, throughput`,
            value: p.perSecond,
            unit: 'per s',
            target: { op: '>=', value: MIN_PER_SECOND },
            note: `${p.requests.toLocaleString('en-US')} in ${(p.ms / 1000).toFixed(1)} s, ${IN_FLIGHT} requests in flight`,
          },
          { name: `storm: ${p.phase}, p50`, value: p.p50Ms, unit: 'ms' },
          { name: `storm: ${p.phase}, p99`, value: p.p99Ms, unit: 'ms', target: { op: '<=', value: MAX_P99_MS } },
        );
      }
      figures.push(
        {
          name: 'storm: licenses held across the fleet after activation',
          value: result.heldAfterActivation,
          unit: 'licenses',
          target: { op: '>=', value: result.smartServers },
        },
        { name: 'storm: licenses held across the fleet after the return', value: result.heldAfterReturn, unit: 'licenses', target: { op: '<=', value: 0 } },
        {
          name: 'storm: whole-fleet invariants broken',
          value: result.violations.length,
          unit: 'violations',
          target: { op: '<=', value: 0 },
          note: result.violations.length
            ? result.violations.slice(0, 3).join('; ')
            : 'no license active twice, none above capacity, every device in its colour',
        },
      );
      return { name: this.name, figures };
    } finally {
      emulator.stop();
    }
  },
};
