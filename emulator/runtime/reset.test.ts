import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { placeOrder } from '../services/backoffice';
import { ecoStruxureLogin } from '../services/ecostruxure/login';
import { captureTables } from '../kernel/state';
import { createEmulator } from './emulator';

/**
 * A reset puts the seeded state back. In memory it does so by rolling back the transaction the
 * seeded state is held in; on disk by emptying and refilling the tables. Both must end in the same
 * records, keep the keys, the secrets and the ended sessions, and leave the clock and faults at
 * their start.
 */
const SEED = JSON.parse(readFileSync(join(__dirname, '..', '..', 'features', 'fixtures', 'real-seed.json'), 'utf8'));
const folder = mkdtempSync(join(tmpdir(), 'sslab-reset-'));

afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Changes of every kind a scenario makes: records, the clock, faults, a secret made on first use, a session ended. */
function scenario(emulator: ReturnType<typeof createEmulator>) {
  const { ctx } = emulator;
  placeOrder(ctx, { poNumber: 'PO-RESET-1', partner: { name: 'Reset Partner', email: 'reset@partners.example' }, lines: [{ model: '72220-10', quantity: 2 }] });
  ctx.clock.advance(40);
  emulator.faults.set({ delayMs: 5, failWith: 503 });
  const login = ecoStruxureLogin(ctx);
  const ended = ctx.tokens.issue({ kind: 'ecostruxure', username: login.username }).token;
  ctx.tokens.logOut(ended);
  return { login, ended };
}

test.each([
  ['in memory', ':memory:'],
  ['on disk', join(folder, 'reset.sqlite')],
])('a reset %s returns every record, the clock and the faults to the seed, and keeps the secrets and the ended sessions', (_where, dataFile) => {
  const emulator = createEmulator({ dataFile, seed: SEED, passwordCost: 'fast' });
  try {
    const seeded = captureTables(emulator.ctx.db);
    const start = { clock: emulator.ctx.clock.now(), faults: emulator.faults.current() };
    for (let round = 0; round < 3; round++) {
      const { login, ended } = scenario(emulator);
      const open = emulator.ctx.tokens.issue({ kind: 'ecostruxure', username: login.username }).token;
      expect(captureTables(emulator.ctx.db)).not.toEqual(seeded);
      emulator.reset();
      expect(captureTables(emulator.ctx.db)).toEqual(seeded);
      expect({ clock: emulator.ctx.clock.now(), faults: emulator.faults.current() }).toEqual(start);
      // Made during the scenario, the operator's password is the same after the reset.
      expect(ecoStruxureLogin(emulator.ctx)).toEqual(login);
      expect(() => emulator.ctx.tokens.verify(ended)).toThrow();
      expect(() => emulator.ctx.tokens.verify(open)).toThrow();
    }
  } finally {
    emulator.close();
  }
});

test('in memory, a refused operation after a reset takes back only its own writes, and a snapshot loaded keeps its keys over a reset', () => {
  const emulator = createEmulator({ dataFile: ':memory:', seed: SEED, passwordCost: 'fast' });
  try {
    const order = { poNumber: 'PO-RESET-2', partner: { name: 'Reset Partner', email: 'reset@partners.example' }, lines: [{ model: '72220-10', quantity: 1 }] };
    const licenses = () => emulator.ctx.db.prepare('SELECT COUNT(*) AS n FROM licenses').get();
    const seeded = licenses();
    emulator.reset();
    placeOrder(emulator.ctx, order);
    const placed = licenses();
    expect(placed).not.toEqual(seeded);
    // The same PO number again is refused, and the first order stays.
    expect(() => placeOrder(emulator.ctx, order)).toThrow();
    expect(licenses()).toEqual(placed);

    const other = createEmulator({ dataFile: ':memory:', seed: SEED, passwordCost: 'fast' });
    const snapshot = other.capture();
    other.close();
    emulator.restore(snapshot);
    emulator.reset();
    expect(licenses()).toEqual(seeded);
    expect(emulator.capture().keys).toEqual(snapshot.keys);
  } finally {
    emulator.close();
  }
});
