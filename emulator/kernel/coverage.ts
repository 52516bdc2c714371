/**
 * Which machine transitions the emulator has performed, counted per (machine, from, event, to).
 * The conformance report marks these edges on the state diagrams. The log belongs to one
 * database (one emulator) and survives resets, so it covers a whole run of the suite.
 */
export type MachineName = 'license' | 'device' | 'smartserver' | (string & {});

export interface TransitionCount {
  machine: MachineName;
  from: string;
  event?: string;
  to: string;
  count: number;
}

const logs = new WeakMap<object, Map<string, TransitionCount>>();

function logOf(owner: object): Map<string, TransitionCount> {
  let log = logs.get(owner);
  if (!log) logs.set(owner, (log = new Map()));
  return log;
}

/** Counts one transition (or `count` identical ones, for bulk device changes). */
export function recordTransition(owner: object, machine: MachineName, from: string, to: string, event?: string, count = 1): void {
  if (count <= 0) return;
  const key = `${machine}|${from}|${event ?? ''}|${to}`;
  const log = logOf(owner);
  const entry = log.get(key);
  if (entry) entry.count += count;
  else log.set(key, { machine, from, event, to, count });
}

export function recordedTransitions(owner: object): TransitionCount[] {
  return [...logOf(owner).values()].map((t) => ({ ...t }));
}
