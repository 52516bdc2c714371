import type { Emulator } from '../kernel/emulator';

/**
 * SQLite's total_changes() counts every row any statement on the connection wrote (triggers included,
 * a rolled-back write too), so it moves on each write; the clock and the injected faults live
 * partly or wholly in memory and are taken as they are.
 */
export function changeMark(emulator: Emulator): string {
  const { changes } = emulator.ctx.db.prepare<[], { changes: number }>('SELECT total_changes() AS changes').get()!;
  const { delayMs, failWith } = emulator.faults.current();
  return `${changes}.${emulator.ctx.clock.now()}.${delayMs}.${failWith ?? 'none'}`;
}
