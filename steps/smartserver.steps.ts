import { Given, Then, When } from '@cucumber/cucumber';
import { Action } from './support/action';
import assert from 'node:assert/strict';
import { activate, activateEverythingOffered, saveCustomerId } from './support/tasks';
import type { World } from './support/world';

/** The SmartServer CMS: Manage Licenses, Manage Customer Accounts, the cloud download list and Transfer to Cloud. */
When('the Owner of {string} saves the Customer ID of {string}', async function (this: World, server: string, customer: string) {
  await saveCustomerId(this, server, customer);
});

Given('the Owner of {string} has saved the Customer ID of {string}', async function (this: World, server: string, customer: string) {
  await saveCustomerId(this, server, customer);
});

Given('the Owner of {string} has activated the licenses of {string} from the cloud', async function (this: World, server: string, customer: string) {
  await saveCustomerId(this, server, customer);
  await activateEverythingOffered(this, server);
});

When('the {userType} of {string} opens Manage Licenses', async function (this: World, userType: string, server: string) {
  await this.act('Manage Licenses', async () => this.cms.manageLicenses(await this.cmsSession(server, userType)));
});

Then('Manage Licenses of {string} opens', function (this: World, _server: string) {
  this.succeeded('Manage Licenses');
});

When('the {userType} of {string} asks the cloud which licenses it can download', async function (this: World, userType: string, server: string) {
  this.seen.offers = await this.act('the download', async () => this.cloud.offers(await this.cmsSession(server, userType)));
});

When('the Owner of {string} opens Manage Customer Accounts', async function (this: World, server: string) {
  this.seen.customerAccounts = await this.cloud.customerAccounts(await this.cmsSession(server));
});

Then('it shows the segment controller {string} with its install code', function (this: World, server: string) {
  const { name, installCode } = this.smartServer(server);
  assert.deepEqual(
    this.seen.customerAccounts?.map((r) => [r.segmentController, r.installCode]),
    [[name, installCode]],
  );
});

Then('entering a Customer ID on {string} leaves the segment controller and install code as they were', async function (this: World, server: string) {
  const session = await this.cmsSession(server);
  const [before] = await this.cloud.customerAccounts(session);
  const [entered] = await this.cloud.enterCustomerId(session, this.reference.customer.customerId);
  await this.cloud.settleCustomerId(session, 'discard');
  assert.deepEqual([entered.segmentController, entered.installCode], [before.segmentController, before.installCode]);
});

Action('the Owner of {string} enters the Customer ID of {string}', async function (this: World, server: string, customer: string) {
  await this.cloud.enterCustomerId(await this.cmsSession(server), this.customerId(customer));
});

Action('the Owner of {string} saves the entered Customer ID', async function (this: World, server: string) {
  await this.cloud.settleCustomerId(await this.cmsSession(server), 'save');
});

Action('the Owner of {string} discards the entered Customer ID', async function (this: World, server: string) {
  await this.cloud.settleCustomerId(await this.cmsSession(server), 'discard');
});

Then('Manage Customer Accounts of {string} shows the Customer ID of {string}', async function (this: World, server: string, customer: string) {
  const [row] = await this.cloud.customerAccounts(await this.cmsSession(server));
  assert.equal(row.customerId, this.customerId(customer));
});

Then('the cloud offers {string} {int} license(s) for download', async function (this: World, server: string, count: number) {
  const offers = await this.cloud.offers(await this.cmsSession(server));
  assert.equal(offers.length, count, `offered: ${offers.map((o) => o.description).join('; ') || 'nothing'}`);
});

Then('the cloud offers {string} the capacity and maintenance licenses of {string}', async function (this: World, server: string, _customer: string) {
  this.seen.offers = await this.cloud.offers(await this.cmsSession(server));
  const offered = this.seen.offers.map((o) => o.licenseId);
  for (const key of ['capacity', 'maintenance']) assert.ok(offered.includes(this.licenseId(key)), `the ${key} license is not offered`);
});

Then('each offer shows Segment Controller, License ID, Transfer Date and a Description', function (this: World) {
  for (const offer of this.seen.offers ?? []) {
    assert.ok(offer.segmentController && offer.licenseId && offer.description, JSON.stringify(offer));
    assert.match(offer.transferDate, /^\d{4}-\d{2}-\d{2}$/);
  }
});

