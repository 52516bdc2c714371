import { Given, Then, When, type DataTable } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { EcxServerSpec } from '../drivers/surfaces/ecostruxure';
import type { World } from '../support/world';
import { yesNo } from './parameter-types';
import { ecx } from './scenario';

Given('these EcoStruxure BMS servers:', async function (this: World, table: DataTable) {
  for (const row of table.hashes()) {
    const created = await ecx(this).controlPlane.addServer({
      name: row.server,
      // The table names the product as Device Administrator does; an unknown one is refused by the system under test.
      product: row.product as EcxServerSpec['product'],
      internet: yesNo(row.Internet),
      https: yesNo(row.HTTPS),
      certificatesInstalled: yesNo(row.certificates),
    });
    ecx(this).rememberServer(row.server, created.serverId);
  }
});

async function assign(this: World, quantity: number, feature: string, soldTo: string, server: string) {
  const scenario = ecx(this);
  await this.act('the assignment', () =>
    scenario.deviceAdministrator.assign(scenario.serverId(server), scenario.activationIdOf(soldTo, feature), feature, quantity),
  );
}
Given('the engineer has assigned {int} {ecxFeature} seat(s) of {string} to {string}', assign);
When('the engineer assigns {int} {ecxFeature} seat(s) of {string} to {string}', assign);

Then('{string} has {int} {ecxFeature} seat(s) assigned, waiting for activation', async function (this: World, server: string, seats: number, feature: string) {
  assert.equal(await ecx(this).seats(server, feature, ['assigned']), seats);
});
