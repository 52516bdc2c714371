import { expect, test } from 'vitest';
import { assign, setup } from 'xstate';
import { generatePaths, probeKey, stateName, transitionKey, type PathSpec } from './generate';

/**
 * A small turnstile: COIN unlocks, PUSH locks again, and a coin counter that only a guard reads.
 * LOCK_OUT is accepted only after two coins, so one transition needs history to be reached.
 */
type TurnstileEvent = { type: 'COIN'; value: number } | { type: 'PUSH' } | { type: 'LOCK_OUT' };

const turnstile = setup({
  types: { context: {} as { coins: number }, events: {} as TurnstileEvent },
  guards: { paid: ({ context }) => context.coins >= 2 },
  actions: { count: assign(({ context }) => ({ coins: context.coins + 1 })) },
}).createMachine({
  id: 'turnstile',
  context: { coins: 0 },
  initial: 'locked',
  states: {
    locked: { on: { COIN: { target: 'unlocked', actions: 'count' }, LOCK_OUT: { guard: 'paid', target: 'out' } } },
    unlocked: { on: { PUSH: 'locked', COIN: { actions: 'count' } } },
    out: { type: 'final' },
  },
});

const EVENTS: TurnstileEvent[] = [{ type: 'COIN', value: 1 }, { type: 'PUSH' }, { type: 'LOCK_OUT' }];

const spec = (over: Partial<PathSpec<TurnstileEvent, undefined>> = {}): PathSpec<TurnstileEvent, undefined> => ({
  machine: 'turnstile',
  logic: turnstile,
  starts: [{ name: 'a fresh turnstile', input: undefined }],
  events: () => EVENTS,
  refusal: (snapshot, event) => (snapshot.value === 'out' ? 'closed' : event.type === 'LOCK_OUT' ? 'unpaid' : undefined),
  stopWhen: (snapshot) => (snapshot.context as { coins: number }).coins > 3,
  maxLength: 12,
  ...over,
});

test('the paths take every transition the machine has, including one that needs history', () => {
  const plan = generatePaths(spec());
  expect(new Set(plan.transitions)).toEqual(
    new Set([
      transitionKey('locked', 'COIN', 'unlocked'),
      transitionKey('unlocked', 'PUSH', 'locked'),
      transitionKey('unlocked', 'COIN', 'unlocked'),
      transitionKey('locked', 'LOCK_OUT', 'out'),
    ]),
  );
  const taken = new Set(plan.paths.flatMap((p) => p.steps.filter((s) => s.kind === 'transition').map((s) => transitionKey(s.from, s.variant, s.to))));
  expect(taken).toEqual(new Set(plan.transitions));
});

test('every step of a path follows from the one before, and every path starts in the initial state', () => {
  for (const path of generatePaths(spec()).paths) {
    expect(path.initial).toBe('locked');
    let at = path.initial;
    for (const step of path.steps) {
      expect(step.from).toBe(at);
      if (step.kind === 'probe') expect(step.to).toBe(step.from);
      at = step.to;
    }
  }
});

test('refused events become probes, one per state, event and reason, placed where a path is in that state', () => {
  const plan = generatePaths(spec());
  expect(plan.probes).toContain(probeKey('locked', 'LOCK_OUT', 'unpaid'));
  expect(plan.probes).toContain(probeKey('locked', 'PUSH', undefined));
  expect(plan.probes).toContain(probeKey('out', 'COIN', 'closed'));
  const probes = plan.paths.flatMap((p) => p.steps.filter((s) => s.kind === 'probe'));
  expect(probes.map((s) => probeKey(s.from, s.variant, s.refusal)).sort()).toEqual([...plan.probes].sort());
  expect(probes.find((s) => s.refusal === 'unpaid')).toMatchObject({ from: 'locked', to: 'locked', event: { type: 'LOCK_OUT' } });
});

test('the shortest path to every state is given, the initial state by an empty one', () => {
  const plan = generatePaths(spec());
  const ends = new Map(plan.statePaths.map((p) => [p.steps.at(-1)?.to ?? p.initial, p.steps.length]));
  expect(ends).toEqual(
    new Map([
      ['locked', 0],
      ['unlocked', 1],
      ['out', 4],
    ]),
  );
});

test('no path takes more transitions than the bound; what lies beyond it is left out', () => {
  const bounded = generatePaths(spec({ maxLength: 3 }));
  for (const path of bounded.paths) expect(path.steps.filter((s) => s.kind === 'transition').length).toBeLessThanOrEqual(3);
  expect(bounded.transitions).not.toContain(transitionKey('locked', 'LOCK_OUT', 'out'));
});

test('a variant tells payloads apart, so each gets its own transition', () => {
  const events: TurnstileEvent[] = [{ type: 'COIN', value: 1 }, { type: 'COIN', value: 2 }, { type: 'PUSH' }];
  const plan = generatePaths(spec({ events: () => events, variant: (e) => (e.type === 'COIN' ? `COIN(${e.value})` : e.type) }));
  expect(plan.transitions).toContain(transitionKey('locked', 'COIN(1)', 'unlocked'));
  expect(plan.transitions).toContain(transitionKey('locked', 'COIN(2)', 'unlocked'));
});

test('a nested state value reads as one dotted name', () => {
  expect(stateName('idle')).toBe('idle');
  expect(stateName({ provisioned: 'suspect' })).toBe('provisioned.suspect');
  expect(stateName({ a: { b: 'c' } })).toBe('a.b.c');
});
