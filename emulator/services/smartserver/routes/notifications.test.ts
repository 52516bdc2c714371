import { expect, test } from 'vitest';
import { expectProblem, LicensingHarness, type FleetServer } from '../../../testing/licensing-harness';

// Edit Notifications is @inferred: the vendor page describing it could not be read (public-facts §5).

const h = LicensingHarness.resetForEachTest();

const path = (server: FleetServer, tail = '') => `/smartservers/${server.installCode}/iap/lic/notifications${tail}`;

test('notification settings start empty and are saved as given, lead times longest first', async () => {
  const server = await h.smartServer();
  expect(await h.ok('GET', path(server), { token: server.token })).toEqual({ emails: [], daysBefore: [], renewalConfirmation: false });
  const saved = await h.ok('PUT', path(server), {
    token: server.token,
    body: { emails: ['Facilities@Building.example', 'ops@building.example'], daysBefore: [7, 90, 30], renewalConfirmation: true },
  });
  expect(saved).toEqual({ emails: ['facilities@building.example', 'ops@building.example'], daysBefore: [90, 30, 7], renewalConfirmation: true });
  expect(await h.ok('GET', path(server), { token: server.token })).toEqual(saved);
});

test('bad settings are refused naming the field and the rule, and nothing is saved', async () => {
  const server = await h.smartServer();
  const put = (body: unknown) => h.call('PUT', path(server), { token: server.token, body });
  expect(expectProblem(await put({ emails: ['a@b.example', 'not an email'], daysBefore: [30] }), 400, 'invalid-input').field).toBe('emails[1]');
  expect(expectProblem(await put({ emails: ['a@b.example'], daysBefore: [0] }), 400, 'invalid-input').field).toBe('daysBefore[0]');
  expect(expectProblem(await put({ emails: ['a@b.example'], daysBefore: [30, 366] }), 400, 'invalid-input').detail).toContain('between 1 and 365');
  expect(expectProblem(await put({ emails: ['a@b.example'], daysBefore: [30, 60, 30] }), 400, 'invalid-input').field).toBe('daysBefore');
  expect(expectProblem(await put({ emails: ['a@b.example', 'A@b.example'], daysBefore: [] }), 400, 'invalid-input').field).toBe('emails');
  expect(expectProblem(await put({ daysBefore: [30] }), 400, 'invalid-input').field).toBe('emails');
  expect(expectProblem(await put({ emails: [], daysBefore: [], renewalConfirmation: 'yes' }), 400, 'invalid-input').field).toBe('renewalConfirmation');
  expect((await h.ok('GET', path(server), { token: server.token })).daysBefore).toEqual([]);
});

test('only the Owner edits notifications', async () => {
  const server = await h.smartServer({
    users: [
      { username: 'owner', userType: 'Owner' },
      { username: 'sup', userType: 'Supervisor' },
    ],
  });
  const token = await h.login(server, 'sup');
  expectProblem(await h.call('GET', path(server), { token }), 403, 'owner-only');
  expectProblem(await h.call('PUT', path(server), { token, body: { emails: [], daysBefore: [] } }), 403, 'owner-only');
});

test('an expiry reminder is due on the day its lead time before the maintenance end', async () => {
  const { customerId, licenses } = await h.orderFor('P2022-0208', ['72220-200', '92201R-P-200']);
  const server = await h.smartServer();
  await h.activateOnline(server, customerId, [...licenses.values()]);
  await h.ok('PUT', path(server), { token: server.token, body: { emails: ['ops@building.example'], daysBefore: [30, 7] } });
  const today = await h.ok('GET', path(server, '/due'), { token: server.token });
  expect(today).toMatchObject({ today: '2026-01-05', maintenanceEnd: '2029-01-05', due: [] });
  expect(today.planned.map((n: { sendOn: string }) => n.sendOn)).toEqual(['2028-12-06', '2028-12-29']);
  await h.setToday('2028-12-06');
  const due = await h.ok('GET', path(server, '/due'), { token: server.token });
  expect(due.due).toEqual([{ kind: 'expiry-reminder', sendOn: '2028-12-06', to: ['ops@building.example'], maintenanceEnd: '2029-01-05', daysBefore: 30 }]);
  await h.setToday('2028-12-07');
  expect((await h.ok('GET', path(server, '/due'), { token: server.token })).due).toEqual([]);
});

test('a renewal confirmation is due on the day maintenance is extended, when asked for', async () => {
  const { customerId, licenses } = await h.orderFor('P2022-0208', ['72220-200', '92201R-P-200']);
  const server = await h.smartServer();
  await h.activateOnline(server, customerId, [...licenses.values()]);
  await h.ok('PUT', path(server), { token: server.token, body: { emails: ['ops@building.example'], daysBefore: [], renewalConfirmation: true } });
  expect((await h.ok('GET', path(server, '/due'), { token: server.token })).due).toEqual([]);
  await h.setToday('2027-03-01');
  // A 1-year term runs from its transfer, so the renewal is bought on the day it is activated.
  const renewal = await h.orderFor('P2022-0208', ['92201R-1Y-200']);
  await h.ok('POST', `/smartservers/${server.installCode}/iap/lic/cloud/download`, {
    token: server.token,
    body: { licenseIds: [renewal.licenses.get('92201R-1Y-200')] },
  });
  const due = await h.ok('GET', path(server, '/due'), { token: server.token });
  expect(due.due).toEqual([{ kind: 'renewal-confirmation', sendOn: '2027-03-01', to: ['ops@building.example'], maintenanceEnd: '2030-01-05' }]);
});

test('without maintenance or without recipients nothing is ever due', async () => {
  const { customerId, licenses } = await h.orderFor('P2022-0208', ['72220-200', '92201R-P-200']);
  const bare = await h.smartServer();
  await h.ok('PUT', path(bare), { token: bare.token, body: { emails: ['ops@building.example'], daysBefore: [30] } });
  expect(await h.ok('GET', path(bare, '/due'), { token: bare.token })).toMatchObject({ maintenanceEnd: null, due: [], planned: [] });
  const silent = await h.smartServer();
  await h.activateOnline(silent, customerId, [...licenses.values()]);
  await h.ok('PUT', path(silent), { token: silent.token, body: { emails: [], daysBefore: [30] } });
  expect((await h.ok('GET', path(silent, '/due'), { token: silent.token })).planned).toEqual([]);
});
