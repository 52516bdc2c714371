import { expect, test } from 'vitest';
import { RefusedError } from '../apply';
import type { Refusal } from '../refusal';
import { applyServerLicenseEvent, newServerLicense } from './apply';
import type { ServerProduct } from './catalog';
import type { BmsServerFacts, ServerLicenseEvent } from './license.rules';
import type { ServerLicenseRecord } from './seats';

const AT = '2026-02-02T10:00:00.000Z';
const PLENTY = { free: 10, awaitingReturnConfirmation: 0 };

function server(over: Partial<BmsServerFacts> = {}): BmsServerFacts {
  return { serverId: 'srv-1', name: 'AS-P 1', product: 'AS-P', internet: true, https: false, certificatesInstalled: false, ...over };
}

function license(featureCode = 'smartdriver', quantity = 2): ServerLicenseRecord {
  return newServerLicense({ licenseId: 'lic-1', entitlementId: 'ENT-1', activationId: 'ACT-1', featureCode, quantity });
}

const send = (record: ServerLicenseRecord, ...events: ServerLicenseEvent[]) => events.reduce(applyServerLicenseEvent, record);
const assign = (facts = server()): ServerLicenseEvent => ({ type: 'ASSIGN', server: facts, seats: PLENTY, featureOnServer: false, at: AT });
const activate = (facts = server()): ServerLicenseEvent => ({ type: 'ACTIVATE_ONLINE', server: facts, at: AT });

function refusalOf(record: ServerLicenseRecord, event: ServerLicenseEvent): Refusal {
  try {
    applyServerLicenseEvent(record, event);
  } catch (error) {
    if (error instanceof RefusedError) return error.refusal;
    throw error;
  }
  throw new Error(`expected ${event.type} to be refused in ${record.state}`);
}

const assignedTo = (product: ServerProduct, featureCode: string) => refusalOf(license(featureCode, 1), assign(server({ product })));

test('a license drawn from an entitlement starts available, on no server', () => {
  const fresh = license();
  expect(fresh.state).toBe('available');
  expect(fresh.context.serverId).toBeUndefined();
});

test('assigning binds the license to the server and activating online makes it active there', () => {
  const assigned = send(license(), assign());
  expect(assigned.state).toBe('assigned');
  expect(assigned.context).toMatchObject({ serverId: 'srv-1', serverName: 'AS-P 1', assignedAt: AT });
  const active = send(assigned, activate());
  expect(active.state).toBe('active');
  expect(active.context).toMatchObject({ activationMode: 'online', activatedAt: AT });
});

test('a SmartDriver license is refused on an AS-B, which it does not apply to', () => {
  expect(assignedTo('AS-B', 'smartdriver')).toMatchObject({ code: 'license-not-applicable', kind: 'rule' });
});

test('a TimescaleDB license is refused on an AS-P and accepted on an Edge Server', () => {
  expect(assignedTo('AS-P', 'timescaledb').code).toBe('license-not-applicable');
  expect(send(license('timescaledb', 1), assign(server({ product: 'Edge Server' }))).state).toBe('assigned');
});

test('assigning more seats than are free is refused and says how many are free', () => {
  const refusal = refusalOf(license('smartdriver', 4), { ...assign(), seats: { free: 3, awaitingReturnConfirmation: 0 } } as ServerLicenseEvent);
  expect(refusal).toMatchObject({ code: 'not-enough-seats', kind: 'rule' });
  expect(refusal.message).toContain('Only 3 seat(s)');
});

test('seats held by an unconfirmed offline return cannot be assigned again yet', () => {
  const refusal = refusalOf(license('smartdriver', 2), { ...assign(), seats: { free: 0, awaitingReturnConfirmation: 2 } } as ServerLicenseEvent);
  expect(refusal).toMatchObject({ code: 'return-not-confirmed', kind: 'state' });
  expect(refusal.message).toContain('License Activation Server');
});

test('a per-server feature takes one seat and is refused where the server already has it', () => {
  expect(refusalOf(license('snmp-notifications', 2), assign()).code).toBe('one-seat-per-server');
  expect(refusalOf(license('snmp-notifications', 1), { ...assign(), featureOnServer: true } as ServerLicenseEvent).code).toBe('feature-already-on-server');
  expect(send(license('snmp-notifications', 1), assign()).state).toBe('assigned');
});

test('SmartDriver seats add up on a server that already has some', () => {
  expect(send(license('smartdriver', 1), { ...assign(), featureOnServer: true } as ServerLicenseEvent).state).toBe('assigned');
});

test('online activation is refused while the server has no Internet access', () => {
  const refusal = refusalOf(send(license(), assign()), activate(server({ internet: false })));
  expect(refusal).toMatchObject({ code: 'server-without-internet', kind: 'state' });
  expect(refusal.message).toContain('offline workflow');
});

test('a server on HTTPS needs its certificates installed before activation; on HTTP it does not', () => {
  const assigned = send(license(), assign());
  expect(refusalOf(assigned, activate(server({ https: true, certificatesInstalled: false }))).code).toBe('server-certificates-missing');
  expect(send(assigned, activate(server({ https: true, certificatesInstalled: true }))).state).toBe('active');
  expect(send(assigned, activate(server({ https: false, certificatesInstalled: false }))).state).toBe('active');
});

