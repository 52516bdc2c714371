import { Then, When } from '@cucumber/cucumber';
import { Action } from './support/action';
import assert from 'node:assert/strict';
import type { World } from './support/world';

/**
 * An integration using the SmartServer's licensing REST paths. The API drivers already speak those
 * paths; these steps word the workflow as an integration sees it, with the WebSocket update.
 */
Action('an integration sets the Customer ID of {string} on the segment of {string}', async function (this: World, customer: string, server: string) {
  await this.cloud.saveCustomerId(await this.cmsSession(server), this.customerId(customer));
});

When("the integration asks for the cloud's licenses of {string} while it watches the SmartServer's updates", async function (this: World, server: string) {
  const session = await this.cmsSession(server);
  const watch = await this.cms.watchUpdates(session);
  try {
    this.seen.offers = await this.cloud.offers(session);
    this.seen.update = await watch.next('UPD:LIC:CLOUD');
  } finally {
    watch.close();
  }
});

Then("the cloud's licenses arrive both in the answer and as an UPD:LIC:CLOUD update", function (this: World) {
  assert.ok(this.seen.offers && this.seen.offers.length > 0, 'the cloud answered no license');
  assert.deepEqual(this.seen.update?.licenses, this.seen.offers);
});

Action(
  'the integration downloads the capacity and maintenance licenses of {string} onto {string}',
  async function (this: World, _customer: string, server: string) {
    await this.cloud.activate(await this.cmsSession(server), [this.licenseId('capacity'), this.licenseId('maintenance')]);
  },
);

Then('the licensing status of {string} shows the capacity of its capacity license', async function (this: World, server: string) {
  const [partner] = this.partners.keys();
  const license = (await this.partnerPortal.customerInventory(await this.partnerSession(partner))).find((l) => l.licenseId === this.licenseId('capacity'));
  assert.ok(license, 'the capacity license is not in Customer Inventory');
  assert.equal((await this.cms.licensingStatus(await this.cmsSession(server))).capacity, license.capacity);
});

Then('the license list of {string} holds the capacity and maintenance licenses', async function (this: World, server: string) {
  const listed = (await this.cms.manageLicenses(await this.cmsSession(server))).map((l) => l.licenseId);
  for (const key of ['capacity', 'maintenance']) assert.ok(listed.includes(this.licenseId(key)), `the ${key} license is not listed`);
});

Action('the integration uploads every license of {string} to the cloud', async function (this: World, server: string) {
  await this.cloud.transferToCloud(await this.cmsSession(server));
});

Then('the license list of {string} is empty', async function (this: World, server: string) {
  assert.deepEqual(await this.cms.manageLicenses(await this.cmsSession(server)), []);
});
