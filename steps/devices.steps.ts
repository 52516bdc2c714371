import { Given, Then, When, type DataTable } from '@cucumber/cucumber';
import { Action } from './support/action';
import assert from 'node:assert/strict';
import type { DeviceSummary } from './drivers/surfaces';
import type { World } from './support/world';

/** Devices in the CMS: their colour and state, and the operations a user runs on them. */
type Expected = { state: string; colour: string };

function assertState(device: DeviceSummary, expected: Expected): void {
  assert.equal(device.colour, expected.colour, `${device.name} is ${device.state} (${device.colour})`);
  assert.ok(device.state.startsWith(expected.state), `${device.name} is ${device.state}`);
}

async function provisionAll(world: World, server: string): Promise<void> {
  const session = await world.cmsSession(server);
  for (const device of await world.devices.list(session)) await world.devices.operate(session, device.id, 'provision');
}

async function firstDevice(world: World, server: string): Promise<DeviceSummary> {
  const [device] = await world.devices.list(await world.cmsSession(server));
  assert.ok(device, `${server} has no device`);
  return device;
}

When('all devices of {string} are provisioned', async function (this: World, server: string) {
  await provisionAll(this, server);
});

Then('all {int} devices of {string} are {deviceState}', async function (this: World, count: number, server: string, expected: Expected) {
  const devices = await this.devices.list(await this.cmsSession(server));
  assert.equal(devices.length, count);
  for (const device of devices) assertState(device, expected);
});

Given('every device of {string} is {deviceState}', async function (this: World, server: string, expected: Expected) {
  for (const device of await this.devices.list(await this.cmsSession(server))) assertState(device, expected);
});

Action('a user of {string} runs {word} on its first device', async function (this: World, server: string, action: string) {
  const device = await firstDevice(this, server);
  await this.act('the device operation', async () => this.devices.operate(await this.cmsSession(server, 'User'), device.id, action));
});

Then(/^the first device of "([^"]*)" is (?:still )?(\w+) \(([\w-]+)\)$/, async function (this: World, server: string, state: string, colour: string) {
  assertState(await firstDevice(this, server), { state, colour });
});

Then('every device of the fleet is {deviceState}', async function (this: World, expected: Expected) {
  for (const server of this.fleet) {
    for (const device of await this.devices.list(await this.cmsSession(server))) assertState(device, expected);
  }
});

When('every device of the fleet is provisioned', async function (this: World) {
  for (const server of this.fleet) await provisionAll(this, server);
});

Given('every device of the fleet has been provisioned', async function (this: World) {
  for (const server of this.fleet) await provisionAll(this, server);
});

Then('the devices of the fleet are, by protocol:', async function (this: World, table: DataTable) {
  const devices = (await Promise.all(this.fleet.map(async (s) => this.devices.list(await this.cmsSession(s))))).flat();
  for (const row of table.hashes()) {
    const ofProtocol = devices.filter((d) => d.protocol === row.protocol.toLowerCase());
    assert.equal(ofProtocol.length, Number(row.count), `${row.protocol} devices`);
    for (const device of ofProtocol) assertState(device, { state: row.state, colour: row.colour });
  }
});

async function deviceNamed(world: World, server: string, name: string): Promise<DeviceSummary> {
  const device = (await world.devices.list(await world.cmsSession(server))).find((d) => d.name === name);
  assert.ok(device, `${server} has no device named ${name}`);
  return device;
}

async function addDevice(world: World, server: string, protocol: string, name: string, origin: string): Promise<void> {
  const session = await world.cmsSession(server, 'User');
  await world.act('adding the device', () => world.devices.add(session, name, protocol.toLowerCase(), origin as 'create'));
}

When(
  'a user of {string} adds the {word} device {string} by {word}',
  async function (this: World, server: string, protocol: string, name: string, origin: string) {
    await addDevice(this, server, protocol, name, origin);
  },
);

Given(
  'a user of {string} has added the {word} device {string} by {word}',
  async function (this: World, server: string, protocol: string, name: string, origin: string) {
    await addDevice(this, server, protocol, name, origin);
  },
);

Then('the device {string} of {string} is {deviceState}', async function (this: World, name: string, server: string, expected: Expected) {
  assertState(await deviceNamed(this, server, name), expected);
});

Then(/^the device "([^"]*)" of "([^"]*)" reports itself (licensed|unlicensed)$/, async function (this: World, name: string, server: string, flag: string) {
  assert.equal((await deviceNamed(this, server, name)).lic?.licensed, flag === 'licensed');
});

Action('a user of {string} provisions the device {string}', async function (this: World, server: string, name: string) {
  const device = await deviceNamed(this, server, name);
  await this.act('the device operation', async () => this.devices.operate(await this.cmsSession(server, 'User'), device.id, 'provision'));
});

Then('the device list of {string} filtered to provisioned devices shows only {string}', async function (this: World, server: string, name: string) {
  const devices = await this.devices.list(await this.cmsSession(server), ['PROVISIONED']);
  assert.deepEqual(
    devices.map((d) => d.name),
    [name],
  );
});

Then('the device list of {string} filtered to unprovisioned devices shows {int} devices', async function (this: World, server: string, count: number) {
  const session = await this.cmsSession(server);
  assert.equal((await this.devices.list(session, ['UNPROVISIONED'])).length, count);
  assert.equal(await this.devices.count(session, ['UNPROVISIONED']), count);
});

Given('all devices of {string} have been provisioned', async function (this: World, server: string) {
  await provisionAll(this, server);
});

async function reportHealth(world: World, server: string, health: string): Promise<void> {
  const device = await firstDevice(world, server);
  await world.devices.reportHealth(await world.cmsSession(server), device.id, health as 'normal');
}

When('the first device of {string} reports {word} health', async function (this: World, server: string, health: string) {
  await reportHealth(this, server, health);
});

Given('the first device of {string} has reported {word} health', async function (this: World, server: string, health: string) {
  await reportHealth(this, server, health);
});

Given('a user of {string} has started provisioning its first device', async function (this: World, server: string) {
  const device = await firstDevice(this, server);
  await this.devices.operate(await this.cmsSession(server, 'User'), device.id, 'provision');
});
