import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { World } from './support/world';

/** Device capacity as the dashboard and the device list show it: capacity, used capacity, the badge, Manage Licenses at start-up. */
Then('{string} has a device capacity of {int} and a used capacity of {int}', async function (this: World, server: string, capacity: number, used: number) {
  const dashboard = await this.cms.dashboard(await this.cmsSession(server));
  assert.deepEqual({ capacity: dashboard.capacity, used: dashboard.usedCapacity }, { capacity, used });
});

Then('{int} devices of {string} are licensed and {int} are/is unlicensed', async function (this: World, licensed: number, server: string, unlicensed: number) {
  const devices = await this.devices.list(await this.cmsSession(server));
  assert.deepEqual({ licensed: devices.filter((d) => d.licensed).length, unlicensed: devices.filter((d) => !d.licensed).length }, { licensed, unlicensed });
});

Then('the one still unlicensed is the device defined last', async function (this: World) {
  const [server] = this.smartServers.keys();
  const devices = await this.devices.list(await this.cmsSession(server));
  const unlicensed = devices.filter((d) => !d.licensed);
  assert.deepEqual(
    unlicensed.map((d) => d.id),
    [Math.max(...devices.map((d) => d.id))],
  );
});

Then(/^the capacity badge of "([^"]*)" is (on|off)$/, async function (this: World, server: string, state: string) {
  const dashboard = await this.cms.dashboard(await this.cmsSession(server));
  assert.equal(dashboard.badge, state === 'on');
});

Then(
  /^Manage Licenses (opens|does not open) by itself when the (Owner|Admin|Supervisor|User) starts the CMS of "([^"]*)"$/,
  async function (this: World, opens: string, userType: string, server: string) {
    const dashboard = await this.cms.dashboard(await this.cmsSession(server, userType), { startCms: true });
    assert.equal(dashboard.manageLicensesOpensAtStartup, opens === 'opens');
  },
);

When('the Owner of {string} closes Manage Licenses without adding a license', async function (this: World, server: string) {
  // Closing the dialog changes nothing on the SmartServer: the CMS stays usable without a license.
  await this.cms.dashboard(await this.cmsSession(server));
});

Then('{string} has a device capacity of {int}', async function (this: World, server: string, capacity: number) {
  assert.equal((await this.cms.dashboard(await this.cmsSession(server))).capacity, capacity);
});

Given('{string} holds no device capacity', async function (this: World, server: string) {
  assert.equal((await this.cms.dashboard(await this.cmsSession(server))).capacity, 0);
});

Then('the dashboard of {string} says license management does not apply', async function (this: World, server: string) {
  const dashboard = await this.cms.dashboard(await this.cmsSession(server));
  assert.deepEqual({ licenseManagement: dashboard.licenseManagement, badge: dashboard.badge }, { licenseManagement: false, badge: false });
});

Then('{string} reaches its devices and runs its scheduler and data logging', async function (this: World, server: string) {
  const { services } = await this.cms.dashboard(await this.cmsSession(server));
  assert.deepEqual(services, { devices: 'reachable', scheduler: 'running', dataLogging: 'running' });
});

Then('{string} no longer reaches its devices, and its scheduler and data logging are stopped', async function (this: World, server: string) {
  const { services } = await this.cms.dashboard(await this.cmsSession(server));
  assert.deepEqual(services, { devices: 'unreachable', scheduler: 'stopped', dataLogging: 'stopped' });
});
