import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { addDays, dayOf } from '../models/dates';
import { createOfflineFile, customerLicenses, withdrawOfflineFile } from './support/offline-files';
import type { World } from './support/world';

/**
 * What an offline activation file does to its license: it binds it to one install code until the
 * file is loaded, withdrawn or expired; the portal asks for the install code twice.
 */

Given(
  '{string} has created an offline activation file of its {models} license for {string}',
  async function (this: World, customer: string, [model]: string[], server: string) {
    await createOfflineFile(this, customer, model, server);
  },
);

When(
  '{string} creates an offline activation file of its {models} license for {string}, confirming the install code as {string}',
  async function (this: World, customer: string, [model]: string[], server: string, confirmation: string) {
    await createOfflineFile(this, customer, model, server, confirmation);
  },
);

When('{string} withdraws the offline activation file of its {models} license', async function (this: World, customer: string, [model]: string[]) {
  await withdrawOfflineFile(this, customer, model);
});

Given('{string} has withdrawn the offline activation file of its {models} license', async function (this: World, customer: string, [model]: string[]) {
  await withdrawOfflineFile(this, customer, model);
});

async function shownLicense(world: World, model: string) {
  const [customer] = world.customerSessions.keys();
  const license = (await customerLicenses(world, customer)).find((l) => l.licenseId === world.licenseId(model));
  assert.ok(license, `the customer portal does not list the ${model} license`);
  return license;
}

Then(
  'the customer portal shows the {models} license bound to {string} by a file that can be loaded for {int} days',
  async function (this: World, [model]: string[], server: string, days: number) {
    const license = await shownLicense(this, model);
    const file = this.seen.offlineFile;
    assert.ok(file, 'no offline activation file was made in this scenario');
    const issued = (JSON.parse(file.text) as { payload: { issuedAt: string } }).payload.issuedAt;
    assert.deepEqual(
      { status: license.status, installCode: license.installCode, until: license.offlineFileExpiresAt?.slice(0, 10) },
      { status: 'offlineFileIssued', installCode: this.smartServer(server).installCode, until: addDays(dayOf(issued), days) },
    );
  },
);

Then('the customer portal shows the {models} license free for a file or an online activation', async function (this: World, [model]: string[]) {
  const license = await shownLicense(this, model);
  assert.deepEqual(
    { status: license.status, installCode: license.installCode, until: license.offlineFileExpiresAt },
    { status: 'withCustomer', installCode: null, until: null },
  );
});
