import { expect, test } from 'vitest';
import { expectProblem, LicensingHarness } from '../../testing/licensing-harness';

/** What issuing an offline file does to its license, over HTTP: the binding, its end by withdrawal or expiry, the code typed twice. */
const h = LicensingHarness.resetForEachTest();

async function customerWithServer() {
  await h.setToday('2026-03-02');
  const { licenses, customerId } = await h.orderFor('P2022-0208', ['72220-200']);
  const licenseId = licenses.get('72220-200')!;
  const token = await h.customerToken(licenseId);
  const server = await h.smartServer({ devices: { lon: 3 } });
  const fileFor = (installCode: string, installCodeAgain = installCode) =>
    h.call('POST', `/customer/api/licenses/${licenseId}/offline-activation-files`, { token, body: { installCode, installCodeAgain } });
  const listed = async () => (await h.ok('GET', '/customer/api/licenses', { token })).find((l: { licenseId: string }) => l.licenseId === licenseId);
  const load = (text: string) => h.call('POST', `/smartservers/${server.installCode}/iap/lic/files`, { token: server.token, body: { file: text } });
  const withdraw = () => h.call('DELETE', `/customer/api/licenses/${licenseId}/offline-activation-files`, { token });
  return { licenseId, customerId, server, fileFor, listed, load, withdraw };
}

test('a file binds its license to the install code until the date it names, and the portal lists that date', async () => {
  const { server, fileFor, listed } = await customerWithServer();
  const issued = await fileFor(server.installCode);
  expect(issued.status).toBe(201);
  expect(issued.body.expiresAt).toBe('2026-04-01T09:00:00.000Z');
  expect(JSON.parse(issued.body.text).payload.expiresAt).toBe(issued.body.expiresAt);
  expect(await listed()).toMatchObject({ status: 'offlineFileIssued', installCode: server.installCode, offlineFileExpiresAt: '2026-04-01T09:00:00.000Z' });
});

test('a withdrawn file frees its license and no longer loads; a second withdrawal finds nothing to withdraw', async () => {
  const { server, fileFor, listed, load, withdraw } = await customerWithServer();
  const mistyped = await fileFor('17qzzzz');
  const answer = await withdraw();
  expect(answer.status).toBe(200);
  expect(answer.body.license).toMatchObject({ status: 'withCustomer', installCode: null, offlineFileExpiresAt: null });
  expect(answer.body.message).toContain('17qzzzz');
  expect(expectProblem(await withdraw(), 409, 'no-offline-file').detail).toContain('no offline activation file');
  const right = await fileFor(server.installCode);
  expect((await load(right.body.text)).status).toBe(200);
  expect(await listed()).toMatchObject({ status: 'active', activationMode: 'offline' });
  expect(expectProblem(await withdraw(), 409, 'license-already-active').detail).toContain('nothing to withdraw');
  expect(mistyped.status).toBe(201);
});

test('a file withdrawn before the license was bound again for the same SmartServer does not load', async () => {
  const { server, fileFor, load, withdraw, listed } = await customerWithServer();
  const old = await fileFor(server.installCode);
  await withdraw();
  const current = await fileFor(server.installCode);
  expect(expectProblem(await load(old.body.text), 409, 'offline-file-withdrawn').detail).toContain('withdrawn');
  expect((await listed()).status).toBe('offlineFileIssued');
  expect((await load(current.body.text)).status).toBe(200);
});

test('an unused file gives its license back once the clock passes the last day it could be loaded', async () => {
  const { licenseId, customerId, server, fileFor, listed, load } = await customerWithServer();
  const issued = await fileFor(server.installCode);
  await h.ok('POST', '/_emulator/clock/advance', { body: { days: 30 } });
  expect((await listed()).status).toBe('offlineFileIssued');
  await h.ok('POST', '/_emulator/clock/advance', { body: { days: 1 } });
  expect(await listed()).toMatchObject({ status: 'withCustomer', installCode: null, offlineFileExpiresAt: null });
  expectProblem(await load(issued.body.text), 422, 'offline-file-expired');
  const online = await h.activateOnline(server, customerId, [licenseId]);
  expect(online.activated.map((l: { licenseId: string }) => l.licenseId)).toEqual([licenseId]);
});

test('the install code typed twice must be the same; a mismatch is refused and binds nothing', async () => {
  const { server, fileFor, listed } = await customerWithServer();
  const problem = expectProblem(await fileFor(server.installCode, '17qzzzz'), 400, 'invalid-input');
  expect(problem.field).toBe('installCodeAgain');
  expect(problem.detail).toContain(server.installCode);
  expect((await listed()).status).toBe('withCustomer');
});
