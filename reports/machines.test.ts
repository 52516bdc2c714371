import { expect, test } from 'vitest';
import { deviceMachine } from '../models/device.machine';
import { licenseMachine } from '../models/license.machine';
import { smartServerMachine } from '../models/smartserver';
import { exercisedEdges, machineGraph, toMermaid } from './machines';

test('the license machine is read from its definition, transient start included', () => {
  const graph = machineGraph(licenseMachine);
  const edges = graph.edges.map((e) => `${e.source} -${e.event}-> ${e.target}`);
  expect(edges).toEqual(
    expect.arrayContaining([
      'new -always-> withCustomer',
      'new -always-> inInventory',
      'inInventory -TRANSFER-> retired',
      'active -RETURN-> withCustomer',
      'offlineFileIssued -ISSUE_OFFLINE_FILE-> offlineFileIssued',
    ]),
  );
  expect(graph.initial).toBe('new');
  expect(graph.states.find((s) => s.path === 'retired')?.type).toBe('final');
});

test('a recorded transition through a transient state marks both edges it took', () => {
  const graph = machineGraph(smartServerMachine);
  const marked = exercisedEdges(graph, [{ machine: 'smartserver', from: 'unlicensed', event: 'ACTIVATE', to: 'licensed', count: 3 }]);
  const names = [...marked].map(([i, n]) => `${graph.edges[i].source} -${graph.edges[i].event}-> ${graph.edges[i].target} x${n}`);
  expect(names.sort()).toEqual(['deciding -always-> licensed x3', 'unlicensed -ACTIVATE-> deciding x3']);
  expect(graph.anyState).toEqual(['SET_ONLINE']);
});

test('records of another machine, or with another event, mark nothing', () => {
  const graph = machineGraph(deviceMachine);
  expect(exercisedEdges(graph, [{ machine: 'license', from: 'unlicensed', to: 'unprovisioned', count: 1 }]).size).toBe(0);
  expect(exercisedEdges(graph, [{ machine: 'device', from: 'unlicensed', event: 'PROVISION', to: 'unprovisioned', count: 1 }]).size).toBe(0);
});

test('a license created straight into a state marks the transient edge it took', () => {
  const graph = machineGraph(licenseMachine);
  const marked = exercisedEdges(graph, [{ machine: 'license', from: 'new', to: 'withCustomer', count: 2 }]);
  expect([...marked].map(([i, n]) => [graph.edges[i].target, n])).toEqual([['withCustomer', 2]]);
});

test('the Mermaid diagram nests compound states and marks what ran', () => {
  const graph = machineGraph(deviceMachine);
  const recorded = [{ machine: 'device', from: 'provisioned.normal', event: 'HEALTH_SUSPECT', to: 'provisioned.suspect', count: 2 }];
  const mermaid = toMermaid(graph, exercisedEdges(graph, recorded), recorded);
  expect(mermaid.split('\n')[0]).toBe('stateDiagram-v2');
  expect(mermaid).toContain('state "provisioned" as provisioned {');
  expect(mermaid).toContain('provisioned__any --> provisioned_suspect : HEALTH_SUSPECT ✔ 2');
  expect(mermaid).toContain('provisioned --> unlicensed : UNLICENSE\n');
  expect(mermaid).toContain('class provisioned_normal,provisioned_suspect exercised');
  expect(mermaid).not.toMatch(/^ {2}provisioned --> provisioned_/m);
});
