import { Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { World } from './support/world';

When('all devices of {string} are provisioned', async function (this: World, server: string) {
  const session = await this.cms(server);
  for (const device of await this.driver.devices(session)) await this.driver.operateDevice(session, device.id, 'provision');
});

Then('all {int} devices of {string} are {deviceState}', async function (this: World, count: number, server: string, expected: { state: string; colour: string }) {
  const devices = await this.driver.devices(await this.cms(server));
  assert.equal(devices.length, count);
  for (const device of devices) {
    assert.equal(device.colour, expected.colour, `${device.name} is ${device.state} (${device.colour})`);
    assert.ok(device.state.startsWith(expected.state), `${device.name} is ${device.state}`);
  }
});
