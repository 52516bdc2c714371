import { getAdjacencyMap, getShortestPaths } from '@xstate/graph';
import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine, type EventObject, type StateValue } from 'xstate';

/**
 * Test paths generated from a machine: the shortest way to every state, a set of paths that
 * together take every transition, and "probes", events the machine refuses in a state, slotted
 * into those paths where the state is reached. A target that replays the paths must end up where
 * the machine does after every step, and must refuse every probe.
 *
 * Events carry payloads (customers, install codes, licenses), so each machine comes with a small
 * finite set of representative events; a `variant` names the payload family that matters (an
 * online and an offline activation are different transitions to exercise), and `stopWhen` bounds
 * contexts that could grow forever.
 */
export interface PathStart<TInput = unknown> {
  /** Who or what the path is about, e.g. "a capacity license with its customer". */
  name: string;
  input: TInput;
}

export interface PathSpec<TEvent extends EventObject, TInput = unknown> {
  machine: string;
  logic: AnyStateMachine;
  starts: readonly PathStart<TInput>[];
  /** The representative events to try in a state of a path from `start`. */
  events(start: PathStart<TInput>, snapshot: AnyMachineSnapshot): readonly TEvent[];
  /** The payload family of an event; by default its type. */
  variant?(event: TEvent): string;
  /** Why the machine refuses `event` (a stable code), so different refusals get their own probe. */
  refusal?(snapshot: AnyMachineSnapshot, event: TEvent): string | undefined;
  /** Stops the traversal in states whose context grew too far. */
  stopWhen?(snapshot: AnyMachineSnapshot): boolean;
  /** No path takes more transitions than this (probes do not count). */
  maxLength: number;
}

export interface PathStep<TEvent> {
  event: TEvent;
  variant: string;
  from: string;
  to: string;
  /** A transition the machine takes, or a probe it refuses (and stays where it is). */
  kind: 'transition' | 'probe';
  /** The machine's reason for refusing a probe. */
  refusal?: string;
}

export interface GeneratedPath<TEvent> {
  machine: string;
  start: string;
  /** The state the path starts in, after the machine's own initial transitions. */
  initial: string;
  steps: PathStep<TEvent>[];
}

export interface PathPlan<TEvent> {
  machine: string;
  /** The shortest path to every state the traversal reached. */
  statePaths: GeneratedPath<TEvent>[];
  /** Paths that together take every transition found (by variant) and try every probe. */
  paths: GeneratedPath<TEvent>[];
  /** "from --VARIANT--> to" for every transition the paths take. */
  transitions: string[];
  /** "from --VARIANT--x reason" for every probe the paths try. */
  probes: string[];
}

/** A state value as one dotted name: "provisioned.normal". */
export function stateName(value: StateValue): string {
  if (typeof value === 'string') return value;
  const [[parent, child]] = Object.entries(value);
  return child === undefined ? parent : `${parent}.${stateName(child as StateValue)}`;
}

export const transitionKey = (from: string, variant: string, to: string) => `${from} --${variant}--> ${to}`;
export const probeKey = (from: string, variant: string, refusal: string | undefined) => `${from} --${variant}--x ${refusal ?? 'refused'}`;

const serialize = (snapshot: AnyMachineSnapshot) => JSON.stringify({ value: snapshot.value, context: snapshot.context });
const sameEvent = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

interface Reached<TEvent> {
  key: string;
  snapshot: AnyMachineSnapshot;
  steps: PathStep<TEvent>[];
}

interface Candidate<TEvent> {
  start: number;
  steps: PathStep<TEvent>[];
}

/** Every serialized state reachable from one start, each with its shortest path (transitions only). */
function reachable<TEvent extends EventObject, TInput>(spec: PathSpec<TEvent, TInput>, start: PathStart<TInput>) {
  const options = {
    input: start.input,
    events: (snapshot: AnyMachineSnapshot) => spec.events(start, snapshot),
    serializeState: serialize,
    stopWhen: spec.stopWhen,
  };
  // The library's options are typed for one concrete machine; these specs are generic over machines.
  const shortest = getShortestPaths(spec.logic, options as never) as { state: AnyMachineSnapshot; steps: { event: TEvent; state: AnyMachineSnapshot }[] }[];
  const adjacency = getAdjacencyMap(spec.logic, options as never) as unknown as Record<string, { transitions: Record<string, { event: TEvent; state: AnyMachineSnapshot }> }>;
  const variant = spec.variant ?? ((event: TEvent) => event.type);
  const reached: Reached<TEvent>[] = shortest.map((path) => {
    const taken = path.steps.filter((s) => s.event.type !== 'xstate.init');
    let from = stateName(shortest[0].state.value);
    const initialStep = path.steps.find((s) => s.event.type === 'xstate.init');
    if (initialStep) from = stateName(initialStep.state.value);
    const steps = taken.map((s) => {
      const step: PathStep<TEvent> = { event: s.event, variant: variant(s.event), from, to: stateName(s.state.value), kind: 'transition' };
      from = step.to;
      return step;
    });
    return { key: serialize(path.state), snapshot: path.state, steps };
  });
  reached.sort((a, b) => a.steps.length - b.steps.length);
  return { reached: reached.filter((r) => r.steps.length <= spec.maxLength), adjacency, variant };
}

