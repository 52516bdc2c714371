import { Then } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { World } from '../support/world';
import './parameter-types';

Then('{ecxOperation} is refused because {ecxRefusal}', function (this: World, operation: string, refusal: { code: string }) {
  this.refusal(operation, refusal.code);
});

Then('the refusal names the field {string}', function (this: World, field: string) {
  assert.equal(this.checkedRefusals.at(-1)?.field, field);
});
