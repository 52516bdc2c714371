import { expect, test } from 'vitest';
import { expectProblem, LicensingHarness } from '../../testing/licensing-harness';

const h = LicensingHarness.resetForEachTest();

/** A SmartServer with 10-device capacity (9 devices besides itself) and `lon` LON devices plus one BACnet device. */
async function licensed(lon: number) {
  const { customerId, licenses } = await h.orderFor('P2022-0208', ['72220-10']);
  const server = await h.smartServer({ devices: { lon, bacnet: 1 } });
  await h.activateOnline(server, customerId, [licenses.get('72220-10')!]);
  return server;
}

const value = (code: string, address: string, query = '') => `/smartservers/${code}/iap/devs/${address}/value${query}`;

test('a licensed device’s datapoint reads by the documented address, and a write sticks', async () => {
  const server = await licensed(2);
  const [setpoint] = await h.ok('GET', value(server.installCode, '*+name==LON-1/if/thermostat/0/nviSetpoint'), { token: server.token });
  expect(setpoint).toEqual({ deviceName: 'LON-1', blockName: 'thermostat', blockIndex: 0, datapointName: 'nviSetpoint', value: 21 });
  const put = await h.call('PUT', value(server.installCode, '*+name==LON-1/if/thermostat/0/nviSetpoint'), { token: server.token, body: 23.5 });
  expect(put.status).toBe(204);
  const [after] = await h.ok('GET', value(server.installCode, 'LON-1/if/thermostat/0/nviSetpoint'), { token: server.token });
  expect(after.value).toBe(23.5);
});

test('a write at a lower priority than the one in force changes nothing until the higher one is released', async () => {
  const server = await licensed(1);
  const address = value(server.installCode, 'LON-1/if/thermostat/0/nviSetpoint');
  await h.call('PUT', `${address}?prio=8`, { token: server.token, body: 19 });
  await h.call('PUT', `${address}?prio=12`, { token: server.token, body: 25 });
  expect((await h.ok('GET', address, { token: server.token }))[0].value).toBe(19);
  await h.call('PUT', `${address}?prio=8`, { token: server.token, body: null });
  expect((await h.ok('GET', address, { token: server.token }))[0].value).toBe(25);
});

test('outputs follow the virtual clock at their poll rate, the same for the same device', async () => {
  const server = await licensed(1);
  const address = value(server.installCode, 'LON-1/if/lightSensor/0/nvoLuxLevel');
  const read = async () => (await h.ok('GET', address, { token: server.token }))[0].value as number;
  const first = await read();
  expect(await read()).toBe(first);
  const seen = new Set([first]);
  for (const day of ['2026-02-01', '2026-02-02', '2026-02-03']) {
    await h.setToday(day);
    seen.add(await read());
  }
  expect(seen.size).toBeGreaterThan(1);
  await h.setToday('2026-02-01');
  const again = await read();
  await h.setToday('2026-02-01');
  expect(await read()).toBe(again);
});

test('an unlicensed device’s values are refused with the licensing reason; tagging it stays allowed', async () => {
  const server = await licensed(10); // LON-10 and the BACnet device fall outside the 9 places
  const address = value(server.installCode, 'LON-10/if/thermostat/0/nviSetpoint');
  const read = await h.call('GET', address, { token: server.token });
  expect(expectProblem(read, 409, 'device-unlicensed').detail).toMatch(/LON-10 is unlicensed \(purple\)/);
  expectProblem(await h.call('PUT', address, { token: server.token, body: 20 }), 409, 'device-unlicensed');
  const tag = await h.call('POST', `/smartservers/${server.installCode}/iap/devs/LON-10/if/thermostat/0/nviSetpoint/tags`, {
    token: server.token,
    body: ['lobby'],
  });
  expect(tag.status).toBe(204);
  const properties = await h.ok('GET', `/smartservers/${server.installCode}/iap/devs/LON-10/if`, { token: server.token });
  expect(properties.find((p: { datapointName: string }) => p.datapointName === 'nviSetpoint').tags).toEqual(['lobby']);
});

test('after Transfer to Cloud every device is refused, naming the returned licenses', async () => {
  const server = await licensed(1);
  await h.ok('POST', `/smartservers/${server.installCode}/iap/lic/cloud/upload`, { token: server.token });
  const answer = await h.call('GET', value(server.installCode, '*/if/*/*/*'), { token: server.token });
  expect(expectProblem(answer, 409, 'no-device-capacity').detail).toMatch(/licenses went back to the cloud/);
});

test('tags select datapoints and paged reads walk one snapshot', async () => {
  const server = await licensed(5);
  await h.call('POST', `/smartservers/${server.installCode}/iap/devs/*+name==nvoTemp/tags`, { token: server.token, body: 'temps' });
  const url = value(server.installCode, '*/if/*/*/*+tag==temps', '?pg=1&sz=2');
  const first = await h.ok('GET', url, { token: server.token });
  expect(first.resources.map((r: { deviceName: string }) => r.deviceName)).toEqual(['LON-1', 'LON-2']);
  expect(first.remainingPages).toBe(2);
  const third = await h.ok('GET', value(server.installCode, '*/if/*/*/*+tag==temps', `?pg=3&sz=2&xs=${first.snapshot}`), { token: server.token });
  expect(third).toMatchObject({ snapshot: first.snapshot, remainingPages: 0 });
  expect(third.resources.map((r: { deviceName: string }) => r.deviceName)).toEqual(['LON-5']);
  const unknown = await h.call('GET', value(server.installCode, '*/if/*/*/*', '?pg=2&xs=feedfeed'), { token: server.token });
  expect(expectProblem(unknown, 404, 'snapshot-unknown').field).toBe('xs');
});

