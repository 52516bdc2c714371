import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * How often our drivers talked to staging themselves, written where the run's reports go when the
 * run ends, so a run can show that our drivers, not sslab's, were the ones used.
 */
const calls: Record<string, number> = {};

export function counted(operation: string): void {
  calls[operation] = (calls[operation] ?? 0) + 1;
}

process.on('exit', () => {
  // sslab also loads this module to check it before the run; that process has nothing to say.
  if (Object.keys(calls).length === 0) return;
  const folder = process.env.SSLAB_REPORTS ?? join(process.cwd(), 'reports', 'out');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'our-driver-calls.json'), `${JSON.stringify(calls, null, 2)}\n`);
});
