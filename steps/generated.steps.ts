import { Given, Then, When } from '@cucumber/cucumber';
import { Action } from './support/action';
import assert from 'node:assert/strict';
import { CMS_USERS } from './generated/session';
import { licenseDifferences, type LicenseStatus } from './generated/observations';
import { transferLicense } from './support/tasks';
import type { World } from './support/world';

/**
 * The steps the scenarios printed from generated paths need beyond the rest of the suite: a
 * SmartServer Pi, devices that answer provisioning themselves, the retired original of a license,
 * a license's status as the partner portal and Manage Licenses show it, and a refusal by its code.
 */
async function firstDeviceId(world: World, server: string): Promise<number> {
  const [device] = await world.devices.list(await world.cmsSession(server));
  assert.ok(device, `${server} has no device`);
  return device.id;
}

function retiredOriginal(world: World, model: string): string {
  const id = world.retired.get(model);
  assert.ok(id, `no ${model} license was transferred in this scenario`);
  return id;
}

Given(
  'SmartServer Pi {string} runs release {string} with {int} LON, {int} BACnet and {int} Modbus devices',
  async function (this: World, name: string, version: string, lon: number, bacnet: number, modbus: number) {
    this.smartServers.set(name, await this.controlPlane.addSmartServer({ name, version, edition: 'pi', devices: { lon, bacnet, modbus }, users: CMS_USERS }));
  },
);

Given('the devices of {string} finish provisioning only when they report back', async function (this: World, server: string) {
  await this.controlPlane.setProvisioningWaits(this.smartServer(server).installCode, true);
});

Action(
  /^the first device of "([^"]*)" reports that provisioning (succeeded|failed)$/,
  async function (this: World, server: string, outcome: 'succeeded' | 'failed') {
    const id = await firstDeviceId(this, server);
    await this.act('the device operation', async () => this.devices.reportProvisioning(await this.cmsSession(server, 'User'), id, outcome));
  },
);

Action(
  /^the first device of "([^"]*)" reports its health as (normal|marginal|suspect|down)$/,
  async function (this: World, server: string, health: 'normal' | 'marginal' | 'suspect' | 'down') {
    const id = await firstDeviceId(this, server);
    await this.act('the device operation', async () => this.devices.reportHealth(await this.cmsSession(server, 'User'), id, health));
  },
);

When(
  /^"([^"]*)" transfers the retired original of the (\S+) license to the (existing|new) customer "([^"]*)"$/,
  async function (this: World, partner: string, model: string, kind: string, customer: string) {
    await this.act('the transfer', () => transferLicense(this, partner, retiredOriginal(this, model), customer, { create: kind === 'new' }));
  },
);

When(
  '{string} creates an offline activation file of the retired original of its {models} license for {string}',
  async function (this: World, customer: string, [model]: string[], server: string) {
    const session = this.customerSessions.get(customer);
    assert.ok(session, `"${customer}" has not logged in to the customer portal in this scenario`);
    const file = await this.act('the offline file', () =>
      this.customerPortal.createOfflineActivationFile(session, retiredOriginal(this, model), this.smartServer(server).installCode),
    );
    if (file) this.seen.offlineFile = file;
  },
);

When(
  '{string} withdraws the offline activation file of the retired original of its {models} license',
  async function (this: World, customer: string, [model]: string[]) {
    const session = this.customerSessions.get(customer);
    assert.ok(session, `"${customer}" has not logged in to the customer portal in this scenario`);
    await this.act('withdrawing the file', () => this.customerPortal.withdrawOfflineActivationFile(session, retiredOriginal(this, model)));
  },
);

When(
  'Customer Success issues an offline maintenance file of the retired original of the {models} license for {string}',
  async function (this: World, [model]: string[], server: string) {
    const file = await this.act('the offline file', () =>
      this.customerSuccess.issueOfflineMaintenanceFile(retiredOriginal(this, model), this.smartServer(server).installCode),
    );
    if (file) this.seen.offlineFile = file;
  },
);

const STATUS: Record<string, LicenseStatus> = {
  "in the partner's inventory": 'inInventory',
  'with its customer': 'withCustomer',
  'bound by an offline file to': 'offlineFileIssued',
  active: 'active',
  'as retired': 'retired',
};

Then(
  /^the partner portal shows the (retired original of the )?(\S+) license (in the partner's inventory|with its customer|as retired|bound by an offline file to "[^"]*"|active (?:online|offline) on "[^"]*")$/,
  async function (this: World, retired: string | null, model: string, words: string) {
    const licenseId = retired ? retiredOriginal(this, model) : this.licenseId(model);
    const status = STATUS[Object.keys(STATUS).find((w) => words.startsWith(w))!];
    const server = /"([^"]*)"$/.exec(words)?.[1];
    const mode = /^active (online|offline)/.exec(words)?.[1] as 'online' | 'offline' | undefined;
    const [partner] = this.partners.keys();
    const servers = await Promise.all(
      [...this.smartServers.entries()].map(async ([name, s]) => ({ name, installCode: s.installCode, owner: await this.cmsSession(name) })),
    );
    const differences = await licenseDifferences(this, await this.partnerSession(partner), licenseId, { status, server, mode }, servers);
    assert.deepEqual(differences, []);
  },
);

Then('{operation} is refused because the system answers {string}', function (this: World, operation: string, code: string) {
  this.refusal(operation, code);
});