const isPrefix = <T>(short: PathStep<T>[], long: PathStep<T>[]) =>
  short.length <= long.length && short.every((s, i) => sameEvent(s.event, long[i].event));

export function generatePaths<TEvent extends EventObject, TInput>(spec: PathSpec<TEvent, TInput>): PathPlan<TEvent> {
  const transitions = new Map<string, Candidate<TEvent>>();
  const probes = new Map<string, { start: number; stateKey: string; prefix: PathStep<TEvent>[]; step: PathStep<TEvent> }>();
  const statePaths = new Map<string, GeneratedPath<TEvent>>();
  const initials: string[] = [];

  spec.starts.forEach((start, s) => {
    const { reached, adjacency, variant } = reachable(spec, start);
    const initial = stateName(reached[0].snapshot.value);
    initials.push(initial);
    for (const { key, snapshot, steps } of reached) {
      const here = stateName(snapshot.value);
      if (!statePaths.has(here)) statePaths.set(here, { machine: spec.machine, start: start.name, initial, steps });
      if (steps.length >= spec.maxLength) continue;
      for (const { event, state: next } of Object.values(adjacency[key]?.transitions ?? {})) {
        if (snapshot.can(event)) {
          const step: PathStep<TEvent> = { event, variant: variant(event), from: here, to: stateName(next.value), kind: 'transition' };
          const id = transitionKey(step.from, step.variant, step.to);
          if (!transitions.has(id)) transitions.set(id, { start: s, steps: [...steps, step] });
        } else {
          const refusal = spec.refusal?.(snapshot, event);
          const step: PathStep<TEvent> = { event, variant: variant(event), from: here, to: here, kind: 'probe', ...(refusal ? { refusal } : {}) };
          const id = probeKey(here, step.variant, refusal);
          if (!probes.has(id)) probes.set(id, { start: s, stateKey: key, prefix: steps, step });
        }
      }
    }
  });

  // Keep the longest paths; a path that is the beginning of another adds nothing.
  const candidates = [...transitions.values()].sort((a, b) => b.steps.length - a.steps.length);
  const kept: Candidate<TEvent>[] = [];
  for (const c of candidates) {
    if (!kept.some((k) => k.start === c.start && isPrefix(c.steps, k.steps))) kept.push(c);
  }
  kept.reverse();

  // Each probe goes where a kept path reaches its state last, so the target has the most history behind it.
  const visits = new Map(kept.map((path) => [path, statesAlong(spec, path)]));
  const inserts = new Map<Candidate<TEvent>, Map<number, PathStep<TEvent>[]>>();
  const alone: Candidate<TEvent>[] = [];
  for (const probe of probes.values()) {
    let best: { path: Candidate<TEvent>; at: number } | undefined;
    for (const path of kept.filter((k) => k.start === probe.start)) {
      const at = visits.get(path)!.lastIndexOf(probe.stateKey);
      if (at >= 0 && (!best || at > best.at)) best = { path, at };
    }
    if (!best) {
      alone.push({ start: probe.start, steps: [...probe.prefix, probe.step] });
      continue;
    }
    const byPosition = inserts.get(best.path) ?? new Map<number, PathStep<TEvent>[]>();
    byPosition.set(best.at, [...(byPosition.get(best.at) ?? []), probe.step]);
    inserts.set(best.path, byPosition);
  }
  const withProbes = [...kept, ...alone].map((path) => {
    const byPosition = inserts.get(path);
    const steps: PathStep<TEvent>[] = [...(byPosition?.get(0) ?? [])];
    path.steps.forEach((step, i) => steps.push(step, ...(byPosition?.get(i + 1) ?? [])));
    return { machine: spec.machine, start: spec.starts[path.start].name, initial: initials[path.start], steps };
  });

  return {
    machine: spec.machine,
    statePaths: [...statePaths.values()],
    paths: withProbes,
    transitions: [...transitions.keys()],
    probes: [...probes.keys()],
  };
}

/** The serialized state before the first step and after each step of a path. */
function statesAlong<TEvent extends EventObject, TInput>(spec: PathSpec<TEvent, TInput>, path: Candidate<TEvent>): string[] {
  let [snapshot] = initialTransition(spec.logic, spec.starts[path.start].input);
  const states = [serialize(snapshot)];
  for (const step of path.steps) {
    [snapshot] = transition(spec.logic, snapshot, step.event);
    states.push(serialize(snapshot));
  }
  return states;
}
