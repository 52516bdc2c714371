import { Given, Then, When } from '@cucumber/cucumber';
import { Action } from './support/action';
import assert from 'node:assert/strict';
import { ApiProblem } from './drivers/http-client';
import type { World } from './support/world';

/** Manage Licenses in detail: its rows and notes, its four actions, and Edit Notifications. */
Action('the Owner of {string} notes {string} on the {models} license', async function (this: World, server: string, note: string, [model]: string[]) {
  await this.cms.setLicenseNote(await this.cmsSession(server), this.licenseId(model), note);
});

Then(
  /^Manage Licenses of "([^"]*)" lists the (\S+) license as "([^"]*)", "([^"]*)", activated (today|\d{4}-\d{2}-\d{2}), (?:with the note "([^"]*)"|without a note)$/,
  async function (this: World, server: string, model: string, description: string, status: string, activated: string, note: string | null) {
    const session = await this.cmsSession(server);
    const row = (await this.cms.manageLicenses(session)).find((r) => r.licenseId === this.licenseId(model));
    assert.ok(row, `Manage Licenses does not list the ${model} license`);
    // The SmartServer's own date, as its notification plan reports it.
    const date = activated === 'today' ? (await this.cms.notificationsDue(session)).today : activated;
    assert.deepEqual(
      { segmentController: row.segmentController, description: row.description, status: row.status, activationDate: row.activationDate, note: row.note },
      { segmentController: this.smartServer(server).name, description, status, activationDate: date, note: note ?? null },
    );
  },
);

Then(
  'the Owner of {string} can use Manage Customer Accounts, Download Licenses from the Cloud, Add License and Edit Notifications',
  async function (this: World, server: string) {
    const session = await this.cmsSession(server);
    const [account] = await this.cloud.customerAccounts(session);
    assert.equal(account.installCode, this.smartServer(server).installCode);
    assert.ok(Array.isArray(await this.cloud.offers(session)));
    assert.ok(Array.isArray((await this.cms.notificationSettings(session)).emails));
    // Add License is there: it reads the file it is given and names the file when it is not a license file.
    const refusal = await this.cms.addLicenseFile(session, 'not a license file').then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(refusal instanceof ApiProblem && refusal.field === 'file', `Add License answered: ${String(refusal)}`);
  },
);

async function setNotifications(world: World, userType: string, server: string, email: string, days: number[], renewal: string | null): Promise<void> {
  const settings = { emails: [email], daysBefore: days, renewalConfirmation: renewal !== null };
  await world.act('editing the notifications', async () => world.cms.editNotifications(await world.cmsSession(server, userType), settings));
}

When(
  /^the (Owner|Admin|Supervisor|User) of "([^"]*)" sets maintenance notifications to "([^"]*)" on ([\d, and]+) days before the end(, with renewal confirmations)?$/,
  async function (this: World, userType: string, server: string, email: string, days: string, renewal: string | null) {
    await setNotifications(this, userType, server, email, days.split(/, | and /).map(Number), renewal);
  },
);

Given(
  /^the Owner of "([^"]*)" has set maintenance notifications to "([^"]*)" on ([\d, and]+) days before the end(, with renewal confirmations)?$/,
  async function (this: World, server: string, email: string, days: string, renewal: string | null) {
    await setNotifications(this, 'Owner', server, email, days.split(/, | and /).map(Number), renewal);
  },
);

Then(
  'the notification settings of {string} name {string} on {days} days before the end, with renewal confirmations',
  async function (this: World, server: string, email: string, days: number[]) {
    const settings = await this.cms.notificationSettings(await this.cmsSession(server));
    assert.deepEqual(settings, { emails: [email], daysBefore: [...days].sort((a, b) => b - a), renewalConfirmation: true });
  },
);

Then(
  /^(an expiry reminder|a renewal confirmation) to "([^"]*)" is due today for "([^"]*)"$/,
  async function (this: World, kind: string, email: string, server: string) {
    const { due } = await this.cms.notificationsDue(await this.cmsSession(server));
    const wanted = kind === 'an expiry reminder' ? 'expiry-reminder' : 'renewal-confirmation';
    assert.ok(
      due.some((n) => n.kind === wanted && n.to.includes(email)),
      `due today: ${JSON.stringify(due)}`,
    );
  },
);

Then('no notification is due today for {string}', async function (this: World, server: string) {
  assert.deepEqual((await this.cms.notificationsDue(await this.cmsSession(server))).due, []);
});
