import type { AnyStateMachine } from 'xstate';

/**
 * A flat XState machine (top-level states only, guarded transitions, `always` lists, assign
 * actions) flattened into a table once: for each state and event type, the transitions to try in
 * order, each with its guard, its assignments and its target. Applying an event is then a lookup
 * and a few calls of the machine's own guard and assignment functions, where `transition()` would
 * build a throwaway actor per call (about 16 µs each). The table is read from the machine's
 * definition and implementations, so it cannot hold rules of its own; machine-table.test.ts holds
 * it equal to the machine for random states, contexts and events.
 */

type Context = Record<string, unknown>;
interface Event {
  type: string;
}
type Guard = (args: { context: Context; event: Event }) => boolean;
type Assignment = (args: { context: Context; event: Event }) => Context;

interface Step {
  guard?: Guard;
  assignments: Assignment[];
  /** Where it leads; undefined stays in the state without leaving it. */
  target?: string;
}

interface Row {
  on: Map<string, Step[]>;
  always: Step[];
}

export interface MachineTable<State extends string, Ctx, Ev extends Event> {
  /** The state and context the machine starts in for `input`, eventless transitions taken. */
  initial(input: Ctx): { state: State; context: Ctx };
  /** The state and context after `event`, or undefined when the machine does not take it (as `snapshot.can` says). */
  apply(state: State, context: Ctx, event: Ev): { state: State; context: Ctx } | undefined;
}

interface TransitionConfig {
  target?: string;
  guard?: string | { type: string };
  actions?: string | string[];
}

const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function unsupported(machine: AnyStateMachine, what: string): never {
  throw new Error(`machine ${machine.id} cannot be flattened into a table: ${what}`);
}

/** One assignment function from an `assign(...)` action of the machine's implementations. */
function assignmentOf(machine: AnyStateMachine, name: string): Assignment {
  const action = (machine.implementations.actions as Record<string, unknown>)[name] as { type?: string; assignment?: unknown } | undefined;
  if (action?.type !== 'xstate.assign') unsupported(machine, `action "${name}" is not an assign action`);
  const { assignment } = action!;
  if (typeof assignment === 'function') return assignment as Assignment;
  const properties = Object.entries(assignment as Record<string, unknown>);
  return (args) =>
    Object.fromEntries(properties.map(([key, value]) => [key, typeof value === 'function' ? (value as (a: typeof args) => unknown)(args) : value]));
}

function stepOf(machine: AnyStateMachine, config: TransitionConfig, states: Set<string>): Step {
  const guardName = typeof config.guard === 'object' ? config.guard.type : config.guard;
  const guard =
    guardName === undefined
      ? undefined
      : ((machine.implementations.guards as Record<string, Guard>)[guardName] ?? unsupported(machine, `guard "${guardName}" is not implemented`));
  const target = config.target?.replace(/^\./, '');
  if (target !== undefined && !states.has(target)) unsupported(machine, `target "${config.target}" is not a top-level state`);
  return { guard, assignments: asList(config.actions).map((name) => assignmentOf(machine, name)), target };
}

/** Flattens `machine`; refuses (throws) a machine using anything the table cannot follow. */
export function machineTable<State extends string, Ctx, Ev extends Event>(machine: AnyStateMachine): MachineTable<State, Ctx, Ev> {
  const config = machine.config as {
    initial?: string;
    on?: Record<string, TransitionConfig | TransitionConfig[]>;
    states?: Record<
      string,
      { on?: Record<string, TransitionConfig | TransitionConfig[]>; always?: TransitionConfig | TransitionConfig[]; states?: unknown; type?: string }
    >;
  };
  const names = new Set(Object.keys(config.states ?? {}));
  const rootOn = Object.entries(config.on ?? {});
  const rows = new Map<string, Row>();
  for (const [name, state] of Object.entries(config.states ?? {})) {
    if (state.states) unsupported(machine, `state "${name}" has states of its own`);
    const on = new Map<string, Step[]>();
    // A state's own transitions for an event are tried first, then the root's (as XState looks from the state up).
    for (const [type, list] of [...Object.entries(state.on ?? {}), ...rootOn]) {
      on.set(type, [...(on.get(type) ?? []), ...asList(list).map((t) => stepOf(machine, t, names))]);
    }
    rows.set(name, { on, always: asList(state.always).map((t) => stepOf(machine, t, names)) });
  }
  if (!config.initial || !rows.has(config.initial)) unsupported(machine, 'it has no top-level initial state');

  // Each assignment sees the context the one before it left, and makes a new one (as XState's assign does).
  const run = (step: Step, context: Context, event: Event): Context => {
    let current = context;
    for (const assign of step.assignments) current = Object.assign({}, current, assign({ context: current, event }));
    return current;
  };

  /** Takes eventless transitions until none is enabled (as a macrostep does). */
  const settle = (state: string, context: Context, event: Event): { state: string; context: Context } => {
    for (let hops = 0; hops < 100; hops++) {
      const step = rows.get(state)!.always.find((s) => !s.guard || s.guard({ context, event }));
      if (!step) return { state, context };
      context = run(step, context, event);
      state = step.target ?? state;
    }
    return unsupported(machine, `eventless transitions from "${state}" do not settle`);
  };

  return {
    initial(input) {
      const init = { type: 'xstate.init', input } as Event;
      return settle(config.initial!, input as Context, init) as { state: State; context: Ctx };
    },
    apply(state, context, event) {
      const steps = rows.get(state)?.on.get(event.type);
      const step = steps?.find((s) => !s.guard || s.guard({ context: context as Context, event }));
      // XState counts a transition with neither target nor actions as not taking the event.
      if (!step || (step.target === undefined && step.assignments.length === 0)) return undefined;
      const next = run(step, context as Context, event);
      return (step.target === undefined ? { state, context: next } : settle(step.target, next, event)) as { state: State; context: Ctx };
    },
  };
}
