import { expect, test } from 'vitest';
import { nodeCrypto } from '../runtime/node-crypto';
import { serveEmulator } from '../runtime/serve';
import { connectTestClient } from '../testing/http-test-kit';
import { expectProblem, LicensingHarness } from '../testing/licensing-harness';
import { checksumOf } from './snapshot-file';
import { MAX_HELD_SNAPSHOTS } from './snapshot-routes';

const h = LicensingHarness.resetForEachTest();

/** A SmartServer holding a 200-device capacity, the clock moved, a fault injected: state of every kind. */
async function busyEmulator() {
  const { customerId, licenses } = await h.orderFor('P2022-0208', ['72220-200']);
  const server = await h.smartServer({ devices: { lon: 3 } });
  await h.activateOnline(server, customerId, [licenses.get('72220-200')!]);
  await h.setToday('2026-03-01');
  await h.ok('PUT', '/_emulator/faults', { body: { cloud: { delayMs: 0, failWith: 503 } } });
  return server;
}

/** A snapshot document with some fields replaced and its checksum made to match again: another writer's file. */
function rewritten(document: any, change: (d: any) => void): any {
  const copy = structuredClone(document);
  change(copy);
  const { checksum: _old, ...rest } = copy;
  return { ...rest, checksum: checksumOf(nodeCrypto, rest) };
}

test('a snapshot taken and loaded again puts back the store, the virtual clock, the faults and the keys', async () => {
  const server = await busyEmulator();
  const taken = await h.call('POST', '/_emulator/snapshots', { body: { name: 'licensed' } });
  expect(taken.status).toBe(201);
  expect(taken.body).toMatchObject({ format: 'sslab-snapshot', version: 1, name: 'licensed', state: { clock: '2026-03-01T09:00:00.000Z' } });
  expect(taken.body.checksum).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);

  await h.ok('POST', '/_emulator/reset');
  expect((await h.ok('GET', '/_emulator/clock')).today).toBe('2026-01-05');

  const loaded = await h.ok('PUT', '/_emulator/snapshots/licensed');
  expect(loaded).toMatchObject({ name: 'licensed', now: '2026-03-01T09:00:00.000Z' });
  expect((await h.ok('GET', '/_emulator/clock')).today).toBe('2026-03-01');
  expect(await h.ok('GET', '/_emulator/faults')).toEqual({ cloud: { delayMs: 0, failWith: 503 } });
  // The token issued before the snapshot still verifies: the same keys, the same session.
  expect(await h.dashboard(server)).toMatchObject({ capacity: 200, licensedDevices: 3 });
  expect((await h.ok('GET', '/_emulator/snapshots')).map((s: { name: string }) => s.name)).toContain('licensed');
});

test('a snapshot file loads into another emulator, keys and all: sessions issued by the first work on the second', async () => {
  const server = await busyEmulator();
  const file = (await h.call('POST', '/_emulator/snapshots', { body: {} })).text;
  const other = await serveEmulator({ port: 0, dataFile: ':memory:', passwordCost: 'fast' });
  try {
    const { api } = await connectTestClient(other.url);
    expect((await api.call('GET', `/smartservers/${server.installCode}/dashboard`, { token: server.token })).status).toBe(401);
    const loaded = await api.call('PUT', '/_emulator/snapshots/copied', { rawBody: file, headers: { 'content-type': 'application/json' } });
    expect(loaded.status).toBe(200);
    expect((await api.ok('GET', `/smartservers/${server.installCode}/dashboard`, { token: server.token })).capacity).toBe(200);
    expect(other.emulator.capture()).toEqual(h.running.emulator.capture());
  } finally {
    await other.stop();
  }
});

