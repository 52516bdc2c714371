import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/**
 * Where a bench's server and its load generator run: on a core each, when the machine has two and
 * `taskset` is there, since sharing cores the figures swing with how the scheduler splits them.
 * SSLAB_BENCH_PIN=off leaves the placement to the scheduler.
 */
export interface CorePlacement {
  server: string;
  loadGenerator: string;
}

export function corePlacement(): CorePlacement | undefined {
  if (process.env.SSLAB_BENCH_PIN === 'off' || availableParallelism() < 2) return undefined;
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  return { server: '1', loadGenerator: '0' };
}

/** The command that starts `node` (a node command line) on the server's core. */
export function onServerCore(placement: CorePlacement | undefined, node: string[]): string[] {
  return placement ? ['taskset', '-c', placement.server, ...node] : node;
}

/** Runs `work` with every thread of this process (the load generator's) on its core, then lets it run anywhere again. */
export async function onLoadGeneratorCore<T>(placement: CorePlacement | undefined, work: () => Promise<T>): Promise<T> {
  if (!placement) return work();
  const all = `0-${availableParallelism() - 1}`;
  execFileSync('taskset', ['-a', '-p', '-c', placement.loadGenerator, String(process.pid)], { stdio: 'ignore' });
  try {
    return await work();
  } finally {
    execFileSync('taskset', ['-a', '-p', '-c', all, String(process.pid)], { stdio: 'ignore' });
  }
}
