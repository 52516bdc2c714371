import { Then } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { World } from './support/world';

/** The identifiers the workflows hang on: License IDs, Customer IDs, customer names, contact emails, install codes. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INSTALL_CODE = /^[0-9a-z]{7}$/;

Then('every license of {string} has its own License ID in UUID form', async function (this: World, partner: string) {
  const ids = (await this.partnerPortal.myInventory(await this.partnerSession(partner))).map((l) => l.licenseId);
  for (const id of ids) assert.match(id, UUID);
  assert.equal(new Set(ids).size, ids.length, 'two licenses share a License ID');
});

Then('the customer {string} has a Customer ID in UUID form', function (this: World, customer: string) {
  assert.match(this.customerId(customer), UUID);
});

Then(
  '{string} has one customer account named {string}, holding {int} licenses',
  async function (this: World, partner: string, customer: string, count: number) {
    const session = await this.partnerSession(partner);
    const accounts = (await this.partnerPortal.customers(session)).filter((c) => c.name === this.customerName(customer));
    assert.equal(accounts.length, 1);
    const held = (await this.partnerPortal.customerInventory(session)).filter((l) => l.customer?.customerId === accounts[0].customerId);
    assert.equal(held.length, count);
  },
);

Then(
  'the {string} of {string} and the {string} of {string} have different Customer IDs',
  async function (this: World, first: string, firstPartner: string, second: string, secondPartner: string) {
    const idOf = async (partner: string, name: string) =>
      (await this.partnerPortal.customers(await this.partnerSession(partner))).find((c) => c.name === name)?.customerId;
    const a = await idOf(firstPartner, first);
    const b = await idOf(secondPartner, second);
    assert.ok(a && b, 'one of the two customers is missing');
    assert.notEqual(a, b);
  },
);

Then('{string} has no customer account named {string}', async function (this: World, partner: string, customer: string) {
  const accounts = await this.partnerPortal.customers(await this.partnerSession(partner));
  assert.ok(!accounts.some((c) => c.name === this.customerName(customer)), `${customer} exists`);
});

Then('{string} lists the customer {string} with contact email {string}', async function (this: World, partner: string, customer: string, email: string) {
  const accounts = await this.partnerPortal.customers(await this.partnerSession(partner));
  assert.equal(accounts.find((c) => c.name === this.customerName(customer))?.contactEmail, email);
});

Then('every SmartServer of the fleet has the hostname "smartserver-" followed by its install code', function (this: World) {
  assert.ok(this.fleet.length > 0, 'no fleet in this scenario');
  for (const name of this.fleet) {
    const server = this.smartServer(name);
    assert.match(server.installCode, INSTALL_CODE);
    assert.equal(server.hostname, `smartserver-${server.installCode}`);
  }
});

async function showsInstallCode(world: World, name: string): Promise<void> {
  const server = world.smartServer(name);
  const rows = await world.cloud.customerAccounts(await world.cmsSession(name));
  assert.deepEqual(
    rows.map((r) => [r.segmentController, r.installCode]),
    [[server.name, server.installCode]],
  );
}

Then('every SmartServer of the fleet shows its install code read-only in Manage Customer Accounts', async function (this: World) {
  for (const name of this.fleet) await showsInstallCode(this, name);
});

Then('the install code of {string} is 7 lowercase letters and digits', function (this: World, name: string) {
  assert.match(this.smartServer(name).installCode, INSTALL_CODE);
});

Then('Manage Customer Accounts of {string} shows that install code read-only', async function (this: World, name: string) {
  await showsInstallCode(this, name);
});