test('snapshots of another format version, edited, cut short, of another vendor profile or not snapshots at all are refused, and nothing changes', async () => {
  await busyEmulator();
  const document = (await h.ok('POST', '/_emulator/snapshots', { body: { name: 'good' } })) as any;
  await h.ok('POST', '/_emulator/clock/advance', { body: { days: 10 } });
  const before = h.running.emulator.capture();
  const load = (body: unknown) => h.call('PUT', '/_emulator/snapshots/attempt', { body });

  const newer = expectProblem(await load(rewritten(document, (d) => (d.version = 2))), 422, 'snapshot-version-unsupported');
  expect(newer.detail).toContain('version 2');
  const edited = structuredClone(document);
  edited.state.clock = '2027-01-01T09:00:00.000Z';
  expect(expectProblem(await load(edited), 422, 'snapshot-checksum-mismatch').detail).toContain('edited or damaged');
  const foreign = expectProblem(await load(rewritten(document, (d) => (d.profile = 'schneider-ecostruxure'))), 422, 'snapshot-profile-mismatch');
  expect(foreign.detail).toContain('"schneider-ecostruxure"');
  expect(expectProblem(await load({ tables: [] }), 400, 'invalid-input').field).toBe('format');
  expectProblem(await load({ format: 'something-else', tables: [] }), 422, 'not-a-snapshot');
  const text = JSON.stringify(document);
  const cut = await h.call('PUT', '/_emulator/snapshots/attempt', { rawBody: text.slice(0, text.length / 2), headers: { 'content-type': 'application/json' } });
  expect(expectProblem(cut, 400, 'body-not-json').field).toBe('body');

  expect(h.running.emulator.capture()).toEqual(before);
  expect((await h.ok('GET', '/_emulator/snapshots')).map((s: { name: string }) => s.name)).not.toContain('attempt');
});

test('a snapshot whose rows do not fit the tables is refused whole: no table is half written', async () => {
  await busyEmulator();
  const document = (await h.ok('POST', '/_emulator/snapshots', { body: { name: 'good' } })) as any;
  await h.ok('POST', '/_emulator/reset');
  const before = h.running.emulator.capture();
  const load = (body: unknown) => h.call('PUT', '/_emulator/snapshots/attempt', { body });

  const unknownTable = rewritten(document, (d) => d.state.tables.push({ table: 'invoices', columns: ['id'], rows: [['1']] }));
  expect(expectProblem(await load(unknownTable), 422, 'snapshot-does-not-fit').detail).toContain('"invoices"');
  const unknownColumn = rewritten(document, (d) => d.state.tables[0].columns.push('colour'));
  expect(expectProblem(await load(unknownColumn), 422, 'snapshot-does-not-fit').detail).toContain('"colour"');
  // The licenses table comes after the partners table: a doubled license fails once every partner is written.
  const doubled = rewritten(document, (d) => {
    const licenses = d.state.tables.find((t: { table: string }) => t.table === 'licenses');
    licenses.rows.push(licenses.rows[0]);
  });
  expect(expectProblem(await load(doubled), 422, 'snapshot-does-not-fit').detail).toContain('UNIQUE');
  const badKey = rewritten(document, (d) => (d.state.keys.signingKey = 'not a key'));
  expect(expectProblem(await load(badKey), 422, 'snapshot-keys-unusable').detail).toContain('signing key');
  const badClock = rewritten(document, (d) => (d.state.clock = 'tomorrow'));
  expect(expectProblem(await load(badClock), 422, 'snapshot-malformed').field).toBe('state.clock');

  expect(h.running.emulator.capture()).toEqual(before);
});

test('snapshot names are checked, unknown ones are named, and the emulator holds a bounded number', async () => {
  expect(expectProblem(await h.call('POST', '/_emulator/snapshots', { body: { name: '../etc' } }), 400, 'invalid-input').field).toBe('name');
  expectProblem(await h.call('PUT', '/_emulator/snapshots/missing'), 404, 'snapshot-not-found');
  expectProblem(await h.call('GET', '/_emulator/snapshots/missing'), 404, 'snapshot-not-found');
  // Held snapshots outlive resets (a reset between taking and loading one is the point); start from none.
  for (const { name } of await h.ok('GET', '/_emulator/snapshots')) await h.ok('DELETE', `/_emulator/snapshots/${name}`);
  for (let i = 0; i < MAX_HELD_SNAPSHOTS; i++) await h.ok('POST', '/_emulator/snapshots', { body: { name: `s${i}` } });
  expectProblem(await h.call('POST', '/_emulator/snapshots', { body: { name: 'one-more' } }), 409, 'too-many-snapshots');
  await h.ok('POST', '/_emulator/snapshots', { body: { name: 's0' } });
  expect((await h.ok('DELETE', '/_emulator/snapshots/s0')).name).toBe('s0');
  const again = (await h.call('GET', '/_emulator/snapshots/s1')).body;
  expect(again).toMatchObject({ format: 'sslab-snapshot', name: 's1' });
  for (let i = 1; i < MAX_HELD_SNAPSHOTS; i++) await h.ok('DELETE', `/_emulator/snapshots/s${i}`);
});