test('a snapshot taken before Transfer to Cloud reads nothing after it: the next page is refused, saying why', async () => {
  const server = await licensed(3);
  const first = await h.ok('GET', value(server.installCode, '*/if/*/*/*', '?pg=1&sz=4'), { token: server.token });
  await h.ok('POST', `/smartservers/${server.installCode}/iap/lic/cloud/upload`, { token: server.token });
  const next = await h.call('GET', value(server.installCode, '*/if/*/*/*', `?pg=2&sz=4&xs=${first.snapshot}`), { token: server.token });
  expectProblem(next, 409, 'no-device-capacity');
});

test('a page read again through its snapshot shows each write, clock move and licensing change as it happens', async () => {
  const server = await licensed(1);
  const first = await h.ok('GET', value(server.installCode, 'LON-1/if/*/*/*', '?pg=1&sz=4'), { token: server.token });
  const again = value(server.installCode, 'LON-1/if/*/*/*', `?pg=1&sz=4&xs=${first.snapshot}`);
  const read = async () => (await h.ok('GET', again, { token: server.token })).resources as { datapointName: string; value: number }[];
  const shown = (resources: { datapointName: string; value: number }[], name: string) => resources.find((r) => r.datapointName === name)!.value;
  expect(await read()).toEqual(first.resources);
  expect(await read()).toEqual(first.resources);

  await h.call('PUT', value(server.installCode, 'LON-1/if/thermostat/0/nviSetpoint'), { token: server.token, body: 23.5 });
  expect(shown(await read(), 'nviSetpoint')).toBe(23.5);

  const lux = new Set([shown(await read(), 'nvoLuxLevel')]);
  for (const day of ['2026-02-01', '2026-02-02', '2026-02-03']) {
    await h.setToday(day);
    lux.add(shown(await read(), 'nvoLuxLevel'));
  }
  expect(lux.size).toBeGreaterThan(1);

  await h.ok('POST', `/smartservers/${server.installCode}/iap/lic/cloud/upload`, { token: server.token });
  expectProblem(await h.call('GET', again, { token: server.token }), 409, 'no-device-capacity');
});

test('bad addresses and values are refused naming the field', async () => {
  const server = await licensed(1);
  const cases: [string, string, unknown?][] = [
    ['GET', value(server.installCode, '*+colour==red/if/*/*/*'), undefined],
    ['GET', value(server.installCode, '*/if/*/x/*'), undefined],
    ['GET', value(server.installCode, '*/if/*/*/*', '?pg=0'), undefined],
    ['PUT', value(server.installCode, 'LON-1/if/thermostat/0/nviSetpoint'), 99],
    ['PUT', value(server.installCode, 'LON-1/if/thermostat/0/nviSetpoint'), 'warm'],
  ];
  const fields = [];
  for (const [method, url, body] of cases) fields.push(expectProblem(await h.call(method, url, { token: server.token, body }), 400, 'invalid-input').field);
  expect(fields).toEqual(['id', 'index', 'pg', 'value', 'value']);
  expectProblem(
    await h.call('PUT', value(server.installCode, 'LON-1/if/lightSensor/0/nvoLuxLevel'), { token: server.token, body: 5 }),
    422,
    'datapoint-read-only',
  );
});

test('a custom page goes to the login page, which sets a scoped HttpOnly SameSite cookie the REST paths take, until logout', async () => {
  const server = await licensed(1);
  const owner = server.users[0];
  const uploaded = await h.call('PUT', `/smartservers/${server.installCode}/user/pages/dash.html`, {
    token: server.token,
    rawBody: '<h1>dash</h1>',
    headers: { 'content-type': 'text/html' },
  });
  expect(uploaded.status).toBe(200);
  const page = `${h.url}/smartservers/${server.installCode}/user/pages/dash.html`;
  const anonymous = await fetch(page, { redirect: 'manual' });
  expect(anonymous.status).toBe(302);
  expect(anonymous.headers.get('location')).toBe(
    `/smartservers/${server.installCode}/user/login.html?next=${encodeURIComponent(`/smartservers/${server.installCode}/user/pages/dash.html`)}`,
  );
  const login = await fetch(`${h.url}/smartservers/${server.installCode}/user/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: owner.username, password: owner.password, next: `/smartservers/${server.installCode}/user/pages/dash.html` }),
  });
  expect(login.status).toBe(303);
  const cookie = login.headers.get('set-cookie')!;
  expect(cookie).toMatch(new RegExp(`Path=/smartservers/${server.installCode}/; HttpOnly; SameSite=Strict`));
  const session = cookie.split(';')[0];
  expect(await (await fetch(page, { headers: { cookie: session } })).text()).toBe('<h1>dash</h1>');
  const read = await fetch(`${h.url}${value(server.installCode, 'LON-1/if/thermostat/0/nviSetpoint')}`, { headers: { cookie: session } });
  expect(read.status).toBe(200);
  const out = await fetch(`${h.url}/smartservers/${server.installCode}/iap/auth/logout`, { method: 'POST', headers: { cookie: session } });
  expect(out.status).toBe(204);
  expect((await fetch(`${h.url}${value(server.installCode, 'LON-1/if/thermostat/0/nviSetpoint')}`, { headers: { cookie: session } })).status).toBe(401);
});
