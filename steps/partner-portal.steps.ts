import { Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { World } from './support/world';

When('{string} transfers its {models} license(s) to the new customer {string}', async function (this: World, partnerName: string, models: string[], customer: string) {
  const session = await this.partnerSession(partnerName);
  for (const model of models) {
    const original = this.licenseId(model);
    const result = await this.driver.transfer(session, original, customer, this.customers.has(customer) ? undefined : {});
    this.customers.set(customer, result.customer.customerId);
    this.retired.set(model, original);
    this.licenses.set(model, result.license.licenseId);
  }
});

Then('each transferred license has a new License ID and its original is kept for tracking only', async function (this: World) {
  assert.ok(this.retired.size > 0, 'no license was transferred in this scenario');
  const [partnerName] = this.partners.keys();
  const session = await this.partnerSession(partnerName);
  const inventory = await this.driver.myInventory(session);
  const customers = await this.driver.customerInventory(session);
  for (const [model, originalId] of this.retired) {
    const original = inventory.find((l) => l.licenseId === originalId);
    assert.ok(original, `the original ${model} license ${originalId} is not in My Inventory`);
    assert.equal(original.available, 0, `the original ${model} license should have no available activation`);
    const successor = customers.find((l) => l.licenseId === this.licenseId(model));
    assert.ok(successor, `the new ${model} License ID is not in Customer Inventory`);
    assert.notEqual(successor.licenseId, originalId);
    assert.equal(successor.predecessorId, originalId);
  }
});
