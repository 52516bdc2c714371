import { Given, Then, When } from '@cucumber/cucumber';
import { Action } from './support/action';
import assert from 'node:assert/strict';
import { transferFromInventory, transferLicense } from './support/tasks';
import type { World } from './support/world';

/** Handing licenses to customers in the partner portal, from My Inventory or again from Customer Inventory. */
async function fromInventory(
  world: World,
  partner: string,
  models: string[],
  customer: string,
  options: { count?: number; contactEmail?: string; create?: boolean } = {},
) {
  await world.act('the transfer', async () => {
    for (const model of models) [world.seen.transfer] = (await transferFromInventory(world, partner, model, customer, options)).slice(-1);
  });
}

When(
  '{string} transfers its {models} license(s) to the new customer {string}',
  async function (this: World, partner: string, models: string[], customer: string) {
    await fromInventory(this, partner, models, customer, { create: true });
  },
);

Given(
  '{string} has transferred its {models} license(s) to the new customer {string}',
  async function (this: World, partner: string, models: string[], customer: string) {
    await fromInventory(this, partner, models, customer, { create: true });
  },
);

Action(
  '{string} transfers one {models} license to the new customer {string}',
  async function (this: World, partner: string, models: string[], customer: string) {
    await fromInventory(this, partner, models, customer, { count: 1, create: true });
  },
);

Action(
  '{string} transfers its {models} license(s) to the customer {string}',
  async function (this: World, partner: string, models: string[], customer: string) {
    await fromInventory(this, partner, models, customer, { create: false });
  },
);

Action(
  '{string} transfers its {models} license to the new customer {string} with contact email {string}',
  async function (this: World, partner: string, models: string[], customer: string, contactEmail: string) {
    await fromInventory(this, partner, models, customer, { create: true, contactEmail });
  },
);

Action(
  '{string} transfers the license in its inventory to the new customer {string} with the contact email of {string}',
  async function (this: World, partner: string, customer: string, holder: string) {
    const contactEmail = this.reference.customer.contactEmail;
    assert.equal(this.customerName(holder), this.reference.customer.name, `${holder} is not the customer on record`);
    await this.act('the transfer', () => transferLicense(this, partner, this.licenseId('inventory'), customer, { create: true, contactEmail }));
  },
);

Action(
  '{string} transfers the license in its inventory to the customer {string} without creating an account',
  async function (this: World, partner: string, customer: string) {
    await this.act('the transfer', () => transferLicense(this, partner, this.licenseId('inventory'), customer, { create: false }));
  },
);

When(
  /^"([^"]*)" transfers the retired original of its (\S+) license to the customer "([^"]*)"$/,
  async function (this: World, partner: string, label: string, customer: string) {
    const original = this.licenseId(label === 'capacity' ? 'retired' : `original of ${label}`);
    await this.act('the transfer', () => transferLicense(this, partner, original, customer, { create: false }));
  },
);

Action('{string} transfers the license of {string} to the customer {string}', async function (this: World, partner: string, other: string, customer: string) {
  await this.act('the transfer', () => transferLicense(this, partner, this.licenseId(`license of ${other}`), customer, { create: false }));
});

Action(
  /^"([^"]*)" transfers the (\S+) license from Customer Inventory to the (existing|new) customer "([^"]*)"$/,
  async function (this: World, partner: string, model: string, kind: string, customer: string) {
    const current = this.licenseId(model);
    const result = await this.act('the transfer', () => transferLicense(this, partner, current, customer, { create: kind === 'new' }));
    if (!result) return;
    this.seen.transfer = result;
    this.retired.set(model, current);
    this.licenses.set(model, result.license.licenseId);
  },
);

Then('the transfer is confirmed with a success banner', function (this: World) {
  this.succeeded('the transfer');
  assert.match(this.seen.transfer?.message ?? '', /transferred/i);
});

Then('each transferred license has a new License ID and its original is kept for tracking only', async function (this: World) {
  assert.ok(this.retired.size > 0, 'no license was transferred in this scenario');
  const [partnerName] = this.partners.keys();
  const session = await this.partnerSession(partnerName);
  const inventory = await this.partnerPortal.myInventory(session);
  const customers = await this.partnerPortal.customerInventory(session);
  for (const [model, originalId] of this.retired) {
    const original = inventory.find((l) => l.licenseId === originalId);
    assert.ok(original, `the original ${model} license ${originalId} is not in My Inventory`);
    assert.equal(original.available, 0, `the original ${model} license should have no available activation`);
    const successor = customers.find((l) => l.licenseId === this.licenseId(model));
    assert.ok(successor, `the new ${model} License ID is not in Customer Inventory`);
    assert.notEqual(successor.licenseId, originalId);
    assert.equal(successor.predecessorId, originalId);
  }
});

Then(
  'Customer Inventory of {string} shows the {models} license under {string}',
  async function (this: World, partner: string, [model]: string[], customer: string) {
    const row = (await this.partnerPortal.customerInventory(await this.partnerSession(partner))).find((l) => l.licenseId === this.licenseId(model));
    assert.equal(row?.customer?.name, this.customerName(customer));
  },
);

Then('the License ID the {models} license had under {string} is kept for tracking only', async function (this: World, [model]: string[], _customer: string) {
  const [partnerName] = this.partners.keys();
  const session = await this.partnerSession(partnerName);
  const previous = this.retired.get(model);
  const rows = await this.partnerPortal.search(session, {});
  const row = rows.find((l) => l.licenseId === previous);
  assert.ok(row, `License ID ${previous} is no longer on record`);
  assert.equal(row.available, 0);
  assert.equal(row.status, 'retired');
});

Then(/^the refusal names the new License ID of the (\S+) license$/, function (this: World, label: string) {
  const problem = this.checkedRefusals.at(-1);
  const current = this.licenseId(label);
  assert.ok(problem?.detail.includes(current), `the refusal does not name ${current}: ${problem?.detail}`);
  assert.equal(problem?.successorId, current, 'the refusal does not give the new License ID as its successorId');
});
