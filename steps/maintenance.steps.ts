import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { addDays, addYears } from '../models/dates';
import type { World } from './support/world';

/** Maintenance over time: the virtual calendar, the end date, and how each surface words the status. */
async function maintenanceEnd(world: World, server: string): Promise<string> {
  const { maintenance } = await world.cms.dashboard(await world.cmsSession(server));
  assert.ok(maintenance.ends, `${server} has no maintenance`);
  return maintenance.ends;
}

function onlySmartServer(world: World): string {
  const names = [...world.smartServers.keys()];
  assert.equal(names.length, 1, `which SmartServer's maintenance? this scenario has ${names.join(', ')}`);
  return names[0];
}

/** "Expires on the end date" reads "Expires 2029-01-05"; Active and Inactive carry no date. */
const withEnd = (words: string, end: string) => words.replace(/ on the end date$/, ` ${end}`);

Given('today is {date}', async function (this: World, date: string) {
  await this.controlPlane.setDate(date);
});

When('{int} days pass', async function (this: World, days: number) {
  await this.controlPlane.advanceDays(days);
});

When(
  /^the date is (?:(\d+) (days|years) before |the day (after )?)maintenance ends$/,
  async function (this: World, amount: string | null, unit: string | null, after: string | null) {
    const end = await maintenanceEnd(this, onlySmartServer(this));
    const date = amount ? (unit === 'years' ? addYears(end, -Number(amount)) : addDays(end, -Number(amount))) : after ? addDays(end, 1) : end;
    await this.controlPlane.setDate(date);
  },
);

Then(/^the dashboard of "([^"]*)" shows maintenance (Active|Inactive|Expires on the end date)$/, async function (this: World, server: string, words: string) {
  const { maintenance } = await this.cms.dashboard(await this.cmsSession(server));
  assert.equal(maintenance.status, withEnd(words, maintenance.ends ?? ''));
});

Then(
  /^Manage Licenses of "([^"]*)" shows the maintenance license as (Active|(?:Expiring|Expired) on the end date)$/,
  async function (this: World, server: string, words: string) {
    const end = await maintenanceEnd(this, server);
    const rows = (await this.cms.manageLicenses(await this.cmsSession(server))).filter((r) => r.kind === 'maintenance');
    assert.ok(rows.length > 0, 'Manage Licenses lists no maintenance license');
    for (const row of rows) assert.equal(row.status, withEnd(words, end));
  },
);

Then('maintenance of {string} ends on {date}', async function (this: World, server: string, date: string) {
  assert.equal(await maintenanceEnd(this, server), date);
});

Then('the {models} license of {string} runs until {date}', async function (this: World, [model]: string[], customer: string, date: string) {
  const [partner] = this.partners.keys();
  const row = (await this.partnerPortal.customerInventory(await this.partnerSession(partner))).find((l) => l.licenseId === this.licenseId(model));
  assert.equal(row?.customer?.name, this.customerName(customer));
  assert.equal(row?.maintenanceEnds, date);
});

Then('{string} has no maintenance until it is activated', async function (this: World, server: string) {
  const { maintenance } = await this.cms.dashboard(await this.cmsSession(server));
  assert.deepEqual(maintenance, { status: 'Inactive', ends: null });
});
