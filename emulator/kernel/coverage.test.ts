import { expect, test } from 'vitest';
import { recordedTransitions, recordTransition } from './coverage';

test('transitions are counted per machine, states and event, for one owner only', () => {
  const owner = {};
  recordTransition(owner, 'device', 'unlicensed', 'unprovisioned', 'LICENSE');
  recordTransition(owner, 'device', 'unlicensed', 'unprovisioned', 'LICENSE', 4);
  recordTransition(owner, 'license', 'new', 'withCustomer');
  recordTransition(owner, 'device', 'unprovisioned', 'unlicensed', 'UNLICENSE', 0);
  expect(recordedTransitions(owner)).toEqual([
    { machine: 'device', from: 'unlicensed', event: 'LICENSE', to: 'unprovisioned', count: 5 },
    { machine: 'license', from: 'new', event: undefined, to: 'withCustomer', count: 1 },
  ]);
  expect(recordedTransitions({})).toEqual([]);
});
