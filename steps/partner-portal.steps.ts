import { Then, When } from '@cucumber/cucumber';
import { Action } from './support/action';
import assert from 'node:assert/strict';
import type { LicenseSummary } from './drivers/surfaces';
import type { World } from './support/world';

/** The License Partner Portal: logging in, the two inventories, the Search tab and order details. */
const ids = (licenses: LicenseSummary[]) => licenses.map((l) => l.licenseId);

Action('{string} logs in to the partner portal', async function (this: World, partner: string) {
  const { email, password } = this.partner(partner);
  this.partner(partner).session = await this.act('the login', () => this.partnerPortal.logIn(email, password));
});

When('{string} logs in to the partner portal with a wrong password', async function (this: World, partner: string) {
  const { email, password } = this.partner(partner);
  await this.act('the login', () => this.partnerPortal.logIn(email, `${password}-wrong`));
});

When('someone logs in to the partner portal with an email nobody uses', async function (this: World) {
  await this.act('the login', () => this.partnerPortal.logIn('nobody.uses.this@partners.example', 'Whatever-2026!'));
});

Then('both refusals read the same', function (this: World) {
  const [first, second] = this.checkedRefusals.slice(-2);
  assert.ok(first && second, 'two refusals were not checked');
  assert.deepEqual({ code: second.code, detail: second.detail, status: second.status }, { code: first.code, detail: first.detail, status: first.status });
});

Then('{string} sees its own inventory', async function (this: World, partner: string) {
  const inventory = await this.partnerPortal.myInventory(await this.partnerSession(partner));
  assert.ok(inventory.length > 0, 'My Inventory is empty');
});

Then('{string} was sent partner portal credentials', async function (this: World, partner: string) {
  assert.equal(this.credentialsSent.get(partner), 1);
  assert.ok((await this.partnerSession(partner)).token);
});

Then('no new partner portal credentials were sent to {string}', function (this: World, partner: string) {
  assert.equal(this.credentialsSent.get(partner), 1, 'the later order sent credentials again');
});

Then('My Inventory of {string} lists {int} license(s)', async function (this: World, partner: string, count: number) {
  assert.equal((await this.partnerPortal.myInventory(await this.partnerSession(partner))).length, count);
});

Then('My Inventory of {string} lists {int} licenses of PO {string}', async function (this: World, partner: string, count: number, po: string) {
  const inventory = await this.partnerPortal.myInventory(await this.partnerSession(partner));
  assert.equal(inventory.filter((l) => l.poNumber === po).length, count);
});

Then('Customer Inventory of {string} lists {int} license(s) of {string}', async function (this: World, partner: string, count: number, customer: string) {
  const inventory = await this.partnerPortal.customerInventory(await this.partnerSession(partner));
  assert.equal(inventory.filter((l) => l.customer?.name === this.customerName(customer)).length, count);
});

Then('Customer Inventory of {string} lists no license', async function (this: World, partner: string) {
  assert.deepEqual(await this.partnerPortal.customerInventory(await this.partnerSession(partner)), []);
});

Then('My Inventory of {string} holds the original of its capacity license and the license in its inventory', async function (this: World, partner: string) {
  const held = ids(await this.partnerPortal.myInventory(await this.partnerSession(partner)));
  for (const key of ['retired', 'inventory']) assert.ok(held.includes(this.licenseId(key)), `My Inventory lacks ${this.licenseId(key)}`);
});

Then(
  'Customer Inventory of {string} holds its capacity and maintenance licenses under {string}',
  async function (this: World, partner: string, customer: string) {
    const inventory = await this.partnerPortal.customerInventory(await this.partnerSession(partner));
    for (const key of ['capacity', 'maintenance']) {
      const row = inventory.find((l) => l.licenseId === this.licenseId(key));
      assert.equal(row?.customer?.name, this.customerName(customer), `${key} license ${this.licenseId(key)} is not under ${customer}`);
    }
  },
);

Then('no inventory of {string} shows a license of {string}', async function (this: World, partner: string, other: string) {
  const session = await this.partnerSession(partner);
  const shown = [...ids(await this.partnerPortal.myInventory(session)), ...ids(await this.partnerPortal.customerInventory(session))];
  assert.ok(!shown.includes(this.licenseId(`license of ${other}`)), `a license of ${other} shows`);
});

When(
  /^"([^"]*)" searches (with no criterion|by its PO number|by the PO number "[^"]*"|by the customer name "[^"]*")(, only assets with available activations|)$/,
  async function (this: World, partner: string, criterion: string, onlyAvailable: string) {
    const customer = /^by the customer name "(.*)"$/.exec(criterion)?.[1];
    const poNumber = criterion === 'by its PO number' ? this.reference.partner.poNumber : /^by the PO number "(.*)"$/.exec(criterion)?.[1];
    const query = {
      poNumber,
      customerName: customer === undefined ? undefined : this.customerName(customer),
      onlyAvailable: onlyAvailable !== '',
    };
    this.seen.search = await this.act('the search', async () => this.partnerPortal.search(await this.partnerSession(partner), query));
  },
);

Then(
  /^the search finds (?:the original and the new ID of its (\S+) license|the new ID of its (\S+) license but not its original)$/,
  function (this: World, both: string | null, onlyNew: string | null) {
    const label = (both ?? onlyNew)!;
    const shown = ids(this.seen.search ?? []);
    assert.ok(shown.includes(this.licenseId(label)), `the new ID of the ${label} license is missing`);
    assert.equal(
      shown.includes(this.licenseId(label === 'capacity' ? 'retired' : `original of ${label}`)),
      both !== null,
      'the original License ID shows where it should not, or the other way round',
    );
  },
);

Then(
  '{recordedLicense} counts Transferred {int}, Activated {int} and Available {int}',
  function (this: World, key: string, transferred: number, activated: number, available: number) {
    const row = (this.seen.search ?? []).find((l) => l.licenseId === this.licenseId(key));
    assert.ok(row, `the search did not show ${this.licenseId(key)}`);
    assert.deepEqual({ transferred: row.transferred, activated: row.activated, available: row.available }, { transferred, activated, available });
  },
);

When('{string} opens the order details of {recordedLicense}', async function (this: World, partner: string, key: string) {
  this.seen.orderDetails = await this.act('the opening of the order details', async () =>
    this.partnerPortal.orderDetails(await this.partnerSession(partner), this.licenseId(key)),
  );
});

Then('the Transfer tab is selected with "Transfer To: Customer"', function (this: World) {
  assert.deepEqual(this.seen.orderDetails?.transferDefaults, { tab: 'Transfer', transferTo: 'Customer' });
});

Then('the customers to pick from show {string} with its Customer ID', function (this: World, customer: string) {
  const entry = this.seen.orderDetails?.customers.find((c) => c.name === this.customerName(customer));
  assert.equal(entry?.customerId, this.customerId(customer));
});

When(
  /^"([^"]*)" looks up the Customer ID of "([^"]*)" (in the Search tab's customer list|by typing the name in My Inventory)$/,
  async function (this: World, partner: string, customer: string, where: string) {
    const session = await this.partnerSession(partner);
    const typed = where.startsWith('by typing') ? this.customerName(customer) : undefined;
    this.seen.customerLookup = await this.partnerPortal.customers(session, typed);
  },
);

Then('{string} reads the Customer ID of {string}', function (this: World, _partner: string, customer: string) {
  const entry = (this.seen.customerLookup ?? []).find((c) => c.name === this.customerName(customer));
  assert.equal(entry?.customerId, this.customerId(customer));
});
