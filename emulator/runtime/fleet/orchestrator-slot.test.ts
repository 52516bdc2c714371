import { expect, test } from 'vitest';
import { shardIndexFromOrchestrator, SlotUnknown } from './orchestrator-slot';

test('a Swarm task slot counts from 1, a StatefulSet ordinal from 0', () => {
  expect(shardIndexFromOrchestrator(4, { SSLAB_TASK_SLOT: '1' }, 'host')).toBe(0);
  expect(shardIndexFromOrchestrator(4, { SSLAB_TASK_SLOT: '4' }, 'host')).toBe(3);
  expect(shardIndexFromOrchestrator(4, {}, 'campus-shard-2')).toBe(2);
  // An untemplated slot (the file run where nothing fills it in) falls back to the host name.
  expect(shardIndexFromOrchestrator(4, { SSLAB_TASK_SLOT: '{{.Task.Slot}}' }, 'campus-shard-0')).toBe(0);
});

test('a slot that cannot be found or lies outside the shards is refused, naming where it looked', () => {
  expect(() => shardIndexFromOrchestrator(4, {}, 'laptop')).toThrow(SlotUnknown);
  expect(() => shardIndexFromOrchestrator(4, {}, 'laptop')).toThrow(/SSLAB_TASK_SLOT.*host name laptop/);
  expect(() => shardIndexFromOrchestrator(4, { SSLAB_TASK_SLOT: '5' }, 'h')).toThrow(/shard 4, outside 0 … 3/);
  expect(() => shardIndexFromOrchestrator(2, {}, 'shard-7')).toThrow(/outside 0 … 1/);
});
