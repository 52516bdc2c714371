import { initialTransition, transition, type AnyMachineSnapshot, type EventObject } from 'xstate';
import type { GeneratedPath } from '../../models/paths/generate';
import { exercisedEdges, machineGraph, type RecordedTransition } from '../../reports/machines';
import type { SmartServerSurfaces } from '../drivers/surfaces';
import type { MachineBinding } from './adapter';
import { deviceBinding } from './device.adapter';
import { printScenario, type PrintableScenario } from './gherkin';
import { licenseBinding } from './license.adapter';
import { PathSession } from './session';
import { smartServerBinding } from './smartserver.adapter';
import { PathFailure, Transcript } from './transcript';

/**
 * Replays the paths generated from the license, device and SmartServer machines against a target,
 * through the drivers the Gherkin steps use. Each path starts from a reset target; after every step
 * the target must show the machine's state, and every probe must be refused. What each path
 * exercised is recorded in the shape the emulator's coverage log uses, so the conformance report
 * can set it beside the hand-written suite's.
 */
export const BINDINGS: readonly MachineBinding<EventObject>[] = [
  licenseBinding as unknown as MachineBinding<EventObject>,
  deviceBinding as unknown as MachineBinding<EventObject>,
  smartServerBinding as unknown as MachineBinding<EventObject>,
];

/** A probe the target refused, by the machine state and event variant, with the problem code it answered. */
export interface RecordedRefusal {
  machine: string;
  state: string;
  event: string;
  code: string;
  count: number;
}

export interface PathResult {
  machine: string;
  start: string;
  number: number;
  transitions: number;
  probes: number;
  /** Probes the path could not try (they need something the path had not made). */
  skippedProbes: number;
  /** What the path did, as a scenario; when it failed, its last step is where. */
  scenario: PrintableScenario;
  failure?: { message: string; gherkin: string };
}

export interface MachineRun {
  machine: string;
  paths: PathResult[];
  transitions: RecordedTransition[];
  refusals: RecordedRefusal[];
  /** Transitions of the machine definition (as the conformance report draws it) and how many the run took. */
  edges: number;
  covered: number;
  uncovered: string[];
}

export interface PathsRun {
  target: string;
  machines: MachineRun[];
}

export interface RunOptions {
  target: string;
  /** Only these machines (all when left out). */
  machines?: readonly string[];
  /** Called once a path has run, for progress output. */
  onPath?: (result: PathResult) => void;
  /** Paths to run instead of a machine's generated ones (tests use this to run a path made to fail). */
  paths?: Partial<Record<string, readonly GeneratedPath<EventObject>[]>>;
}

function count<T extends { count: number }>(into: Map<string, T>, key: string, make: () => Omit<T, 'count'>): void {
  const entry = into.get(key);
  if (entry) entry.count += 1;
  else into.set(key, { ...make(), count: 1 } as T);
}

async function runPath(
  surfaces: SmartServerSurfaces,
  binding: MachineBinding<EventObject>,
  path: GeneratedPath<EventObject>,
  number: number,
  transitions: Map<string, RecordedTransition>,
  refusals: Map<string, RecordedRefusal>,
): Promise<PathResult> {
  const start = binding.starts.find((s) => s.name === path.start)!;
  const transcript = new Transcript();
  const session = new PathSession(surfaces);
  const adapter = binding.adapter(transcript, session, start);
  const result: PathResult = {
    machine: binding.machine,
    start: path.start,
    number,
    transitions: 0,
    probes: 0,
    skippedProbes: 0,
    scenario: scenarioOf(binding, path, number, transcript),
  };
  const taken: RecordedTransition[] = [];
  const refused: RecordedRefusal[] = [];
  let [snapshot] = initialTransition(binding.logic, start.input) as [AnyMachineSnapshot, unknown];
  try {
    await surfaces.controlPlane.reset();
    await adapter.setUp();
    await adapter.check(snapshot);
    // A license comes into being through its machine's transient "new" state.
    if (binding.machine === 'license') taken.push({ machine: 'license', from: 'new', to: path.initial, count: 1 });
    for (const step of path.steps) {
      if (step.kind === 'probe') {
        const tried = await adapter.perform(step, snapshot, {
          refused: true,
          reason: step.refusal,
          what: `the ${binding.machine} machine refuses ${step.variant} in ${step.from}${step.refusal ? `: ${step.refusal}` : ''}`,
        });
        if (!tried) {
          result.skippedProbes += 1;
          continue;
        }
        result.probes += 1;
        refused.push({ machine: binding.machine, state: step.from, event: step.variant, code: transcript.refusals.at(-1) ?? 'refused', count: 1 });
        await adapter.check(snapshot, step);
        continue;
      }
      const [next] = transition(binding.logic, snapshot, step.event) as [AnyMachineSnapshot, unknown];
      await adapter.perform(step, snapshot, { refused: false });
      snapshot = next;
      await adapter.check(snapshot, step);
      result.transitions += 1;
      taken.push({ machine: binding.machine, from: step.from, event: step.event.type, to: step.to, count: 1 });
    }
  } catch (error) {
    const message = error instanceof PathFailure ? error.message : error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    result.scenario = scenarioOf(binding, path, number, transcript, message);
    result.failure = { message, gherkin: printScenario(result.scenario) };
  }
  // What the path exercised counts even when a later step failed: the target did take those steps.
  for (const t of taken) count(transitions, `${t.from}|${t.event ?? ''}|${t.to}`, () => ({ machine: t.machine, from: t.from, event: t.event, to: t.to }));
  for (const r of refused) count(refusals, `${r.state}|${r.event}|${r.code}`, () => ({ machine: r.machine, state: r.state, event: r.event, code: r.code }));
  return result;
}

/** The path as a scenario; a failure message goes into the comments above it. */
export function scenarioOf(
  binding: MachineBinding<EventObject>,
  path: GeneratedPath<EventObject>,
  number: number,
  transcript: Transcript,
  failure?: string,
): PrintableScenario {
  return {
    title: `Generated ${binding.machine} path ${number}: ${path.start}`,
    tags: [binding.area, '@generated', '@backoffice'],
    comments:
      failure === undefined
        ? [`Generated from the ${binding.machine} machine (models/paths).`]
        : [`Generated from the ${binding.machine} machine (models/paths); it fails at its last step:`, ...failure.split('\n').map((line) => `  ${line}`)],
    steps: transcript.steps,
  };
}

export async function runGeneratedPaths(surfaces: SmartServerSurfaces, options: RunOptions): Promise<PathsRun> {
  const machines: MachineRun[] = [];
  for (const binding of BINDINGS.filter((b) => !options.machines || options.machines.includes(b.machine))) {
    const planned = options.paths?.[binding.machine] ?? binding.plan().paths;
    const transitions = new Map<string, RecordedTransition>();
    const refusals = new Map<string, RecordedRefusal>();
    const paths: PathResult[] = [];
    for (const [i, path] of planned.entries()) {
      const result = await runPath(surfaces, binding, path, i + 1, transitions, refusals);
      paths.push(result);
      options.onPath?.(result);
    }
    const graph = machineGraph(binding.logic, binding.machine);
    const recorded = [...transitions.values()];
    const exercised = exercisedEdges(graph, recorded);
    machines.push({
      machine: binding.machine,
      paths,
      transitions: recorded,
      refusals: [...refusals.values()],
      edges: graph.edges.length,
      covered: exercised.size,
      uncovered: graph.edges.filter((_, i) => !exercised.has(i)).map((e) => `${e.source} --${e.event}--> ${e.target}`),
    });
  }
  return { target: options.target, machines };
}
