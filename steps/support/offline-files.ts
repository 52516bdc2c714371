import assert from 'node:assert/strict';
import type { CustomerLicense, CustomerSession } from '../drivers/surfaces';
import type { World } from './world';

/** What the customer-portal and offline-file steps share: the customer's session, its licenses, making a file. */

/** The customer's portal session: the one it logged in with, or a new one with the EID of `model`'s license. */
export async function customerSession(world: World, customer: string, model: string): Promise<CustomerSession> {
  const session = world.customerSessions.get(customer) ?? (await world.customerSignIn({ licenseId: world.licenseId(model) }));
  world.customerSessions.set(customer, session);
  return session;
}

export async function customerLicenses(world: World, customer: string): Promise<CustomerLicense[]> {
  const session = world.customerSessions.get(customer);
  assert.ok(session, `"${customer}" has not logged in to the customer portal in this scenario`);
  return world.customerPortal.licenses(session);
}

/** Makes an offline file of `model`'s license for `server`, the install code confirmed as `confirmation` (the same unless given). */
export async function createOfflineFile(world: World, customer: string, model: string, server: string, confirmation?: string): Promise<void> {
  const session = await customerSession(world, customer, model);
  const installCode = world.smartServer(server).installCode;
  const file = await world.act('the offline file', () =>
    world.customerPortal.createOfflineActivationFile(session, world.licenseId(model), installCode, confirmation ?? installCode),
  );
  if (file) world.seen.offlineFile = file;
}

export async function withdrawOfflineFile(world: World, customer: string, model: string): Promise<void> {
  const session = await customerSession(world, customer, model);
  await world.act('withdrawing the file', () => world.customerPortal.withdrawOfflineActivationFile(session, world.licenseId(model)));
}
