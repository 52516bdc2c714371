import { Then } from '@cucumber/cucumber';
import { Action } from './support/action';
import assert from 'node:assert/strict';
import type { World } from './support/world';

/** The SmartServer's system side: releases and re-imaging, resets, built-in features, and the support it is entitled to. */
Action('the Owner of {string} installs release {string}', async function (this: World, server: string, version: string) {
  await this.act('the installation', async () => this.system.installRelease(await this.cmsSession(server), version));
});

Action('the Owner of {string} re-images it with release {string}', async function (this: World, server: string, version: string) {
  await this.act('re-imaging', async () => this.system.installRelease(await this.cmsSession(server), version, { reimage: true }));
});

Action('the Owner of {string} resets the databases', async function (this: World, server: string) {
  await this.system.resetDatabases(await this.cmsSession(server));
});

Action('the Owner of {string} restores the factory settings', async function (this: World, server: string) {
  await this.system.restoreFactorySettings(await this.cmsSession(server));
  // The restore ends every CMS session of the SmartServer; the next step logs in again.
  this.forgetCmsSessions(server);
});

Then('{string} runs release {string}', async function (this: World, server: string, version: string) {
  assert.equal((await this.cms.dashboard(await this.cmsSession(server))).version, version);
});

async function switchFeature(world: World, server: string, feature: string, enabled: boolean): Promise<void> {
  await world.act('switching the feature on', async () => world.system.switchFeature(await world.cmsSession(server), feature, enabled));
}

Action('the Owner of {string} switches {feature} on', async function (this: World, server: string, feature: string) {
  await switchFeature(this, server, feature, true);
});

Action('the Owner of {string} switches {feature} off', async function (this: World, server: string, feature: string) {
  await switchFeature(this, server, feature, false);
});

async function featureRuns(world: World, server: string, feature: string): Promise<boolean> {
  const state = (await world.system.features(await world.cmsSession(server))).find((f) => f.feature === feature);
  assert.ok(state, `${server} does not list ${feature}`);
  return state.enabled;
}

Then('{feature} runs on {string}', async function (this: World, feature: string, server: string) {
  assert.equal(await featureRuns(this, server, feature), true, `${feature} does not run`);
});

Then('{feature} does not run on {string}', async function (this: World, feature: string, server: string) {
  assert.equal(await featureRuns(this, server, feature), false, `${feature} runs`);
});

Then(/^Customer Success gives "([^"]*)" (priority|standard) support$/, async function (this: World, server: string, support: string) {
  const entitlement = await this.customerSuccess.supportEntitlement(this.smartServer(server).installCode);
  assert.equal(entitlement.support, support, entitlement.reason);
});
