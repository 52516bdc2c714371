import { Given, Then, When, type DataTable } from '@cucumber/cucumber';
import { Action } from '../support/action';
import assert from 'node:assert/strict';
import type { World } from '../support/world';
import './parameter-types';
import { ecx } from './scenario';

const emailOf = (customer: string) =>
  `${customer
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '')}@customers.example`;

Given('an entitlement for {string} was sent by email with:', async function (this: World, soldTo: string, table: DataTable) {
  const lines = table.hashes().map((row) => ({ product: row['license product'], feature: row.feature, seats: Number(row.seats) }));
  ecx(this).rememberEntitlement(soldTo, await ecx(this).salesDesk.sendEntitlementByEmail(soldTo, emailOf(soldTo), lines), lines);
});

async function addById(this: World, soldTo: string) {
  await this.act('adding the entitlement', () => ecx(this).deviceAdministrator.addEntitlementById(ecx(this).entitlement(soldTo).entitlementId));
}
Given('the engineer has added the entitlement of {string} by its entitlement ID', addById);
When('the engineer adds the entitlement of {string} by its entitlement ID', addById);

Action('the engineer adds the entitlement of {string} from its certificate file', async function (this: World, soldTo: string) {
  await this.act('adding the entitlement', () => ecx(this).deviceAdministrator.addEntitlementFromFile(ecx(this).entitlement(soldTo).email.attachment));
});

When(
  'the engineer adds the entitlement of {string} from a certificate file whose first seat count reads {string}',
  async function (this: World, soldTo: string, seats: string) {
    const file = ecx(this).entitlement(soldTo).email.attachment;
    const damaged = { ...file, content: file.content.replace(/(data-field="seats">)[^<]*/, `$1${seats}`) };
    await this.act('adding the entitlement', () => ecx(this).deviceAdministrator.addEntitlementFromFile(damaged));
  },
);

Then(
  'Device Administrator lists the {int} license products of {string}, each with its activation ID',
  async function (this: World, count: number, soldTo: string) {
    const { entitlementId, products } = ecx(this).entitlement(soldTo);
    const listed = (await ecx(this).deviceAdministrator.entitlements()).find((e) => e.entitlementId === entitlementId);
    assert.ok(listed, `entitlement ${entitlementId} is not in Device Administrator`);
    assert.deepEqual(listed.products.map((p) => p.activationId).sort(), products.map((p) => p.activationId).sort());
    assert.equal(listed.products.length, count);
  },
);

Then('{string} has {int} of {int} {ecxFeature} seat(s) free', async function (this: World, soldTo: string, free: number, seats: number, feature: string) {
  const { entitlementId } = ecx(this).entitlement(soldTo);
  const listed = (await ecx(this).deviceAdministrator.entitlements()).find((e) => e.entitlementId === entitlementId);
  const line = listed?.products.flatMap((p) => p.features).find((f) => f.featureName === feature);
  assert.deepEqual({ free: line?.free, seats: line?.seats }, { free, seats });
});

Then('Device Administrator lists no entitlements', async function (this: World) {
  assert.deepEqual(await ecx(this).deviceAdministrator.entitlements(), []);
});
