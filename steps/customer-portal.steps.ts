import { Given, Then, When } from '@cucumber/cucumber';
import { Action } from './support/action';
import assert from 'node:assert/strict';
import { createOfflineFile, customerLicenses } from './support/offline-files';
import type { World } from './support/world';

/** The License Customer Portal, Customer Success's offline maintenance files, and Add License in the CMS. */

async function logInWithEid(world: World, customer: string, label: string): Promise<void> {
  const session = await world.act('the login', () => world.customerPortal.logIn({ licenseId: world.licenseId(label) }));
  if (session) world.customerSessions.set(customer, session);
}

async function addLicenseFile(world: World, server: string): Promise<void> {
  const file = world.seen.offlineFile;
  assert.ok(file, 'no offline activation file was made in this scenario');
  await world.act('loading the file', async () => world.cms.addLicenseFile(await world.cmsSession(server), file.text));
}

Action(/^"([^"]*)" logs in to the customer portal with the EID of its (\S+) license$/, async function (this: World, customer: string, label: string) {
  await logInWithEid(this, customer, label);
});

Action('{string} logs in to the customer portal with its contact email', async function (this: World, customer: string) {
  assert.equal(this.customerName(customer), this.reference.customer.name, `the contact email of ${customer} is not on record`);
  const session = await this.act('the login', () => this.customerPortal.logIn({ email: this.reference.customer.contactEmail }));
  if (session) this.customerSessions.set(customer, session);
});

When(
  /^someone logs in to the customer portal with (?:the retired original of the (\S+) license|an email no partner registered)$/,
  async function (this: World, label: string | null) {
    const original = label === null ? undefined : this.licenseId(label === 'capacity' ? 'retired' : `original of ${label}`);
    const attempt = original ? { licenseId: original } : { email: 'nobody.registered.this@customers.example' };
    await this.act('the login', () => this.customerPortal.logIn(attempt));
  },
);

Then('{string} is logged in to the customer portal', async function (this: World, customer: string) {
  this.succeeded('the login');
  assert.equal(this.customerSessions.get(customer)?.customerId, this.customerId(customer));
});

Then('every license the portal shows gives its License ID as its EID', async function (this: World) {
  const [customer] = this.customerSessions.keys();
  const licenses = await customerLicenses(this, customer);
  assert.ok(licenses.length > 0, 'the portal shows no license');
  for (const l of licenses) assert.equal(l.eid, l.licenseId);
});

Then('the customer portal shows {string} its capacity and maintenance licenses', async function (this: World, customer: string) {
  const shown = (await customerLicenses(this, customer)).map((l) => l.licenseId);
  for (const key of ['capacity', 'maintenance']) assert.ok(shown.includes(this.licenseId(key)), `the ${key} license is not shown`);
  assert.ok(!shown.includes(this.licenseId('retired')), 'a retired License ID is shown');
});

Then('the customer portal shows {string} no license of {string}', async function (this: World, customer: string, other: string) {
  const shown = (await customerLicenses(this, customer)).map((l) => l.licenseId);
  assert.ok(!shown.includes(this.licenseId(`license of ${other}`)), `a license of ${other} is shown`);
});

When(
  '{string} creates an offline activation file of its {models} license for {string}',
  async function (this: World, customer: string, [model]: string[], server: string) {
    await createOfflineFile(this, customer, model, server);
  },
);

When('the Owner of {string} adds the license file', async function (this: World, server: string) {
  await addLicenseFile(this, server);
});

Given('the Owner of {string} has added the license file', async function (this: World, server: string) {
  await addLicenseFile(this, server);
});

Given('{string} has activated its {models} license offline on {string}', async function (this: World, customer: string, [model]: string[], server: string) {
  await createOfflineFile(this, customer, model, server);
  await addLicenseFile(this, server);
});

Action(
  'Customer Success issues an offline maintenance file of the {models} license for {string}',
  async function (this: World, [model]: string[], server: string) {
    const file = await this.act('the offline file', () =>
      this.customerSuccess.issueOfflineMaintenanceFile(this.licenseId(model), this.smartServer(server).installCode),
    );
    if (file) this.seen.offlineFile = file;
  },
);

Then('the customer portal shows the {models} license active offline on {string}', async function (this: World, [model]: string[], server: string) {
  const [customer] = this.customerSessions.keys();
  const license = (await customerLicenses(this, customer)).find((l) => l.licenseId === this.licenseId(model));
  assert.deepEqual(
    { status: license?.status, mode: license?.activationMode, installCode: license?.installCode },
    { status: 'active', mode: 'offline', installCode: this.smartServer(server).installCode },
  );
});
