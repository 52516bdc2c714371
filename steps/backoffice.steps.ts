import { Given, When, type DataTable } from '@cucumber/cucumber';
import { Action } from './support/action';
import assert from 'node:assert/strict';
import { fleetRows, formatTable, generateFleet } from './lib/fleet';
import { activate, buyForCustomer, placeOrder, saveCustomerId } from './support/tasks';
import type { World } from './support/world';
import type { SmartServerSpec } from './drivers/surfaces';

/**
 * Set-up through the vendor's order back office and the emulator's fleet control: the steps of
 * scenarios tagged @backoffice, which the real target leaves out.
 */
const orderLines = (table: DataTable) => table.hashes().map((row) => ({ model: row.model, quantity: Number(row.quantity ?? 1) }));
/** An Owner, who manages licenses, and a plain User, who works with devices. */
const CMS_USERS: SmartServerSpec['users'] = [
  { username: 'owner', userType: 'Owner' },
  { username: 'operator', userType: 'User' },
];

async function addSmartServer(world: World, spec: { name: string; version: string; installCode?: string; lon: number; bacnet: number; modbus: number }) {
  const server = await world.controlPlane.addSmartServer({
    name: spec.name,
    version: spec.version,
    installCode: spec.installCode,
    devices: { lon: spec.lon, bacnet: spec.bacnet, modbus: spec.modbus },
    users: CMS_USERS,
  });
  world.smartServers.set(spec.name, server);
}

Given('partner {string} has ordered on PO {string}:', async function (this: World, partner: string, po: string, table: DataTable) {
  await placeOrder(this, partner, po, orderLines(table));
});

Action('partner {string} orders again on PO {string}:', async function (this: World, partner: string, po: string, table: DataTable) {
  await placeOrder(this, partner, po, orderLines(table));
});

Given(
  'partner {string} has ordered on PO {string} for customer {string}:',
  async function (this: World, partner: string, po: string, customer: string, table: DataTable) {
    await placeOrder(this, partner, po, orderLines(table), customer);
  },
);

Given(
  'SmartServer {string} runs release {string} with {int} LON, {int} BACnet and {int} Modbus devices',
  async function (this: World, name: string, version: string, lon: number, bacnet: number, modbus: number) {
    await addSmartServer(this, { name, version, lon, bacnet, modbus });
  },
);

Given('the fleet generated from seed {int}:', async function (this: World, seed: number, table: DataTable) {
  const shown = table.raw();
  const expected = fleetRows(generateFleet(seed, shown.length - 1));
  assert.deepEqual(shown, expected, `The table is not the fleet seed ${seed} generates; it should read:\n${formatTable(expected)}`);
  for (const m of generateFleet(seed, shown.length - 1)) {
    await addSmartServer(this, { name: m.name, version: m.release, installCode: m.installCode, lon: m.lon, bacnet: m.bacnet, modbus: m.modbus });
    this.fleet.push(m.name);
  }
});

Given('{string} has no Internet connection', async function (this: World, server: string) {
  await this.controlPlane.setOnline(this.smartServer(server).installCode, false);
});

Action('{string} loses its Internet connection', async function (this: World, server: string) {
  await this.controlPlane.setOnline(this.smartServer(server).installCode, false);
});

Action('{string} gets its Internet connection back', async function (this: World, server: string) {
  await this.controlPlane.setOnline(this.smartServer(server).installCode, true);
});

Given('customer {string} has activated {licenseSet} on {string}', async function (this: World, customer: string, models: string[], server: string) {
  if (models.length === 0) return;
  const order = await buyForCustomer(this, customer, models);
  await saveCustomerId(this, server, customer);
  await activate(
    this,
    server,
    order.licenses.map((l) => l.licenseId),
  );
});

When('customer {string} activates {licenseSet} on {string}', async function (this: World, customer: string, models: string[], server: string) {
  const order = await buyForCustomer(this, customer, models);
  await saveCustomerId(this, server, customer);
  await this.act('the activation', () =>
    activate(
      this,
      server,
      order.licenses.map((l) => l.licenseId),
    ),
  );
});

Action('customer {string} buys another {models} license', async function (this: World, customer: string, models: string[]) {
  await buyForCustomer(this, customer, models);
});

Given('customer {string} has a {models} license for every SmartServer of the fleet', async function (this: World, customer: string, models: string[]) {
  const perServer = this.fleet.flatMap(() => models);
  await buyForCustomer(this, customer, perServer);
  for (const server of this.fleet) await saveCustomerId(this, server, customer);
});

Given('SmartServer Pi {string} runs release {string} with no devices', async function (this: World, name: string, version: string) {
  const server = await this.controlPlane.addSmartServer({ name, version, edition: 'pi', devices: { lon: 0, bacnet: 0, modbus: 0 }, users: CMS_USERS });
  this.smartServers.set(name, server);
});

/**
 * A slow cloud waits on the real clock before every call. Any wait makes the SmartServer's call
 * finish on a later turn of the event loop, after other work; a short one keeps the suite fast
 * (an activation asks the cloud twice, and the whole suite waits out every millisecond of it).
 */
const SLOW_CLOUD_DELAY_MS = 5;

Given(/^the licensing cloud (is unavailable|does not answer in time|answers only after a while|recovers)$/, async function (this: World, fault: string) {
  const faults = {
    'is unavailable': { failWith: 503 as const },
    'does not answer in time': { failWith: 504 as const },
    'answers only after a while': { delayMs: SLOW_CLOUD_DELAY_MS },
    recovers: null,
  }[fault];
  await this.controlPlane.setCloudFaults(faults ?? null);
});
