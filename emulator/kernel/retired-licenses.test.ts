import { expect, test } from 'vitest';
import { expectProblem, LicensingHarness } from '../testing/licensing-harness';

const h = LicensingHarness.resetForEachTest();

/** A partner's stock license handed to a customer: the original ID is retired, the new one is the customer's. */
async function transferred(customer = 'P2022-0208') {
  const { customerId, licenses, order } = await h.orderFor(customer, ['72220-200']);
  const partner = await h.ok('POST', '/partner/api/session', { body: order.credentials });
  return { customerId, partnerToken: partner.token as string, current: licenses.get('72220-200')!, retired: order.licenses[0].predecessorId as string };
}

test('every surface that takes a License ID refuses a retired one with license-retired and the new License ID', async () => {
  const { customerId, partnerToken, current, retired } = await transferred();
  const server = await h.smartServer({ devices: { lon: 2 } });
  await h.ok('PUT', `/smartservers/${server.installCode}/iap/lic/accounts`, { token: server.token, body: { customerId } });
  const customerToken = await h.customerToken(current);
  const answers = {
    transfer: await h.call('POST', `/partner/api/licenses/${retired}/transfers`, { token: partnerToken, body: { customerName: 'P2022-0208' } }),
    activation: await h.call('POST', `/smartservers/${server.installCode}/iap/lic/cloud/download`, { token: server.token, body: { licenseIds: [retired] } }),
    offlineFile: await h.call('POST', `/customer/api/licenses/${retired}/offline-activation-files`, {
      token: customerToken,
      body: { installCode: server.installCode },
    }),
    maintenanceFile: await h.call('POST', '/backoffice/api/maintenance-files', { body: { licenseId: retired, installCode: server.installCode } }),
    login: await h.call('POST', '/customer/api/session', { body: { eid: retired } }),
  };
  for (const [surface, answer] of Object.entries(answers)) {
    const problem = expectProblem(answer, 409, 'license-retired');
    expect({ surface, successorId: problem.successorId }).toEqual({ surface, successorId: current });
    expect(problem.detail).toContain(`use its new License ID ${current}`);
  }
});

test('a retired ID handed on to another customer names no License ID to the customer that had it', async () => {
  const { customerId, partnerToken, current: first } = await transferred('P2022-0208');
  const second = await h.ok('POST', `/partner/api/licenses/${first}/transfers`, {
    token: partnerToken,
    body: { customerName: 'P2022-0311', newAccount: {} },
  });
  const server = await h.smartServer({ devices: { lon: 2 } });
  await h.ok('PUT', `/smartservers/${server.installCode}/iap/lic/accounts`, { token: server.token, body: { customerId } });
  const activation = await h.call('POST', `/smartservers/${server.installCode}/iap/lic/cloud/download`, { token: server.token, body: { licenseIds: [first] } });
  expect(expectProblem(activation, 404, 'license-for-this-customer-id-not-found').detail).not.toContain(second.license.licenseId);
  const login = expectProblem(await h.call('POST', '/customer/api/session', { body: { eid: first } }), 401, 'invalid-credentials');
  expect(login.successorId).toBeUndefined();
  // The partner sold both, so it is told the License ID the license has now.
  const transfer = expectProblem(
    await h.call('POST', `/partner/api/licenses/${first}/transfers`, { token: partnerToken, body: { customerName: 'P2022-0208' } }),
    409,
    'license-retired',
  );
  expect(transfer.successorId).toBe(second.license.licenseId);
});

test("the stock license's original, transferred twice, names the License ID it has now to its partner", async () => {
  const { partnerToken, current: first, retired } = await transferred('P2022-0208');
  const second = await h.ok('POST', `/partner/api/licenses/${first}/transfers`, { token: partnerToken, body: { customerName: 'P2022-0311', newAccount: {} } });
  const problem = expectProblem(
    await h.call('POST', `/partner/api/licenses/${retired}/transfers`, { token: partnerToken, body: { customerName: 'P2022-0208' } }),
    409,
    'license-retired',
  );
  expect(problem.successorId).toBe(second.license.licenseId);
});
