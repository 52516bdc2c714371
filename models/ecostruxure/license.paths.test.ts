import { expect, test } from 'vitest';
import { getShortestPaths } from 'xstate/graph';
import { serverLicenseMachine } from './license.machine';
import type { BmsServerFacts, ServerLicenseEvent } from './license.rules';

const AT = '2026-02-02T10:00:00.000Z';
const SERVER: BmsServerFacts = { serverId: 'srv-1', name: 'AS-P 1', product: 'AS-P', internet: true, https: false, certificatesInstalled: false };
const OFFLINE: BmsServerFacts = { ...SERVER, internet: false };

/** Every kind of event once, with payloads the machine can accept, plus the ones it must never accept. */
const EVENTS: ServerLicenseEvent[] = [
  { type: 'ASSIGN', server: SERVER, seats: { free: 2, awaitingReturnConfirmation: 0 }, featureOnServer: false, at: AT },
  { type: 'ACTIVATE_ONLINE', server: SERVER, at: AT },
  { type: 'ACTIVATE_ONLINE', server: OFFLINE, at: AT },
  { type: 'REQUEST_ACTIVATION', server: OFFLINE, requestId: 'req-1', at: AT },
  { type: 'ANSWER_ACTIVATION', requestId: 'req-1', at: AT },
  { type: 'LOAD_ACTIVATION_RESPONSE', server: OFFLINE, requestId: 'req-1', at: AT },
  { type: 'DEACTIVATE', at: AT },
  { type: 'RETURN_ONLINE', server: SERVER, at: AT },
  { type: 'REQUEST_RETURN', server: OFFLINE, requestId: 'req-1', at: AT },
  { type: 'ANSWER_RETURN', requestId: 'req-1', at: AT },
  { type: 'LOAD_RETURN_RESPONSE', server: OFFLINE, requestId: 'req-1', at: AT },
  { type: 'CONFIRM_RETURN', requestId: 'req-1', at: AT },
];

const paths = getShortestPaths(serverLicenseMachine, {
  events: EVENTS,
  input: { licenseId: 'lic-1', entitlementId: 'ENT-1', activationId: 'ACT-1', featureCode: 'smartdriver', quantity: 2 },
});
/** The events of the shortest path to `state`, without the initial event every path starts with. */
const shortest = (state: string) =>
  paths
    .find((p) => p.state.value === state)
    ?.steps.map((s) => s.event.type as string)
    .filter((t) => t !== 'xstate.init');

test('every state of the license machine is reachable from available', () => {
  const reached = new Set(paths.map((p) => String(p.state.value)));
  expect([...reached].sort()).toEqual(Object.keys(serverLicenseMachine.config.states ?? {}).sort());
});

test('the offline return is the only way through returnUnconfirmed, and the license is returned only after confirmation', () => {
  expect(shortest('returnUnconfirmed')).toEqual(['ASSIGN', 'ACTIVATE_ONLINE', 'REQUEST_RETURN', 'ANSWER_RETURN', 'LOAD_RETURN_RESPONSE']);
  expect(shortest('returned')).toEqual(['ASSIGN', 'ACTIVATE_ONLINE', 'RETURN_ONLINE']);
});

test('no reachable state accepts DEACTIVATE, nor an online activation or return without Internet access', () => {
  expect(paths.length).toBeGreaterThan(5);
  for (const { state } of paths) {
    expect(state.can({ type: 'DEACTIVATE', at: AT }), String(state.value)).toBe(false);
    expect(state.can({ type: 'ACTIVATE_ONLINE', server: OFFLINE, at: AT }), String(state.value)).toBe(false);
    expect(state.can({ type: 'RETURN_ONLINE', server: OFFLINE, at: AT }), String(state.value)).toBe(false);
  }
});
