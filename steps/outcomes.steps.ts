import { Then } from '@cucumber/cucumber';
import type { World } from './support/world';

/** Whether the last operation went through, and why it was refused when it was not. */
Then('{operation} is refused because {refusal}', function (this: World, operation: string, refusal: { reason: string; code: string }) {
  this.refusal(operation, refusal.code);
});

Then('{operation} succeeds', function (this: World, operation: string) {
  this.succeeded(operation);
});