test('activating a license already active on the server is refused', () => {
  const active = send(license(), assign(), activate());
  expect(refusalOf(active, activate())).toMatchObject({ code: 'license-already-active', kind: 'state' });
  expect(refusalOf(active, { type: 'REQUEST_ACTIVATION', server: server(), requestId: 'req-9', at: AT }).code).toBe('license-already-active');
});

test('a license is activated only on the server it was assigned to', () => {
  const assigned = send(license(), assign());
  expect(refusalOf(assigned, activate(server({ serverId: 'srv-2', name: 'AS-P 2' }))).code).toBe('license-on-another-server');
});

test('an unassigned license cannot be activated', () => {
  expect(refusalOf(license(), activate()).code).toBe('license-not-assigned');
});

test('an activated license cannot be deactivated; the refusal points to returning the server', () => {
  const refusal = refusalOf(send(license(), assign(), activate()), { type: 'DEACTIVATE', at: AT });
  expect(refusal).toMatchObject({ code: 'license-cannot-be-deactivated', kind: 'rule' });
  expect(refusal.message).toContain('return all licenses');
  expect(refusalOf(send(license(), assign()), { type: 'DEACTIVATE', at: AT }).code).toBe('license-not-active');
});

test('offline activation goes request file, License Activation Server answer, response file', () => {
  const facts = server({ internet: false });
  const requested = send(license(), assign(facts), { type: 'REQUEST_ACTIVATION', server: facts, requestId: 'req-1', at: AT });
  expect(requested.state).toBe('activationRequested');
  expect(refusalOf(requested, { type: 'LOAD_ACTIVATION_RESPONSE', server: facts, requestId: 'req-1', at: AT }).code).toBe('activation-response-not-ready');
  expect(refusalOf(requested, activate(facts)).code).toBe('activation-request-pending');
  const answered = send(requested, { type: 'ANSWER_ACTIVATION', requestId: 'req-1', at: AT });
  expect(answered.state).toBe('activationAnswered');
  expect(refusalOf(answered, { type: 'LOAD_ACTIVATION_RESPONSE', server: facts, requestId: 'req-2', at: AT }).code).toBe('request-mismatch');
  const active = send(answered, { type: 'LOAD_ACTIVATION_RESPONSE', server: facts, requestId: 'req-1', at: '2026-02-03T08:00:00.000Z' });
  expect(active.state).toBe('active');
  expect(active.context).toMatchObject({ activationMode: 'offline', activatedAt: '2026-02-03T08:00:00.000Z' });
});

test('creating a request file needs certificates on an HTTPS server but no Internet', () => {
  const facts = server({ internet: false, https: true });
  const assigned = send(license(), assign(facts));
  expect(refusalOf(assigned, { type: 'REQUEST_ACTIVATION', server: facts, requestId: 'req-1', at: AT }).code).toBe('server-certificates-missing');
  expect(send(assigned, { type: 'REQUEST_ACTIVATION', server: { ...facts, certificatesInstalled: true }, requestId: 'req-1', at: AT }).state).toBe(
    'activationRequested',
  );
});

test('an online return ends the license and records when', () => {
  const returned = send(license(), assign(), activate(), { type: 'RETURN_ONLINE', server: server(), at: '2026-03-01T09:00:00.000Z' });
  expect(returned.state).toBe('returned');
  expect(returned.context).toMatchObject({ returnMode: 'online', returnedAt: '2026-03-01T09:00:00.000Z' });
  expect(refusalOf(returned, activate()).code).toBe('license-returned');
});

test('an online return needs the server on the Internet', () => {
  const active = send(license(), assign(), activate());
  expect(refusalOf(active, { type: 'RETURN_ONLINE', server: server({ internet: false }), at: AT }).code).toBe('server-without-internet');
});

test('an offline return ends only when the License Activation Server confirms it', () => {
  const facts = server();
  let record = send(license(), assign(), activate(), { type: 'REQUEST_RETURN', server: facts, requestId: 'ret-1', at: AT });
  expect(record.state).toBe('returnRequested');
  expect(refusalOf(record, { type: 'CONFIRM_RETURN', requestId: 'ret-1', at: AT }).code).toBe('return-not-sent-to-server');
  expect(refusalOf(record, { type: 'RETURN_ONLINE', server: facts, at: AT }).code).toBe('return-in-progress');
  record = send(record, { type: 'ANSWER_RETURN', requestId: 'ret-1', at: AT }, { type: 'LOAD_RETURN_RESPONSE', server: facts, requestId: 'ret-1', at: AT });
  expect(record.state).toBe('returnUnconfirmed');
  expect(refusalOf(record, { type: 'CONFIRM_RETURN', requestId: 'ret-2', at: AT }).code).toBe('request-mismatch');
  const returned = send(record, { type: 'CONFIRM_RETURN', requestId: 'ret-1', at: '2026-03-02T09:00:00.000Z' });
  expect(returned.state).toBe('returned');
  expect(returned.context).toMatchObject({ returnMode: 'offline', returnedAt: '2026-03-02T09:00:00.000Z' });
});

test('a return response file cannot be sent before the License Activation Server answered', () => {
  const record = send(license(), assign(), activate(), { type: 'REQUEST_RETURN', server: server(), requestId: 'ret-1', at: AT });
  expect(refusalOf(record, { type: 'LOAD_RETURN_RESPONSE', server: server(), requestId: 'ret-1', at: AT }).code).toBe('return-response-not-ready');
});
