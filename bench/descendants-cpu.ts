import { readdirSync, readFileSync } from 'node:fs';
import { type ProcessTimes, readStat } from './process-cpu';

/** CPU seconds the descendants of a process used, and the part Chromium's processes used. */
export interface DescendantsCpu {
  seconds: number;
  chromiumSeconds: number;
}

/** Every process's parent, own CPU time (user and system) and name, from /proc. */
function processTimes(): Map<number, ProcessTimes> {
  const times = new Map<number, ProcessTimes>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      times.set(Number(entry), readStat(readFileSync(`/proc/${entry}/stat`, 'utf8')));
    } catch {
      // The process ended while the list was read.
    }
  }
  return times;
}

/**
 * Watches the CPU time of every descendant of `root` (this process by default) until `stop`, which
 * answers the total. A process is counted up to its last look, every `everyMs`: Chromium's tab
 * processes are not always waited for by their parents, so the CPU time the kernel hands up to a
 * parent on exit misses them. Linux only; elsewhere it answers undefined.
 */
export function watchDescendantsCpu(root = process.pid, everyMs = 250): { stop(): DescendantsCpu | undefined } {
  let available = true;
  const last = new Map<number, { seconds: number; chromium: boolean }>();
  const look = () => {
    let times: Map<number, ProcessTimes>;
    try {
      times = processTimes();
    } catch {
      available = false;
      return;
    }
    for (const [pid, time] of times) {
      if (pid === root) continue;
      let ancestor = time.parent;
      while (ancestor > 1 && ancestor !== root) ancestor = times.get(ancestor)?.parent ?? 1;
      if (ancestor === root) last.set(pid, { seconds: time.seconds, chromium: /chrom/i.test(time.name) });
    }
  };
  look();
  const timer = setInterval(look, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      look();
      if (!available) return undefined;
      let seconds = 0;
      let chromiumSeconds = 0;
      for (const usage of last.values()) {
        seconds += usage.seconds;
        if (usage.chromium) chromiumSeconds += usage.seconds;
      }
      return { seconds, chromiumSeconds };
    },
  };
}
