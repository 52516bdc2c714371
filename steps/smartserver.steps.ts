import { Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { World } from './support/world';

When('the Owner of {string} saves the Customer ID of {string}', async function (this: World, server: string, customer: string) {
  await this.driver.saveCustomerId(await this.cms(server), this.customerId(customer));
});

Then('the cloud offers {string} {int} license(s) for download', async function (this: World, server: string, count: number) {
  const offers = await this.driver.cloudOffers(await this.cms(server));
  assert.equal(offers.length, count, `offered: ${offers.map((o) => o.description).join('; ') || 'nothing'}`);
});

When('the Owner of {string} activates every license offered by the cloud', async function (this: World, server: string) {
  const session = await this.cms(server);
  const offers = await this.driver.cloudOffers(session);
  await this.driver.activate(session, offers.map((o) => o.licenseId));
});

When('the Owner of {string} transfers its licenses to the cloud', async function (this: World, server: string) {
  await this.driver.transferToCloud(await this.cms(server));
});

Then('{string} has a device capacity of {int} and a used capacity of {int}', async function (this: World, server: string, capacity: number, used: number) {
  const dashboard = await this.driver.dashboard(await this.cms(server));
  assert.deepEqual({ capacity: dashboard.capacity, used: dashboard.usedCapacity }, { capacity, used });
});
