import assert from 'node:assert/strict';
import { Then } from '@cucumber/cucumber';
import type { World } from 'sslab';

/** Our ERP's customer table keys customers by a lower-case UUID. */
const ERP_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

Then('our ERP can store the Customer ID of {string}', function (this: World, customer: string) {
  const found = (this.seen.customerLookup ?? []).find((entry) => entry.name === this.customerName(customer));
  assert.ok(found, `the portal showed no Customer ID for ${customer}`);
  assert.match(found.customerId, ERP_KEY);
});
