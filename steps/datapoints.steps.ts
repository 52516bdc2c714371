import assert from 'node:assert/strict';
import { Then, When } from '@cucumber/cucumber';
import type { MqLogin } from './drivers/surfaces';
import type { World } from './support/world';
import { Action } from './support/action';

/** Datapoints as partners' own code reaches them: IAP/REST from apps and custom pages, IAP/MQ from connectors. */

function ownerLogin(world: World, server: string): MqLogin {
  const known = world.smartServer(server);
  const owner = known.users.find((u) => u.userType === 'Owner');
  assert.ok(owner, `${server} has no Owner`);
  return { installCode: known.installCode, username: owner.username, password: owner.password };
}

const installCode = (world: World, server: string) => world.smartServer(server).installCode;

When('an app of {string} reads {string} through IAP\\/REST', async function (this: World, server: string, address: string) {
  const session = await this.cmsSession(server, 'User');
  await this.act('reading the datapoint', () => this.datapoints.read(session, address));
});

Action('an app of {string} writes {float} to {string} through IAP\\/REST', async function (this: World, server: string, value: number, address: string) {
  const session = await this.cmsSession(server, 'User');
  await this.act('writing the datapoint', () => this.datapoints.write(session, address, value));
});

Action('an app of {string} tags {string} with {string}', async function (this: World, server: string, address: string, tag: string) {
  await this.datapoints.tag(await this.cmsSession(server, 'User'), address, [tag]);
});

Then('an app of {string} reads {float} from {string} through IAP\\/REST', async function (this: World, server: string, value: number, address: string) {
  const [resource] = await this.datapoints.read(await this.cmsSession(server, 'User'), address);
  assert.equal(resource?.value, value, `${address} reads ${resource?.value}`);
});

Then(
  'the datapoint {word} of {string} on {string} is tagged {string}',
  async function (this: World, datapoint: string, device: string, server: string, tag: string) {
    const properties = await this.datapoints.properties(await this.cmsSession(server, 'User'), device);
    const found = properties.find((p) => p.datapointName === datapoint);
    assert.ok(found?.tags.includes(tag), `${datapoint} of ${device} has tags ${found?.tags.join(', ') || 'none'}`);
  },
);

Then(
  'an app of {string} reads the {int} datapoints tagged {string} in {int} pages of {int}',
  async function (this: World, server: string, count: number, tag: string, pages: number, size: number) {
    const read = await this.datapoints.readPaged(await this.cmsSession(server, 'User'), `*/if/*/*/*+tag==${tag}`, size);
    assert.equal(read.resources.length, count);
    assert.equal(read.pages, pages);
    assert.equal(new Set(read.resources.map((r) => r.deviceName)).size, count, 'each datapoint once');
  },
);

When('a connector follows {string} over IAP\\/MQ', async function (this: World, server: string) {
  await this.iapMq.follow(ownerLogin(this, server));
});

Then('the connector learns the SID of {string}', async function (this: World, server: string) {
  assert.equal(await this.iapMq.sid(installCode(this, server)), installCode(this, server));
});

Then(
  /^the connector sees the device "([^"]*)" of "([^"]*)" with lic.licensed (true|false)$/,
  async function (this: World, device: string, server: string, licensed: string) {
    const status = await this.iapMq.status(installCode(this, server), device, (s) => s.lic?.licensed === (licensed === 'true'));
    assert.equal(status.lic?.licensed, licensed === 'true');
  },
);

Then('the connector sees the device {string} of {string} {word}', async function (this: World, device: string, server: string, state: string) {
  assert.equal((await this.iapMq.status(installCode(this, server), device, (s) => s.state === state)).state, state);
});

When(
  'the connector asks {string} to {word} its {word} device {string}',
  async function (this: World, server: string, action: string, protocol: string, device: string) {
    await this.act('the IAP/MQ request', () => this.iapMq.request(installCode(this, server), protocol.toLowerCase(), device, action));
  },
);

Then(
  'the connector receives {float} for {word} of {string} on {string}',
  async function (this: World, value: number, datapoint: string, device: string, server: string) {
    const update = await this.iapMq.update(installCode(this, server), device, datapoint, (u) => u.data === value);
    assert.equal(update.data, value);
  },
);

Then('the connector receives a new reading of {word} of {string} on {string}', async function (this: World, datapoint: string, device: string, server: string) {
  const update = await this.iapMq.update(installCode(this, server), device, datapoint);
  assert.equal(typeof update.data, 'number');
  assert.equal(update.topic.split('/')[6], device);
});
