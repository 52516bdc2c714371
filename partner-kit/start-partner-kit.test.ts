import { afterEach, expect, test, vi } from 'vitest';
import { type PartnerKit, startPartnerKit } from './index';

let kit: PartnerKit | undefined;

afterEach(async () => {
  await kit?.stop();
  kit = undefined;
  vi.restoreAllMocks();
});

const json = (body: unknown, token?: string, method = 'POST') => ({
  method,
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
});
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

test('a fetch to the partner portal address logs in and lists the licenses the partner bought', async () => {
  kit = await startPartnerKit();
  const order = await kit.controlPlane.placeOrder('PO-KIT-1', { name: 'ACE Controls', email: 'ace@example.com' }, [{ model: '72220-50', quantity: 2 }]);

  const login = await fetch('https://edgeactp.enocean.com/api/session', json({ email: 'ace@example.com', password: order.credentials!.password }));
  expect(login.status).toBe(200);
  const { token } = await login.json();
  const inventory = await fetch('https://edgeactp.enocean.com/api/inventory', bearer(token));

  expect(inventory.status).toBe(200);
  const licenses: { licenseId: string; model: string }[] = await inventory.json();
  expect(licenses.map((l) => l.model)).toEqual(['72220-50', '72220-50']);
  expect(licenses.map((l) => l.licenseId).sort()).toEqual(order.licenses.map((l) => l.licenseId).sort());
  expect(kit.requestsAnswered()).toBe(2);
});

test("a SmartServer's host answers its licensing status and its devices", async () => {
  kit = await startPartnerKit();
  const server = await kit.controlPlane.addSmartServer({ installCode: '17q5t6a', name: 'Plant room', devices: { lon: 2, bacnet: 1 } });
  const owner = server.users[0];
  expect(kit.addresses.smartServer('17q5t6a')).toBe('https://smartserver-17q5t6a');

  const login = await fetch('https://smartserver-17q5t6a/login', json({ username: owner.username, password: owner.password }));
  const { token } = await login.json();
  const status = await (await fetch('https://smartserver-17q5t6a/iap/lic/status', bearer(token))).json();
  const devices: { name: string; lic: { licensed: boolean } }[] = await (await fetch('https://smartserver-17q5t6a/iap/devs', bearer(token))).json();

  expect(status).toMatchObject({ installCode: '17q5t6a', name: 'Plant room', capacity: 0, definedDevices: 3 });
  expect(devices).toHaveLength(3);
  expect(devices.every((d) => d.lic.licensed === false)).toBe(true);
});

test('a host the kit does not serve is refused, and says so, rather than reached', async () => {
  const told = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  kit = await startPartnerKit();

  await expect(fetch('https://api.example.com/licenses')).rejects.toThrow(TypeError);
  expect(told).toHaveBeenCalledWith(expect.stringContaining('refused GET https://api.example.com/licenses'));
  expect(told).toHaveBeenCalledWith(expect.stringContaining("unknownHosts: 'pass'"));
  expect(kit.requestsAnswered()).toBe(0);
});

test('a SmartServer the emulator does not have answers as its API does for an unknown install code', async () => {
  kit = await startPartnerKit();
  const login = await fetch('https://smartserver-17qzzzz/login', json({ username: 'owner', password: 'x' }));
  expect(login.status).toBe(404);
});

test('every address can be given; the default ones are then not served', async () => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  kit = await startPartnerKit({ addresses: { partnerPortal: 'https://portal.partner.test/', smartServers: 'http://{installCode}.lab.test:8080' } });
  await kit.controlPlane.addSmartServer({ installCode: '17qanut' });

  expect(kit.addresses.partnerPortal).toBe('https://portal.partner.test');
  expect(kit.addresses.smartServer('17qanut')).toBe('http://17qanut.lab.test:8080');
  expect((await fetch('https://portal.partner.test/api/inventory')).status).toBe(401);
  expect((await fetch('http://17qanut.lab.test:8080/iap/devs')).status).toBe(401);
  await expect(fetch('https://edgeactp.enocean.com/api/inventory')).rejects.toThrow(TypeError);
});

test('stop() gives the global fetch back', async () => {
  const original = globalThis.fetch;
  kit = await startPartnerKit();
  expect(globalThis.fetch).not.toBe(original);
  await kit.stop();
  expect(globalThis.fetch).toBe(original);
  // Stopping twice is harmless, so a test's own cleanup may stop a kit its hooks stop too.
  await kit.stop();
});

test('only one kit runs at a time, even when two are started together', async () => {
  const [first, second] = await Promise.allSettled([startPartnerKit(), startPartnerKit()]);
  kit = first.status === 'fulfilled' ? first.value : undefined;
  expect(first.status).toBe('fulfilled');
  expect(second).toMatchObject({ status: 'rejected', reason: expect.objectContaining({ message: expect.stringMatching(/already running/) }) });
});

test('two kits in sequence share nothing', async () => {
  kit = await startPartnerKit();
  await kit.controlPlane.addSmartServer({ installCode: '17q2d9v' });
  await kit.controlPlane.setDate('2027-03-01');
  await kit.stop();

  kit = await startPartnerKit();
  const again = await kit.controlPlane.addSmartServer({ installCode: '17q2d9v' });
  expect(again.installCode).toBe('17q2d9v');
  expect(await kit.controlPlane.advanceDays(0)).toBe('2026-01-05');
});

test('the control plane sets up an order for a customer, a SmartServer, and a fault on the way to the cloud', async () => {
  kit = await startPartnerKit();
  const order = await kit.controlPlane.placeOrder(
    'PO-KIT-2',
    { name: 'ACE Controls', email: 'ace@example.com' },
    [{ model: '72220-10', quantity: 1 }],
    'P2022-0208',
  );
  const customerId = order.licenses[0].customer!.customerId;
  const server = await kit.controlPlane.addSmartServer({ installCode: '17q5t6a', devices: { lon: 1 } });
  const smartServer = kit.addresses.smartServer(server.installCode);
  const { token } = await (await fetch(`${smartServer}/login`, json({ username: server.users[0].username, password: server.users[0].password }))).json();
  const save = await fetch(`${smartServer}/iap/lic/accounts?segmentId=${server.installCode}`, json({ customerId }, token, 'PUT'));
  expect(save.status).toBe(200);
  const offered = async () => fetch(`${smartServer}/iap/lic/cloud`, bearer(token));
  expect(await (await offered()).json()).toEqual([expect.objectContaining({ licenseId: order.licenses[0].licenseId })]);

  await kit.controlPlane.setCloudFaults({ failWith: 503, delayMs: 0 });
  const failing = await offered();
  expect(failing.status).toBe(503);

  await kit.controlPlane.setCloudFaults(null);
  await kit.controlPlane.setOnline(server.installCode, false);
  expect((await offered()).ok).toBe(false);
});
