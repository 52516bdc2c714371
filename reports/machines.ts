/**
 * State diagrams drawn from the XState machine definitions themselves: the report walks each
 * machine's state nodes and transitions and writes Mermaid, marking the transitions the emulator
 * recorded during the run. Nothing here is written by hand, so a diagram cannot drift from its
 * machine.
 */
export interface MachineEdge {
  source: string;
  target: string;
  /** The event, or "always" for a transition taken as soon as the source state is entered. */
  event: string;
  guard?: string;
}

export interface MachineState {
  path: string;
  parent?: string;
  type: string;
  initial?: string;
}

export interface MachineGraph {
  id: string;
  title: string;
  initial?: string;
  states: MachineState[];
  edges: MachineEdge[];
  /** Events the machine takes in any state without changing state. */
  anyState: string[];
}

/** What the emulator recorded: one transition of one machine, with how often. */
export interface RecordedTransition {
  machine: string;
  from: string;
  event?: string;
  to: string;
  count: number;
}

/** The parts of an XState v5 state node the walk reads. */
interface StateNodeLike {
  path: string[];
  type: string;
  states: Record<string, StateNodeLike>;
  transitions: Map<string, { target?: { path: string[] }[]; guard?: { type?: string } }[]>;
  always?: { target?: { path: string[] }[]; guard?: { type?: string } }[];
  initial?: { target?: { path: string[] }[] };
}

export interface MachineLike {
  id: string;
  root: unknown;
}

const pathOf = (node: { path: string[] }) => node.path.join('.');

export function machineGraph(machine: MachineLike, title = machine.id): MachineGraph {
  const states: MachineState[] = [];
  const edges: MachineEdge[] = [];
  const anyState: string[] = [];
  const walk = (node: StateNodeLike, parent?: string) => {
    const path = pathOf(node);
    const initial = node.initial?.target?.[0] ? pathOf(node.initial.target[0]) : undefined;
    if (path) states.push({ path, parent, type: node.type, initial });
    for (const [event, list] of node.transitions) {
      for (const t of list) {
        // A transition without a target keeps the state; on the machine itself it is handled in every state.
        if (!t.target && !path) {
          anyState.push(event);
          continue;
        }
        for (const target of t.target ?? [node]) edges.push({ source: path, target: pathOf(target), event, guard: t.guard?.type });
      }
    }
    for (const t of node.always ?? []) {
      for (const target of t.target ?? []) edges.push({ source: path, target: pathOf(target), event: 'always', guard: t.guard?.type });
    }
    for (const child of Object.values(node.states)) walk(child, path || undefined);
  };
  const root = machine.root as StateNodeLike;
  walk(root);
  const initial = root.initial?.target?.[0] ? pathOf(root.initial.target[0]) : undefined;
  return { id: machine.id, title, initial, states, edges, anyState };
}

const within = (path: string, ancestor: string) => path === ancestor || path.startsWith(`${ancestor}.`);

/**
 * Which edges a recorded transition went along. A transition into a transient state (one that
 * leaves at once through "always" edges) continues along the always edge to where it ended up.
 */
export function exercisedEdges(graph: MachineGraph, recorded: readonly RecordedTransition[]): Map<number, number> {
  const counts = new Map<number, number>();
  const add = (i: number, n: number) => counts.set(i, (counts.get(i) ?? 0) + n);
  const alwaysFrom = (state: string) => graph.edges.map((e, i) => ({ e, i })).filter(({ e }) => e.source === state && e.event === 'always');
  for (const t of recorded.filter((r) => r.machine === graph.id)) {
    graph.edges.forEach((edge, i) => {
      if (edge.event === 'always' || !within(t.from, edge.source) || (t.event && t.event !== edge.event)) return;
      if (within(t.to, edge.target)) {
        add(i, t.count);
        return;
      }
      const onward = alwaysFrom(edge.target).find(({ e }) => within(t.to, e.target));
      if (onward) {
        add(i, t.count);
        add(onward.i, t.count);
      }
    });
    // A record that starts in a transient state (a license created straight into its state).
    alwaysFrom(t.from)
      .filter(({ e }) => within(t.to, e.target))
      .forEach(({ i }) => add(i, t.count));
  }
  return counts;
}

