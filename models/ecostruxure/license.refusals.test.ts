import { expect, test } from 'vitest';
import { RefusedError } from '../apply';
import { applyServerLicenseEvent, newServerLicense } from './apply';
import type { BmsServerFacts, ServerLicenseEvent } from './license.rules';
import type { ServerLicenseRecord } from './seats';

/**
 * Which reason an EcoStruxure server license gives for each event it refuses, state by state: the
 * reason is what tells the user the way out, so a refusal for the wrong reason is a wrong answer.
 */
const AT = '2026-02-02T10:00:00.000Z';
const ONLINE: BmsServerFacts = { serverId: 'srv-1', name: 'AS-P 1', product: 'AS-P', internet: true, https: false, certificatesInstalled: false };
const OFFLINE: BmsServerFacts = { ...ONLINE, internet: false };
const REQ = 'req-1';

const fresh = (quantity = 2, featureCode = 'smartdriver') =>
  newServerLicense({ licenseId: 'lic-1', entitlementId: 'ENT-1', activationId: 'ACT-1', featureCode, quantity });
const send = (record: ServerLicenseRecord, ...events: ServerLicenseEvent[]) => events.reduce(applyServerLicenseEvent, record);

const assign: ServerLicenseEvent = { type: 'ASSIGN', server: ONLINE, seats: { free: 10, awaitingReturnConfirmation: 0 }, featureOnServer: false, at: AT };
const requestActivation: ServerLicenseEvent = { type: 'REQUEST_ACTIVATION', server: OFFLINE, requestId: REQ, at: AT };
const answerActivation: ServerLicenseEvent = { type: 'ANSWER_ACTIVATION', requestId: REQ, at: AT };
const loadActivation = (server = OFFLINE): ServerLicenseEvent => ({ type: 'LOAD_ACTIVATION_RESPONSE', server, requestId: REQ, at: AT });
const activateOnline = (server = ONLINE): ServerLicenseEvent => ({ type: 'ACTIVATE_ONLINE', server, at: AT });
const returnOnline = (server = ONLINE): ServerLicenseEvent => ({ type: 'RETURN_ONLINE', server, at: AT });
const requestReturn = (server = OFFLINE): ServerLicenseEvent => ({ type: 'REQUEST_RETURN', server, requestId: REQ, at: AT });
const answerReturn: ServerLicenseEvent = { type: 'ANSWER_RETURN', requestId: REQ, at: AT };
const loadReturn = (server = OFFLINE): ServerLicenseEvent => ({ type: 'LOAD_RETURN_RESPONSE', server, requestId: REQ, at: AT });
const confirmReturn: ServerLicenseEvent = { type: 'CONFIRM_RETURN', requestId: REQ, at: AT };

/** The license in each state it can reach, by the shortest way there. */
const STATES: Record<string, ServerLicenseRecord> = {
  assigned: send(fresh(), assign),
  activationRequested: send(fresh(), assign, requestActivation),
  activationAnswered: send(fresh(), assign, requestActivation, answerActivation),
  active: send(fresh(), assign, activateOnline()),
  returnRequested: send(fresh(), assign, activateOnline(), requestReturn()),
  returnAnswered: send(fresh(), assign, activateOnline(), requestReturn(), answerReturn),
  returnUnconfirmed: send(fresh(), assign, activateOnline(), requestReturn(), answerReturn, loadReturn()),
};

function reason(record: ServerLicenseRecord, event: ServerLicenseEvent): string {
  try {
    applyServerLicenseEvent(record, event);
  } catch (error) {
    if (error instanceof RefusedError) return error.refusal.code;
    throw error;
  }
  return 'accepted';
}

test('the license reaches every state the table below starts from', () => {
  expect(Object.fromEntries(Object.entries(STATES).map(([name, record]) => [name, record.state]))).toEqual(
    Object.fromEntries(Object.keys(STATES).map((name) => [name, name])),
  );
});

test('each refused event gives the reason that belongs to the state the license is in', () => {
  const table: [string, ServerLicenseEvent, string][] = [
    ['activationRequested', activateOnline(), 'activation-request-pending'],
    ['activationAnswered', activateOnline(), 'activation-request-pending'],
    ['returnRequested', activateOnline(), 'return-in-progress'],
    ['assigned', answerActivation, 'no-activation-request'],
    ['activationAnswered', answerActivation, 'no-activation-request'],
    ['assigned', loadActivation(), 'no-activation-request'],
    ['activationRequested', loadActivation(), 'activation-response-not-ready'],
    ['active', loadActivation(), 'license-already-active'],
    ['returnRequested', returnOnline(), 'return-in-progress'],
    ['returnAnswered', requestReturn(), 'return-in-progress'],
    ['returnUnconfirmed', returnOnline(), 'return-in-progress'],
    ['assigned', returnOnline(), 'license-not-active'],
    ['activationAnswered', requestReturn(), 'license-not-active'],
    ['active', answerReturn, 'no-return-request'],
    ['returnAnswered', answerReturn, 'no-return-request'],
    ['returnRequested', loadReturn(), 'return-response-not-ready'],
    ['active', loadReturn(), 'no-return-request'],
    ['returnUnconfirmed', loadReturn(), 'no-return-request'],
    ['returnRequested', confirmReturn, 'return-not-sent-to-server'],
    ['returnAnswered', confirmReturn, 'return-not-sent-to-server'],
    ['active', confirmReturn, 'no-return-request'],
  ];
  const answers = table.map(([state, event]) => [state, event.type, reason(STATES[state], event)]);
  expect(answers).toEqual(table.map(([state, event, code]) => [state, event.type, code]));
});

test('the server must be online for the online ways only; the offline ways work without Internet', () => {
  expect(reason(STATES.assigned, activateOnline(OFFLINE))).not.toBe('accepted');
  expect(reason(STATES.active, returnOnline(OFFLINE))).not.toBe('accepted');
  expect(reason(STATES.active, requestReturn(OFFLINE))).toBe('accepted');
  expect(reason(STATES.activationAnswered, loadActivation(OFFLINE))).toBe('accepted');
  expect(reason(STATES.returnAnswered, loadReturn(OFFLINE))).toBe('accepted');
  // A response file is for the request it answers, loaded on the server that asked.
  expect(reason(STATES.activationAnswered, { ...loadActivation(), requestId: 'req-2' } as ServerLicenseEvent)).not.toBe('accepted');
  expect(reason(STATES.returnAnswered, { ...loadReturn(), requestId: 'req-2' } as ServerLicenseEvent)).not.toBe('accepted');
  expect(reason(STATES.activationAnswered, loadActivation({ ...OFFLINE, serverId: 'srv-2' }))).not.toBe('accepted');
});

test('seats: none asked is refused as such; seats still being returned offline are named apart from seats that are not there', () => {
  const seats = (quantity: number, free: number, awaitingReturnConfirmation: number) =>
    reason(fresh(quantity), { ...assign, seats: { free, awaitingReturnConfirmation } } as ServerLicenseEvent);
  expect(seats(0, 10, 0)).toBe('no-seats-asked');
  expect(seats(3, 2, 0)).toBe('not-enough-seats');
  expect(seats(3, 2, 1)).toBe('return-not-confirmed');
  expect(seats(3, 1, 1)).toBe('not-enough-seats');
  expect(seats(2, 2, 1)).toBe('accepted');
});
