import type { CmsSession, OrderLine, TransferResult } from '../drivers/surfaces';
import type { World } from './world';

/**
 * What the scenarios do, one level above the drivers: each task keeps the World's names (partners,
 * customers, License IDs, SmartServers) in step with what the system answered. Step definitions
 * stay one-liners over these.
 */
const partnerEmail = (name: string) =>
  `${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '')}@partners.example`;

/** The partner that set-up steps order through when a scenario names none. */
export const SET_UP_PARTNER = 'ACE Controls';

let poCounter = 0;
export const nextPoNumber = () => `PO-SETUP-${String(++poCounter).padStart(4, '0')}`;

export async function placeOrder(world: World, partnerName: string, poNumber: string, lines: OrderLine[], customer?: string) {
  const email = world.partners.get(partnerName)?.email ?? partnerEmail(partnerName);
  const order = await world.orderDesk.placeOrder(poNumber, { name: partnerName, email }, lines, customer);
  if (order.credentials) {
    world.partners.set(partnerName, { name: partnerName, email, password: order.credentials.password });
    world.credentialsSent.set(partnerName, (world.credentialsSent.get(partnerName) ?? 0) + 1);
  }
  for (const license of order.licenses) {
    if (license.predecessorId) {
      world.retired.set(license.model, license.predecessorId);
      world.licenses.set(license.model, license.licenseId);
      if (customer && license.customer) rememberCustomer(world, customer, license.customer.customerId);
    } else {
      world.licensesByModel.set(license.model, [...(world.licensesByModel.get(license.model) ?? []), license.licenseId]);
      world.licenses.set(license.model, license.licenseId);
    }
  }
  return order;
}

export function rememberCustomer(world: World, name: string, customerId: string): void {
  world.customers.set(name, customerId);
}

/** License IDs of `model` still in the partner's inventory, as far as this scenario knows. */
export function untransferred(world: World, model: string): string[] {
  return world.licensesByModel.get(model) ?? [];
}

/** Transfers the first `count` untransferred licenses of `model` (all when count is undefined). */
export async function transferFromInventory(
  world: World,
  partnerName: string,
  model: string,
  customer: string,
  options: { count?: number; contactEmail?: string; create?: boolean } = {},
): Promise<TransferResult[]> {
  const pending = untransferred(world, model);
  if (pending.length === 0) throw new Error(`"${partnerName}" has no untransferred ${model} license in this scenario`);
  const chosen = pending.slice(0, options.count ?? pending.length);
  const results: TransferResult[] = [];
  for (const licenseId of chosen) {
    const result = await transferLicense(world, partnerName, licenseId, customer, options);
    world.licensesByModel.set(
      model,
      untransferred(world, model).filter((id) => id !== licenseId),
    );
    world.retired.set(model, licenseId);
    world.licenses.set(model, result.license.licenseId);
    results.push(result);
  }
  return results;
}

/** Transfers one license by ID; a new account is opened when the customer is new to the scenario (or `create` says so). */
export async function transferLicense(
  world: World,
  partnerName: string,
  licenseId: string,
  customer: string,
  options: { contactEmail?: string; create?: boolean } = {},
): Promise<TransferResult> {
  const session = await world.partnerSession(partnerName);
  const create = options.create ?? !world.customers.has(customer);
  const newAccount = create ? (options.contactEmail ? { contactEmail: options.contactEmail } : {}) : undefined;
  const result = await world.partnerPortal.transfer(session, licenseId, world.customerName(customer), newAccount);
  rememberCustomer(world, customer, result.customer.customerId);
  return result;
}

/** An order through the back office straight to a customer, for scenarios that start with licenses in hand. */
export async function buyForCustomer(world: World, customer: string, models: string[]) {
  return placeOrder(
    world,
    SET_UP_PARTNER,
    nextPoNumber(),
    models.map((model) => ({ model, quantity: 1 })),
    customer,
  );
}

export async function saveCustomerId(world: World, server: string, customer: string): Promise<CmsSession> {
  const session = await world.cmsSession(server);
  await world.cloud.saveCustomerId(session, world.customerId(customer));
  return session;
}

/** Activates the given licenses of the saved customer from the cloud, as the Owner selects them. */
export async function activate(world: World, server: string, licenseIds: string[]): Promise<void> {
  await world.cloud.activate(await world.cmsSession(server), licenseIds);
}

/** Activates everything the cloud offers the SmartServer. */
export async function activateEverythingOffered(world: World, server: string): Promise<void> {
  const session = await world.cmsSession(server);
  const offers = await world.cloud.offers(session);
  await world.cloud.activate(
    session,
    offers.map((o) => o.licenseId),
  );
}
