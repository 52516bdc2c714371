import { readFileSync } from 'node:fs';

/** Clock ticks per second of the times in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds (user and system, every thread) process `pid` has used so far, from /proc; undefined
 * where there is no /proc or the process is gone. On a shared machine the CPU a server spends per
 * request swings far less than the requests it answers per second.
 */
export function processCpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Runs `work` and answers what it answered with the CPU seconds process `pid` used meanwhile (undefined without /proc). */
export async function withProcessCpu<T>(pid: number | undefined, work: () => Promise<T>): Promise<{ result: T; cpuSeconds?: number }> {
  const before = processCpuSeconds(pid);
  const result = await work();
  const after = processCpuSeconds(pid);
  return { result, cpuSeconds: before !== undefined && after !== undefined ? after - before : undefined };
}