Then("the maintenance offer's description gives its expiry", function (this: World) {
  const offer = (this.seen.offers ?? []).find((o) => o.licenseId === this.licenseId('maintenance'));
  assert.match(offer?.description ?? '', /maintenance.*expires \d{4}-\d{2}-\d{2}/);
});

Then(
  'the cloud offers {string} the {models} license, described with its expiry {date}',
  async function (this: World, server: string, [model]: string[], ends: string) {
    const offer = (await this.cloud.offers(await this.cmsSession(server))).find((o) => o.licenseId === this.licenseId(model));
    assert.ok(offer?.description.endsWith(`expires ${ends}`), `offered as: ${offer?.description}`);
  },
);

Action('the Owner of {string} activates the capacity and maintenance licenses of {string}', async function (this: World, server: string, _customer: string) {
  await this.act('the activation', () => activate(this, server, [this.licenseId('capacity'), this.licenseId('maintenance')]));
});

Action('the Owner of {string} activates the capacity license of {string} from the cloud', async function (this: World, server: string, _customer: string) {
  await this.act('the activation', () => activate(this, server, [this.licenseId('capacity')]));
});

Action(
  /^the Owner of "([^"]*)" activates (?:only )?the (new |retired original of the |)(\S+) license from the cloud$/,
  async function (this: World, server: string, which: string, model: string) {
    const licenseId = which.startsWith('retired') ? this.retired.get(model) : this.licenseId(model);
    assert.ok(licenseId, `no ${model} license in this scenario`);
    await this.act('the activation', () => activate(this, server, [licenseId]));
  },
);

Action('the Owner of {string} activates every license offered by the cloud', async function (this: World, server: string) {
  await this.act('the activation', () => activateEverythingOffered(this, server));
});

Action('the Owner of {string} transfers its licenses to the cloud', async function (this: World, server: string) {
  await this.act('the return', async () => this.cloud.transferToCloud(await this.cmsSession(server)));
});

Then(
  'Manage Licenses of {string} lists both with Segment Controller, Description, Status, Activation Date, License ID and Note',
  async function (this: World, server: string) {
    const rows = await this.cms.manageLicenses(await this.cmsSession(server));
    for (const key of ['capacity', 'maintenance']) {
      const row = rows.find((r) => r.licenseId === this.licenseId(key));
      assert.ok(row, `the ${key} license is not listed`);
      assert.equal(row.segmentController, this.smartServer(server).name);
      assert.ok(row.description && row.status, JSON.stringify(row));
      assert.match(row.activationDate, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok('note' in row, 'no Note column');
    }
  },
);

Then('the cloud no longer offers them to {string}', async function (this: World, server: string) {
  const offered = (await this.cloud.offers(await this.cmsSession(server))).map((o) => o.licenseId);
  for (const key of ['capacity', 'maintenance']) assert.ok(!offered.includes(this.licenseId(key)), `the ${key} license is still offered`);
});

Then(/^Manage Licenses of "([^"]*)" lists (no|\d+) licenses?$/, async function (this: World, server: string, count: string) {
  const rows = await this.cms.manageLicenses(await this.cmsSession(server));
  assert.equal(rows.length, count === 'no' ? 0 : Number(count));
});

async function activateOneEach(world: World): Promise<void> {
  for (const server of world.fleet) {
    const session = await world.cmsSession(server);
    const [offer] = await world.cloud.offers(session);
    assert.ok(offer, `the cloud offers ${server} nothing`);
    await world.cloud.activate(session, [offer.licenseId]);
  }
}

When('the Owner of every SmartServer of the fleet activates one license from the cloud', async function (this: World) {
  await activateOneEach(this);
});

Given('the Owner of every SmartServer of the fleet has activated one license from the cloud', async function (this: World) {
  await activateOneEach(this);
});

Action('the Owner of every SmartServer of the fleet transfers its licenses to the cloud', async function (this: World) {
  for (const server of this.fleet) await this.cloud.transferToCloud(await this.cmsSession(server));
});
