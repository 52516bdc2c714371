import { Given } from '@cucumber/cucumber';
import type { KnownSmartServer } from './drivers/surfaces';
import type { Credentials, UserType } from './support/reference-data';
import type { World } from './support/world';

/**
 * Data the system under test already holds (the seed on the emulator, environment variables on
 * the real target), bound to the names a scenario uses. These steps set nothing up, which is what
 * lets a scenario built on them run against real services.
 */
function usersOf(users: Partial<Record<UserType, Credentials>>): KnownSmartServer['users'] {
  return Object.entries(users).map(([userType, [username, password]]) => ({ username, userType: userType as UserType, password }));
}

Given('the partner {string} and its customer {string} are on record', function (this: World, partner: string, customer: string) {
  const ref = this.reference;
  this.partners.set(partner, { name: ref.partner.name, email: ref.partner.email, password: ref.partner.password });
  this.customers.set(customer, ref.customer.customerId);
  this.customerNames.set(customer, ref.customer.name);
  this.licenses.set('capacity', ref.licenses.capacity);
  this.licenses.set('maintenance', ref.licenses.maintenance);
  this.licenses.set('retired', ref.licenses.retired);
  this.licenses.set('inventory', ref.licenses.inventory);
});

Given('another partner {string} with its customer {string} is on record', function (this: World, partner: string, customer: string) {
  const other = this.reference.otherPartner;
  this.partners.set(partner, { name: other.name, email: other.email, password: other.password });
  this.customerNames.set(customer, other.customer);
  this.licenses.set(`license of ${partner}`, other.licenseId);
});

Given('the SmartServer {string} is on record', function (this: World, name: string) {
  const ref = this.reference.smartServer;
  this.smartServers.set(name, { installCode: ref.installCode, name: ref.name, users: usersOf(ref.users) });
});

Given('the SmartServer {string}, which has no Internet connection, is on record', function (this: World, name: string) {
  const ref = this.reference.offlineSmartServer;
  this.smartServers.set(name, { installCode: ref.installCode, name: ref.name, users: usersOf(ref.users) });
});
