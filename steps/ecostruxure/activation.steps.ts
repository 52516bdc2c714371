import { Given, Then, When } from '@cucumber/cucumber';
import { Action } from '../support/action';
import assert from 'node:assert/strict';
import type { World } from '../support/world';
import './parameter-types';
import { ecx } from './scenario';

async function activateAll(this: World) {
  await this.act('the online activation', () => ecx(this).deviceAdministrator.activateOnline({}));
}
Given('the engineer has activated the assigned licenses on all servers', activateAll);
When('the engineer activates the assigned licenses on all servers', activateAll);

Action('the engineer activates the assigned licenses on {string}', async function (this: World, server: string) {
  await this.act('the online activation', () => ecx(this).deviceAdministrator.activateOnline({ servers: [ecx(this).serverId(server)] }));
});

When('the engineer activates the {ecxFeature} license of {string} again', async function (this: World, feature: string, server: string) {
  const { licenseId } = await ecx(this).license(server, feature);
  await this.act('the online activation', () => ecx(this).deviceAdministrator.activateOnline({ licenseIds: [licenseId] }));
});

When('the engineer deactivates the {ecxFeature} license of {string}', async function (this: World, feature: string, server: string) {
  const { licenseId } = await ecx(this).license(server, feature);
  await this.act('the deactivation', () => ecx(this).deviceAdministrator.deactivate(ecx(this).serverId(server), licenseId));
});

Action('the certificates are installed on {string}', async function (this: World, server: string) {
  await ecx(this).controlPlane.changeNetwork(ecx(this).serverId(server), { certificatesInstalled: true });
});

Then(
  '{string} has {int} {ecxFeature} seat(s) active, activated {word}',
  async function (this: World, server: string, seats: number, feature: string, mode: string) {
    const active = (await ecx(this).licenses(server)).filter((l) => l.featureName === feature && l.status === 'active');
    assert.equal(
      active.reduce((n, l) => n + l.quantity, 0),
      seats,
    );
    assert.deepEqual([...new Set(active.map((l) => l.activationMode))], [mode]);
  },
);

Then('{string} has {int} {ecxFeature} seat(s) in an offline activation', async function (this: World, server: string, seats: number, feature: string) {
  assert.equal(await ecx(this).seats(server, feature, ['activationRequested', 'activationAnswered']), seats);
});
