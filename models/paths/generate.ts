import { getAdjacencyMap, getShortestPaths } from '@xstate/graph';
import { initialTransition, type AnyMachineSnapshot, type AnyStateMachine, type EventObject, type StateValue } from 'xstate';

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

interface Edge<TEvent> {
  from: string;
  to: string;
  id: string;
  step: PathStep<TEvent>;
}

/** The traversal of one start: every serialized state, the transitions between them and the refused events. */
interface Graph<TEvent> {
  initial: string;
  initialName: string;
  /** Serialized states in breadth-first order, each with the shortest way there. */
  shortest: Map<string, PathStep<TEvent>[]>;
  edges: Map<string, Edge<TEvent>[]>;
  refused: { node: string; step: PathStep<TEvent> }[];
}

function traverse<TEvent extends EventObject, TInput>(spec: PathSpec<TEvent, TInput>, start: PathStart<TInput>): Graph<TEvent> {
  const options = {
    input: start.input,
    events: (snapshot: AnyMachineSnapshot) => spec.events(start, snapshot),
    serializeState: serialize,
    stopWhen: spec.stopWhen,
  };
  // The library's option types are bound to one concrete machine; a spec is generic over machines.
  const paths = getShortestPaths(spec.logic, options as never) as unknown as {
    state: AnyMachineSnapshot;
    steps: { event: TEvent; state: AnyMachineSnapshot }[];
  }[];
  const adjacency = getAdjacencyMap(spec.logic, options as never) as unknown as Record<
    string,
    { state: AnyMachineSnapshot; transitions: Record<string, { event: TEvent; state: AnyMachineSnapshot }> }
  >;
  const variant = spec.variant ?? ((event: TEvent) => event.type);
  const [initialSnapshot] = initialTransition(spec.logic, start.input);
  const initial = serialize(initialSnapshot);

  const toSteps = (steps: { event: TEvent; state: AnyMachineSnapshot }[]) => {
    let from = stateName(initialSnapshot.value);
    return steps
      .filter((s) => s.event.type !== 'xstate.init')
      .map((s): PathStep<TEvent> => {
        const step: PathStep<TEvent> = { event: s.event, variant: variant(s.event), from, to: stateName(s.state.value), kind: 'transition' };
        from = step.to;
        return step;
      });
  };
  // States farther than maxLength from the start are out of bounds, and so are the transitions into them.
  const shortest = new Map(
    paths
      .map((p) => [serialize(p.state), toSteps(p.steps)] as const)
      .filter(([, steps]) => steps.length <= spec.maxLength)
      .sort((a, b) => a[1].length - b[1].length),
  );

  const edges = new Map<string, Edge<TEvent>[]>();
  const refused: Graph<TEvent>['refused'] = [];
  for (const node of shortest.keys()) {
    const { state: snapshot, transitions } = adjacency[node];
    const here = stateName(snapshot.value);
    const out: Edge<TEvent>[] = [];
    for (const { event, state: next } of Object.values(transitions)) {
      if (snapshot.can(event)) {
        const step: PathStep<TEvent> = { event, variant: variant(event), from: here, to: stateName(next.value), kind: 'transition' };
        if (shortest.has(serialize(next))) out.push({ from: node, to: serialize(next), id: transitionKey(step.from, step.variant, step.to), step });
      } else {
        const refusal = spec.refusal?.(snapshot, event);
        refused.push({ node, step: { event, variant: variant(event), from: here, to: here, kind: 'probe', ...(refusal ? { refusal } : {}) } });
      }
    }
    edges.set(node, out);
  }
  return { initial, initialName: stateName(initialSnapshot.value), shortest, edges, refused };
}

/** The shortest way (over transitions) from `from` to a state with an uncovered transition out of it. */
function routeToUncovered<TEvent>(graph: Graph<TEvent>, from: string, uncovered: Set<string>): Edge<TEvent>[] | undefined {
  const back = new Map<string, Edge<TEvent> | null>([[from, null]]);
  const queue = [from];
  while (queue.length > 0) {
    const node = queue.shift()!;
    if ((graph.edges.get(node) ?? []).some((e) => uncovered.has(e.id))) {
      const route: Edge<TEvent>[] = [];
      for (let e = back.get(node); e; e = back.get(e.from)) route.unshift(e);
      return route;
    }
    for (const edge of graph.edges.get(node) ?? []) {
      if (!back.has(edge.to)) {
        back.set(edge.to, edge);
        queue.push(edge.to);
      }
    }
  }
  return undefined;
}

