import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What the system under test holds before any scenario runs: a partner with a customer, licenses
 * in each state, another partner, and SmartServers with CMS users. Scenarios that set nothing up
 * through the back office work on these, which is what lets them run against real services.
 *
 * On the mock and emulator targets, and on the stand-in for the real target, the values come from
 * the seed fixture the emulator starts with. Against real services each value comes from an
 * environment variable (listed in REFERENCE_VARIABLES) or from a JSON file named by
 * SSLAB_REFERENCE_FILE holding the same shape as the fixture's "reference" section.
 */
export type UserType = 'Owner' | 'Admin' | 'Supervisor' | 'User';
export type Credentials = [username: string, password: string];

export interface ReferenceData {
  partner: { name: string; email: string; password: string; poNumber: string };
  otherPartner: { name: string; email: string; password: string; customer: string; licenseId: string };
  customer: { name: string; customerId: string; contactEmail: string };
  licenses: { capacity: string; maintenance: string; retired: string; inventory: string };
  smartServer: { name: string; installCode: string; devices: number; users: Partial<Record<UserType, Credentials>> };
  offlineSmartServer: { name: string; installCode: string; users: Partial<Record<UserType, Credentials>> };
}

export const SEED_FILE = join(__dirname, '..', '..', 'features', 'fixtures', 'real-seed.json');

/** Each environment variable, the value it sets (a dotted path) and what it means. */
export const REFERENCE_VARIABLES: { env: string; path: string; help: string }[] = [
  { env: 'SSLAB_PARTNER_NAME', path: 'partner.name', help: 'partner account name' },
  { env: 'SSLAB_PARTNER_EMAIL', path: 'partner.email', help: 'partner portal login email' },
  { env: 'SSLAB_PARTNER_PASSWORD', path: 'partner.password', help: 'partner portal password' },
  { env: 'SSLAB_PO_NUMBER', path: 'partner.poNumber', help: "a PO number of the partner's orders" },
  { env: 'SSLAB_OTHER_PARTNER_NAME', path: 'otherPartner.name', help: 'a second partner account' },
  { env: 'SSLAB_OTHER_PARTNER_EMAIL', path: 'otherPartner.email', help: "the second partner's login email" },
  { env: 'SSLAB_OTHER_PARTNER_PASSWORD', path: 'otherPartner.password', help: "the second partner's password" },
  { env: 'SSLAB_OTHER_CUSTOMER_NAME', path: 'otherPartner.customer', help: 'a customer of the second partner' },
  { env: 'SSLAB_OTHER_LICENSE_ID', path: 'otherPartner.licenseId', help: "a License ID of the second partner's customer" },
  { env: 'SSLAB_CUSTOMER_NAME', path: 'customer.name', help: "the partner's customer/project name" },
  { env: 'SSLAB_CUSTOMER_ID', path: 'customer.customerId', help: 'its Customer ID' },
  { env: 'SSLAB_CUSTOMER_EMAIL', path: 'customer.contactEmail', help: 'its contact email' },
  { env: 'SSLAB_CAPACITY_LICENSE_ID', path: 'licenses.capacity', help: 'a capacity License ID owned by the customer, not active anywhere' },
  { env: 'SSLAB_MAINTENANCE_LICENSE_ID', path: 'licenses.maintenance', help: 'a maintenance License ID owned by the customer that matches it' },
  { env: 'SSLAB_RETIRED_LICENSE_ID', path: 'licenses.retired', help: 'the original License ID of the capacity license (kept for tracking)' },
  { env: 'SSLAB_INVENTORY_LICENSE_ID', path: 'licenses.inventory', help: "a License ID still in the partner's inventory" },
  { env: 'SSLAB_SMARTSERVER_NAME', path: 'smartServer.name', help: 'the SmartServer (segment controller) name' },
  { env: 'SSLAB_INSTALL_CODE', path: 'smartServer.installCode', help: 'its install code, online and holding no license' },
  { env: 'SSLAB_DEVICE_COUNT', path: 'smartServer.devices', help: 'how many devices it defines' },
  { env: 'SSLAB_CMS_OWNER', path: 'smartServer.users.Owner', help: 'CMS Owner as user:password' },
  { env: 'SSLAB_CMS_ADMIN', path: 'smartServer.users.Admin', help: 'CMS Admin as user:password' },
  { env: 'SSLAB_CMS_SUPERVISOR', path: 'smartServer.users.Supervisor', help: 'CMS Supervisor as user:password' },
  { env: 'SSLAB_CMS_USER', path: 'smartServer.users.User', help: 'CMS User as user:password' },
  { env: 'SSLAB_OFFLINE_SMARTSERVER_NAME', path: 'offlineSmartServer.name', help: 'a SmartServer without Internet' },
  { env: 'SSLAB_OFFLINE_INSTALL_CODE', path: 'offlineSmartServer.installCode', help: 'its install code' },
  { env: 'SSLAB_OFFLINE_CMS_OWNER', path: 'offlineSmartServer.users.Owner', help: 'its CMS Owner as user:password' },
];

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
}

function getPath(source: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], source);
}

function parseValue(path: string, text: string): unknown {
  if (path.startsWith('smartServer.users.') || path.startsWith('offlineSmartServer.users.')) {
    const at = text.indexOf(':');
    if (at <= 0) throw new Error(`${path} must be given as user:password`);
    return [text.slice(0, at), text.slice(at + 1)];
  }
  return path === 'smartServer.devices' ? Number(text) : text;
}

/** The seed fixture's "reference" section: what the emulator's seed holds. */
export function seedReference(file = SEED_FILE): ReferenceData {
  return (JSON.parse(readFileSync(file, 'utf8')) as { reference: ReferenceData }).reference;
}

/**
 * Reads the reference data: defaults from `defaults` (the seed, or SSLAB_REFERENCE_FILE), each
 * overridden by its environment variable. Without defaults every variable must be set.
 */
export function readReferenceData(env: NodeJS.ProcessEnv, defaults?: ReferenceData): ReferenceData {
  const file = env.SSLAB_REFERENCE_FILE;
  const fromFile = file ? (JSON.parse(readFileSync(file, 'utf8')) as { reference?: unknown }) : undefined;
  const base: unknown = fromFile ? (fromFile.reference ?? fromFile) : defaults;
  const data: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const variable of REFERENCE_VARIABLES) {
    const given = env[variable.env];
    const value = given !== undefined && given !== '' ? parseValue(variable.path, given) : getPath(base, variable.path);
    if (value === undefined) missing.push(`${variable.env} (${variable.help})`);
    else setPath(data, variable.path, value);
  }
  if (missing.length > 0) {
    throw new Error(`The real target needs the data it already holds; set these variables or SSLAB_REFERENCE_FILE:\n  ${missing.join('\n  ')}`);
  }
  return data as unknown as ReferenceData;
}
