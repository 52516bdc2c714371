import { expect, test } from 'vitest';
import WebSocket from 'ws';
import { expectProblem, LicensingHarness, type FleetServer } from '../../../testing/licensing-harness';

const h = LicensingHarness.resetForEachTest();

const note = (server: FleetServer, licenseId: string, body: unknown, token = server.token) =>
  h.call('PUT', `/smartservers/${server.installCode}/iap/lic/${licenseId}/note`, { token, body });

test('a license note shows in Manage Licenses, survives further activations and can be cleared', async () => {
  const { customerId, licenses } = await h.orderFor('P2022-0208', ['72220-200', '92201R-P-200']);
  const server = await h.smartServer();
  const capacity = licenses.get('72220-200')!;
  await h.activateOnline(server, customerId, [capacity]);
  const noted = await note(server, capacity, { note: 'Plant room, rack 2' });
  expect(noted.body).toMatchObject({ licenseId: capacity, note: 'Plant room, rack 2' });
  await h.ok('POST', `/smartservers/${server.installCode}/iap/lic/cloud/download`, {
    token: server.token,
    body: { licenseIds: [licenses.get('92201R-P-200')] },
  });
  const listed = await h.ok('GET', `/smartservers/${server.installCode}/iap/lic`, { token: server.token });
  expect(listed.map((l: { note: string | null }) => l.note)).toEqual(['Plant room, rack 2', null]);
  expect((await note(server, capacity, { note: null })).body.note).toBeNull();
});

test('a note goes only on a license this SmartServer holds, within 200 characters, by the Owner', async () => {
  const { customerId, licenses } = await h.orderFor('P2022-0208', ['72220-200']);
  const server = await h.smartServer({
    users: [
      { username: 'owner', userType: 'Owner' },
      { username: 'op', userType: 'User' },
    ],
  });
  const capacity = licenses.get('72220-200')!;
  expect(expectProblem(await note(server, capacity, { note: 'x' }), 404, 'license-not-held').detail).toContain(server.installCode);
  await h.activateOnline(server, customerId, [capacity]);
  expect(expectProblem(await note(server, capacity, { note: 'x'.repeat(201) }), 400, 'invalid-input').field).toBe('note');
  expect(expectProblem(await note(server, 'rack-2', { note: 'x' }), 400, 'invalid-input').field).toBe('licenseId');
  expectProblem(await note(server, capacity, { note: 'x' }, await h.login(server, 'op')), 403, 'owner-only');
});

/** Opens the update socket; a token given as `protocolToken` goes as the subprotocol after 'bearer', as a browser sends it. */
function openSocket(url: string, headers: Record<string, string> = {}, protocolToken?: string): Promise<{ socket: WebSocket; messages: unknown[] }> {
  return new Promise((resolve, reject) => {
    const socket = protocolToken ? new WebSocket(url, ['bearer', protocolToken], { headers }) : new WebSocket(url, { headers });
    const messages: unknown[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(data.toString())));
    socket.once('open', () => resolve({ socket, messages }));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    socket.once('error', reject);
  });
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

test('answering the cloud license list also pushes UPD:LIC:CLOUD over the WebSocket', async () => {
  const { customerId, licenses } = await h.orderFor('P2022-0208', ['72220-200', '92201R-P-200']);
  const server = await h.smartServer();
  const other = await h.smartServer();
  await h.ok('PUT', `/smartservers/${server.installCode}/iap/lic/accounts`, { token: server.token, body: { customerId } });
  const ws = h.url.replace('http://', 'ws://');
  const mine = await openSocket(`${ws}/smartservers/${server.installCode}/iap/ws`, { authorization: `Bearer ${server.token}` });
  const theirs = await openSocket(`${ws}/smartservers/${other.installCode}/iap/ws`, {}, other.token);
  expect(theirs.socket.protocol).toBe('bearer');
  try {
    const answered = await h.ok('GET', `/smartservers/${server.installCode}/iap/lic/cloud`, { token: server.token });
    await until(() => mine.messages.length > 0);
    expect(mine.messages).toEqual([{ type: 'UPD:LIC:CLOUD', installCode: server.installCode, licenses: answered }]);
    expect(answered.map((l: { licenseId: string }) => l.licenseId).sort()).toEqual([...licenses.values()].sort());
    expect(theirs.messages).toEqual([]);
  } finally {
    mine.socket.close();
    theirs.socket.close();
  }
});

test('the WebSocket admits only the Owner of that SmartServer, and a plain GET is told to upgrade', async () => {
  const server = await h.smartServer({
    users: [
      { username: 'owner', userType: 'Owner' },
      { username: 'op', userType: 'User' },
    ],
  });
  const other = await h.smartServer();
  const ws = `${h.url.replace('http://', 'ws://')}/smartservers/${server.installCode}/iap/ws`;
  await expect(openSocket(ws)).rejects.toThrow('401');
  await expect(openSocket(ws, {}, await h.login(server, 'op'))).rejects.toThrow('403');
  await expect(openSocket(ws, {}, other.token)).rejects.toThrow('403');
  // A token in the URL, where logs and histories keep it, is not read: the parameter is refused by name.
  await expect(openSocket(`${ws}?token=${server.token}`)).rejects.toThrow('400');
  expectProblem(await h.call('GET', `/smartservers/${server.installCode}/iap/ws`, { token: server.token }), 426, 'websocket-upgrade-required');
});

test('the WebSocket reads no message: a client frame past 1 KiB closes it (1009) before it is buffered', async () => {
  const server = await h.smartServer();
  const ws = `${h.url.replace('http://', 'ws://')}/smartservers/${server.installCode}/iap/ws`;
  const { socket } = await openSocket(ws, { authorization: `Bearer ${server.token}` });
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  socket.send(Buffer.alloc(64 * 1024, 1));
  expect(await closed).toBe(1009);
  // The emulator carries on.
  await h.ok('GET', `/smartservers/${server.installCode}/dashboard`, { token: server.token });
});