const nodeId = (path: string) => path.replace(/[^A-Za-z0-9]/g, '_');

/**
 * A Mermaid stateDiagram-v2; exercised transitions carry a ✔ and their count, states reached are
 * highlighted. A compound state's transitions into its own children are drawn inside it, from an
 * "(any)" node, since Mermaid cannot draw an edge from a composite state into itself.
 */
export function toMermaid(graph: MachineGraph, exercised: Map<number, number> = new Map(), recorded: readonly RecordedTransition[] = []): string {
  const lines = ['stateDiagram-v2'];
  const compound = new Set(graph.states.filter((s) => s.type === 'compound' || s.type === 'parallel').map((s) => s.path));
  const internal = (e: MachineEdge) => compound.has(e.source) && e.target !== e.source && within(e.target, e.source);
  const edgeLine = (indent: string, from: string, edge: MachineEdge, i: number) => {
    const guard = edge.guard ? ` [${edge.guard}]` : '';
    const count = exercised.get(i);
    lines.push(`${indent}${from} --> ${nodeId(edge.target)} : ${edge.event}${guard}${count ? ` ✔ ${count}` : ''}`);
  };
  const writeStates = (parent: string | undefined, indent: string) => {
    for (const state of graph.states.filter((s) => s.parent === parent)) {
      const id = nodeId(state.path);
      const label = state.path.split('.').pop()!;
      if (compound.has(state.path)) {
        lines.push(`${indent}state "${label}" as ${id} {`);
        if (state.initial) lines.push(`${indent}  [*] --> ${nodeId(state.initial)}`);
        writeStates(state.path, `${indent}  `);
        const inner = graph.edges.map((e, i) => ({ e, i })).filter(({ e }) => e.source === state.path && internal(e));
        if (inner.length > 0) lines.push(`${indent}  state "(any)" as ${id}__any`);
        for (const { e, i } of inner) edgeLine(`${indent}  `, `${id}__any`, e, i);
        lines.push(`${indent}}`);
      } else {
        lines.push(`${indent}state "${label}" as ${id}`);
      }
      if (state.type === 'final') lines.push(`${indent}${id} --> [*]`);
    }
  };
  writeStates(undefined, '  ');
  if (graph.initial) lines.push(`  [*] --> ${nodeId(graph.initial)}`);
  if (graph.initial && graph.anyState.length > 0) lines.push(`  note right of ${nodeId(graph.initial)} : in any state, ${graph.anyState.join(', ')}`);
  graph.edges.forEach((edge, i) => {
    if (!internal(edge)) edgeLine('  ', nodeId(edge.source), edge, i);
  });
  const reached = reachedStates(graph, exercised, recorded);
  const leaves = graph.states.filter((s) => !compound.has(s.path) && reached.has(s.path));
  lines.push('  classDef exercised fill:#d9f2d9,stroke:#2e7d32');
  if (leaves.length > 0) lines.push(`  class ${leaves.map((s) => nodeId(s.path)).join(',')} exercised`);
  return lines.join('\n');
}

/** The states the run was in: both ends of every recorded transition, and of every transient step it took. */
export function reachedStates(graph: MachineGraph, exercised: Map<number, number>, recorded: readonly RecordedTransition[]): Set<string> {
  const reached = new Set<string>();
  for (const t of recorded.filter((r) => r.machine === graph.id)) reached.add(t.from).add(t.to);
  for (const [i] of exercised) if (graph.edges[i].event === 'always') reached.add(graph.edges[i].source).add(graph.edges[i].target);
  return reached;
}
