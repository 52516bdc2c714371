import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { createEmulator } from '../../runtime/emulator';
import { startTestServer } from '../../testing/http-test-kit';
import { LICENSES_PER_STEP, placeOrderInSteps } from './service';

/** A large order must not hold the one database, and every other request, for seconds. */
const dir = mkdtempSync(join(tmpdir(), 'sslab-large-orders-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const order = (poNumber: string, lines: number, quantity = 1000) => ({
  poNumber,
  partner: { email: `${poNumber.toLowerCase()}@partner.example` },
  lines: Array.from({ length: lines }, () => ({ model: '72220-10', quantity })),
});

const count = (emulator: ReturnType<typeof createEmulator>, sql: string) => (emulator.ctx.db.prepare(sql).get() as { n: number }).n;

test('a large order is placed a bounded step at a time, with other work let in between, and answers every license', async () => {
  const emulator = createEmulator({ passwordCost: 'fast' });
  try {
    const seenBetween: number[] = [];
    const placed = await placeOrderInSteps(emulator.ctx, order('PO-BIG-1', 3), async () => {
      seenBetween.push(count(emulator, 'SELECT count(*) AS n FROM licenses'));
    });
    expect(placed.licenses).toHaveLength(3000);
    expect(seenBetween).toEqual(Array.from({ length: 3000 / LICENSES_PER_STEP }, (_, i) => i * LICENSES_PER_STEP));
    expect(count(emulator, "SELECT count(*) AS n FROM meta WHERE key LIKE 'order-placing:%'")).toBe(0);
  } finally {
    emulator.close();
  }
});

test('a step that fails takes the whole order back: no license, no order, no partner account it created', async () => {
  const emulator = createEmulator({ passwordCost: 'fast' });
  try {
    let steps = 0;
    await expect(
      placeOrderInSteps(emulator.ctx, order('PO-BIG-2', 2), async () => {
        if (++steps === 3) throw new Error('the disk filled up');
      }),
    ).rejects.toThrow('the disk filled up');
    for (const table of ['licenses', 'orders', 'partners']) expect(count(emulator, `SELECT count(*) AS n FROM ${table}`), table).toBe(0);
  } finally {
    emulator.close();
  }
});

test('an order a crash left half placed is taken back whole when the emulator starts again', async () => {
  const file = join(dir, 'crash.sqlite');
  const first = createEmulator({ dataFile: file, passwordCost: 'fast' });
  let steps = 0;
  // The third step never comes: the process "dies" with two steps written.
  void placeOrderInSteps(first.ctx, order('PO-BIG-3', 2), () => (++steps === 3 ? new Promise<void>(() => {}) : Promise.resolve()));
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(count(first, 'SELECT count(*) AS n FROM licenses')).toBe(2 * LICENSES_PER_STEP);
  first.close();
  const second = createEmulator({ dataFile: file, passwordCost: 'fast' });
  try {
    for (const table of ['licenses', 'orders', 'partners']) expect(count(second, `SELECT count(*) AS n FROM ${table}`), table).toBe(0);
  } finally {
    second.close();
  }
});

test('over HTTP, a read sent while a 10,000-license order is placed is answered before the order is', async () => {
  const server = await startTestServer({ passwordCost: 'fast' });
  try {
    const finished: string[] = [];
    const big = server.api.ok('POST', '/backoffice/api/orders', { body: order('PO-BIG-4', 10) }).then((o) => {
      finished.push('order');
      return o;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await server.api.ok('GET', '/_emulator/health').then(() => finished.push('read'));
    expect((await big).licenses).toHaveLength(10_000);
    expect(finished).toEqual(['read', 'order']);
  } finally {
    await server.stop();
  }
});