interface Walk<TEvent> {
  start: number;
  nodes: string[];
  steps: PathStep<TEvent>[];
}

/**
 * Greedy transition cover: walk from the initial state taking a transition not taken yet while there
 * is one, else the shortest route to the nearest state that has one, until the path is `maxLength`
 * long; start again until every transition of the start is taken.
 */
function coverTransitions<TEvent>(graph: Graph<TEvent>, start: number, maxLength: number): { walks: Walk<TEvent>[]; covered: string[] } {
  const uncovered = new Set([...graph.edges.values()].flat().map((e) => e.id));
  const covered: string[] = [];
  const walks: Walk<TEvent>[] = [];
  while (uncovered.size > 0) {
    const coveredBefore = covered.length;
    const walk: Walk<TEvent> = { start, nodes: [graph.initial], steps: [] };
    let node = graph.initial;
    const take = (edge: Edge<TEvent>) => {
      if (uncovered.delete(edge.id)) covered.push(edge.id);
      walk.steps.push(edge.step);
      walk.nodes.push(edge.to);
      node = edge.to;
    };
    while (walk.steps.length < maxLength) {
      const next = (graph.edges.get(node) ?? []).find((e) => uncovered.has(e.id));
      if (next) {
        take(next);
        continue;
      }
      const route = routeToUncovered(graph, node, uncovered);
      if (!route || walk.steps.length + route.length + 1 > maxLength) break;
      route.forEach(take);
    }
    if (covered.length === coveredBefore) {
      // What is left cannot be reached within maxLength from the start.
      break;
    }
    walks.push(walk);
  }
  return { walks, covered };
}

export function generatePaths<TEvent extends EventObject, TInput>(spec: PathSpec<TEvent, TInput>): PathPlan<TEvent> {
  const graphs = spec.starts.map((start) => traverse(spec, start));
  const walks: Walk<TEvent>[] = [];
  const transitions = new Set<string>();
  graphs.forEach((graph, s) => {
    const cover = coverTransitions(graph, s, spec.maxLength);
    walks.push(...cover.walks);
    cover.covered.forEach((id) => transitions.add(id));
  });

  // One probe per (state, variant, reason), placed where a walk is in that state last; else on its own.
  const inserts = new Map<Walk<TEvent>, Map<number, PathStep<TEvent>[]>>();
  const probes = new Map<string, { start: number; node: string; step: PathStep<TEvent> }[]>();
  graphs.forEach((graph, s) => {
    for (const { node, step } of graph.refused) {
      const id = probeKey(step.from, step.variant, step.refusal);
      probes.set(id, [...(probes.get(id) ?? []), { start: s, node, step }]);
    }
  });
  const alone: Walk<TEvent>[] = [];
  for (const candidates of probes.values()) {
    let best: { walk: Walk<TEvent>; at: number; step: PathStep<TEvent> } | undefined;
    for (const candidate of candidates) {
      for (const walk of walks.filter((w) => w.start === candidate.start)) {
        const at = walk.nodes.lastIndexOf(candidate.node);
        if (at >= 0 && (!best || at > best.at)) best = { walk, at, step: candidate.step };
      }
    }
    if (best) {
      const byPosition = inserts.get(best.walk) ?? new Map<number, PathStep<TEvent>[]>();
      byPosition.set(best.at, [...(byPosition.get(best.at) ?? []), best.step]);
      inserts.set(best.walk, byPosition);
    } else {
      const [first] = candidates;
      const prefix = graphs[first.start].shortest.get(first.node) ?? [];
      alone.push({ start: first.start, nodes: [], steps: [...prefix, first.step] });
    }
  }

  const paths = [...walks, ...alone].map((walk): GeneratedPath<TEvent> => {
    const byPosition = inserts.get(walk);
    const steps: PathStep<TEvent>[] = [...(byPosition?.get(0) ?? [])];
    walk.steps.forEach((step, i) => steps.push(step, ...(byPosition?.get(i + 1) ?? [])));
    return { machine: spec.machine, start: spec.starts[walk.start].name, initial: graphs[walk.start].initialName, steps };
  });

  const statePaths = new Map<string, GeneratedPath<TEvent>>();
  graphs.forEach((graph, s) => {
    for (const steps of graph.shortest.values()) {
      const name = steps.at(-1)?.to ?? graph.initialName;
      if (!statePaths.has(name)) statePaths.set(name, { machine: spec.machine, start: spec.starts[s].name, initial: graph.initialName, steps });
    }
  });

  return { machine: spec.machine, statePaths: [...statePaths.values()], paths, transitions: [...transitions], probes: [...probes.keys()] };
}
