import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { type PartnerKit, startPartnerKit } from '../../partner-kit';
import { describeReport, reportUnlicensedDevices } from './unlicensed-devices';

/*
 * The integration runs unchanged: it calls https://smartserver-17q5t6a with the global fetch, and
 * the kit answers in this process. The test sets the SmartServer up through the kit's control plane
 * and through the SmartServer's own REST paths, as its Owner would.
 */

const INSTALL_CODE = '17q5t6a';
const PARTNER = { name: 'ACE Controls', email: 'ace@example.com' };
const DEVICE_NAMES = Array.from({ length: 12 }, (_, i) => `VAV-${i + 1}`);

let kit: PartnerKit;
let owner: { username: string; password: string };
let address: string;
let orders = 0;

beforeAll(async () => {
  kit = await startPartnerKit();
});

afterAll(async () => {
  await kit.stop();
});

beforeEach(async () => {
  await kit.controlPlane.reset();
  const server = await kit.controlPlane.addSmartServer({ installCode: INSTALL_CODE, name: 'Plant room' });
  owner = { username: server.users[0].username, password: server.users[0].password };
  address = kit.addresses.smartServer(INSTALL_CODE);
  // Twelve devices defined in the CMS, in this order; a SmartServer licenses its devices in creation order.
  const token = await cmsToken();
  for (const name of DEVICE_NAMES) await send('POST', '/iap/devs', token, { name, protocol: 'bacnet' });
});

async function send(method: string, path: string, token?: string, body?: unknown): Promise<any> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${address}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function cmsToken(): Promise<string> {
  return (await send('POST', '/login', undefined, owner)).token;
}

/** A partner sells the customer capacity licenses, and the SmartServer's Owner activates them from the cloud. */
async function activateCapacity(model: string): Promise<void> {
  orders += 1;
  const order = await kit.controlPlane.placeOrder(`PO-EXAMPLE-${orders}`, PARTNER, [{ model, quantity: 1 }], 'P2022-0208');
  const customerId = order.licenses[0].customer!.customerId;
  const token = await cmsToken();
  await send('PUT', `/iap/lic/accounts?segmentId=${INSTALL_CODE}`, token, { customerId });
  const offered: { licenseId: string }[] = await send('GET', '/iap/lic/cloud', token);
  await send('POST', '/iap/lic/cloud/download', token, { licenseIds: offered.map((license) => license.licenseId) });
}

test('without a capacity license every device is reported unlicensed', async () => {
  const report = await reportUnlicensedDevices(address, owner);

  expect(report).toMatchObject({ installCode: INSTALL_CODE, name: 'Plant room', capacity: 0, definedDevices: 12 });
  expect(report.unlicensed.map((device) => device.name)).toEqual(DEVICE_NAMES);
});

test('with a 10-device license the report names exactly the devices beyond the capacity', async () => {
  await activateCapacity('72220-10');

  const report = await reportUnlicensedDevices(address, owner);

  // The SmartServer itself takes one unit of the capacity, so nine devices are licensed.
  expect(report).toMatchObject({ capacity: 10, usedCapacity: 10, definedDevices: 12 });
  expect(report.unlicensed.map((device) => device.name)).toEqual(['VAV-10', 'VAV-11', 'VAV-12']);
  expect(describeReport(report)).toContain('3 unlicensed (purple):\n  VAV-10 (bacnet,');
});

test('once more capacity is activated the devices that were purple are licensed and none is reported', async () => {
  await activateCapacity('72220-10');
  await activateCapacity('72220-50');

  const report = await reportUnlicensedDevices(address, owner);

  expect(report).toMatchObject({ capacity: 60, usedCapacity: 13 });
  expect(report.unlicensed).toEqual([]);
  expect(describeReport(report)).toContain('every device is licensed');
});

test('wrong CMS credentials are reported as the SmartServer refused them', async () => {
  await expect(reportUnlicensedDevices(address, { username: owner.username, password: 'not-the-password' })).rejects.toMatchObject({
    name: 'SmartServerError',
    status: 401,
  });
});
