import { expect, test } from 'vitest';
import { LicensingHarness } from '../../testing/licensing-harness';
import { problemOf } from '../../testing/http-test-kit';

const h = LicensingHarness.resetForEachTest();

test("an activation refused for another customer's license names the License ID as a License ID and the Customer ID as a Customer ID", async () => {
  const mine = await h.orderFor('P2022-0208', ['72220-200']);
  const theirs = await h.orderFor('P2022-0999', ['72220-200'], 'other@partners.example');
  const server = await h.smartServer();
  const licenseId = [...theirs.licenses.values()][0];
  await h.ok('PUT', `/smartservers/${server.installCode}/iap/lic/accounts`, { token: server.token, body: { customerId: mine.customerId } });
  const answer = await h.call('POST', `/smartservers/${server.installCode}/iap/lic/cloud/download`, { token: server.token, body: { licenseIds: [licenseId] } });
  const problem = problemOf(answer, 404, 'license-for-this-customer-id-not-found');
  expect(problem.detail).toContain(`License ID ${licenseId}`);
  expect(problem.detail).toContain(`Customer ID ${mine.customerId}`);
  expect(problem.detail).not.toContain(`Customer ID ${licenseId}`);
});
