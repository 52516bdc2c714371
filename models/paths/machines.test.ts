import { expect, test } from 'vitest';
import { initialTransition, transition, type AnyStateMachine } from 'xstate';
import { exercisedEdges, machineGraph, type RecordedTransition } from '../../reports/machines';
import { DEVICE_STATES } from '../device.machine';
import { generateAllPaths } from './index';
import { LICENSE_SUBJECTS, licensePathSpec } from './license.paths';
import { devicePathSpec } from './device.paths';
import { smartServerPathSpec } from './smartserver.paths';
import type { GeneratedPath, PathSpec } from './generate';

/** The generated paths of the license, device and SmartServer machines, checked against the machines themselves. */
const plans = generateAllPaths();
const specs: Record<string, PathSpec<never, unknown>> = {
  license: licensePathSpec as unknown as PathSpec<never, unknown>,
  device: devicePathSpec as unknown as PathSpec<never, unknown>,
  smartserver: smartServerPathSpec as unknown as PathSpec<never, unknown>,
};

/** The transitions a set of paths takes, as the emulator would record them. */
function recorded(paths: readonly GeneratedPath<{ type: string }>[], machine: string): RecordedTransition[] {
  return paths.flatMap((p) => [
    ...(machine === 'license' ? [{ machine, from: 'new', to: p.initial, count: 1 }] : []),
    ...p.steps.filter((s) => s.kind === 'transition').map((s) => ({ machine, from: s.from, event: s.event.type, to: s.to, count: 1 })),
  ]);
}

test.each(Object.values(plans).map((plan) => [plan.machine, plan] as const))(
  'the %s paths take every transition of the machine definition',
  (machine, plan) => {
    const graph = machineGraph(specs[machine].logic as AnyStateMachine, machine);
    const exercised = exercisedEdges(graph, recorded(plan.paths, machine));
    const missing = graph.edges.filter((_, i) => !exercised.has(i)).map((e) => `${e.source} --${e.event}--> ${e.target}`);
    expect(missing).toEqual([]);
  },
);

test.each(Object.values(plans).map((plan) => [plan.machine, plan] as const))(
  'replaying the %s paths, the machine takes every transition and refuses every probe',
  (machine, plan) => {
    const spec = specs[machine];
    for (const path of plan.paths) {
      const start = spec.starts.find((s) => s.name === path.start)!;
      let [snapshot] = initialTransition(spec.logic, start.input);
      for (const step of path.steps) {
        expect(snapshot.can(step.event), `${path.start}: ${step.variant} in ${step.from}`).toBe(step.kind === 'transition');
        [snapshot] = transition(spec.logic, snapshot, step.event);
      }
      const kinds: readonly { kind: string }[] = path.steps;
      expect(kinds.filter((s) => s.kind === 'transition').length).toBeLessThanOrEqual(spec.maxLength);
    }
  },
);

test('every device state is reached, and a shortest path leads to each', () => {
  const ends = plans.device.statePaths.map((p) => p.steps.at(-1)?.to ?? p.initial);
  expect(new Set(ends)).toEqual(new Set(DEVICE_STATES));
  const provisionedDown = plans.device.statePaths.find((p) => p.steps.at(-1)?.to === 'provisioned.down')!;
  expect(provisionedDown.steps.map((s) => s.event.type)).toEqual(['LICENSE', 'PROVISION', 'PROVISIONING_SUCCEEDED', 'HEALTH_DOWN']);
});

test('each license subject gets paths, and the license refusals carry the reason the rules give', () => {
  expect(new Set(plans.license.paths.map((p) => p.start))).toEqual(new Set(LICENSE_SUBJECTS.map((s) => s.name)));
  const probes = plans.license.paths.flatMap((p) => p.steps.filter((s) => s.kind === 'probe'));
  expect(probes.every((s) => s.refusal !== undefined)).toBe(true);
  const reasons = new Set(probes.map((s) => s.refusal));
  for (const code of [
    'license-retired',
    'license-active',
    'license-bound-offline',
    'core-needs-pi',
    'maintenance-capacity-mismatch',
    'offline-maintenance-needs-customer-success',
  ]) {
    expect(reasons).toContain(code);
  }
});

test('the SmartServer paths probe activation and return while offline, and a return with nothing held', () => {
  expect(plans.smartserver.probes).toEqual(
    expect.arrayContaining([
      'unlicensed --ACTIVATE(cloud capacity)--x smartserver-offline',
      'licensed --RETURN_ALL--x smartserver-offline',
      'unlicensed --RETURN_ALL--x no-licenses',
    ]),
  );
  expect(plans.smartserver.transitions).toEqual(
    expect.arrayContaining([
      'unlicensed --ACTIVATE(cloud core)--> unlicensed',
      'unlicensed --RETURN_ALL--> unlicensed',
      'licensed --ACTIVATE(file capacity)--> licensed',
    ]),
  );
});

test('generation is deterministic', () => {
  expect(JSON.stringify(generateAllPaths())).toBe(JSON.stringify(plans));
});
