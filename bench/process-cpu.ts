import { readFileSync } from 'node:fs';

/** Clock ticks per second of the times in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** A process's parent, its CPU seconds so far (user and system, every thread) and its name. */
export interface ProcessTimes {
  parent: number;
  seconds: number;
  name: string;
}

/** A process's times as its /proc/<pid>/stat gives them. */
export function readStat(stat: string): ProcessTimes {
  const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { parent: Number(fields[1]), seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND, name };
}

/**
 * CPU seconds (user and system, every thread) process `pid` has used so far, from /proc; undefined
 * where there is no /proc or the process is gone. On a shared machine the CPU a server spends per
 * request swings far less than the requests it answers per second.
 */
export function processCpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    return readStat(readFileSync(`/proc/${pid}/stat`, 'utf8')).seconds;
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
