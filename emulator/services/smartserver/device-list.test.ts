import { expect, test } from 'vitest';
import { expectProblem, LicensingHarness } from '../../testing/licensing-harness';

const h = LicensingHarness.resetForEachTest();

const colours = (devices: { colour: string }[]) => devices.map((d) => d.colour);

test('a device list answered again follows every change of its devices, filters and hand-made names included', async () => {
  const { customerId, licenses } = await h.orderFor('P2022-0208', ['72220-10']);
  const server = await h.smartServer({ devices: { lon: 12 } });
  expect(colours(await h.devices(server))).toEqual(Array(12).fill('purple'));
  expect(await h.devices(server)).toEqual(await h.devices(server));

  await h.activateOnline(server, customerId, [licenses.get('72220-10')!]);
  expect(colours(await h.devices(server))).toEqual([...Array(9).fill('blue'), ...Array(3).fill('purple')]);
  expect(await h.devices(server, '?sts=PROVISIONED')).toEqual([]);
  await h.deviceAction(server, 2, { action: 'provision' });
  expect((await h.devices(server, '?sts=PROVISIONED')).map((d) => d.id)).toEqual([2]);
  expect((await h.devices(server))[1]).toMatchObject({ id: 2, colour: 'green', status: { state: 'provisioned' } });

  await h.ok('POST', `/smartservers/${server.installCode}/iap/devs`, { token: server.token, body: { name: 'AHU-7', protocol: 'bacnet' } });
  const listed = await h.devices(server);
  expect(listed).toHaveLength(13);
  expect(listed[12]).toMatchObject({ name: 'AHU-7', protocol: 'bacnet' });
});

test('a SmartServer without devices lists none, and an unknown one is named', async () => {
  const server = await h.smartServer();
  expect(await h.devices(server)).toEqual([]);
  expectProblem(await h.call('GET', '/smartservers/zzzzzzz/iap/devs', { token: server.token }), 403, 'not-this-smartserver');
  await h.ok('POST', '/_emulator/reset');
  // A reset ends every session, and the SmartServer it removed is named at its login.
  expectProblem(await h.call('GET', `/smartservers/${server.installCode}/iap/devs`, { token: server.token }), 401, 'unauthenticated');
  const [owner] = server.users;
  expectProblem(
    await h.call('POST', `/smartservers/${server.installCode}/login`, { body: { username: owner.username, password: owner.password } }),
    404,
    'smartserver-not-found',
  );
});
