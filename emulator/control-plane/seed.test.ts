import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { createEmulator } from '../runtime/emulator';
import { customerInventory, myInventory, partnerLogin } from '../services/partner-portal';
import { Problem } from '../kernel/problems';

const SEED = JSON.parse(readFileSync(join(__dirname, '..', '..', 'features', 'fixtures', 'real-seed.json'), 'utf8'));

test('the fixture seeds partners, customers, licenses with their IDs and SmartServers', async () => {
  const emulator = createEmulator({ seed: SEED });
  const { ctx } = emulator;
  const { partner } = await partnerLogin(ctx, { email: SEED.reference.partner.email, password: SEED.reference.partner.password });
  expect(
    myInventory(ctx, partner.id)
      .items.map((l) => [l.licenseId, l.status])
      .sort(),
  ).toEqual(
    [
      [SEED.reference.licenses.retired, 'retired'],
      ['5f6d4630-bc7a-4ee1-9fb5-ce4348358821', 'retired'],
      [SEED.reference.licenses.inventory, 'inInventory'],
    ].sort(),
  );
  expect(customerInventory(ctx, partner.id).items.map((l) => [l.licenseId, l.customer?.customerId])).toEqual([
    [SEED.reference.licenses.capacity, SEED.reference.customer.customerId],
    [SEED.reference.licenses.maintenance, SEED.reference.customer.customerId],
  ]);
  expect(ctx.licenses.get(SEED.reference.licenses.capacity)?.context.predecessorId).toBe(SEED.reference.licenses.retired);
  expect(ctx.db.prepare('SELECT install_code, online FROM smartservers ORDER BY install_code').all()).toEqual([
    { install_code: '17q5t6a', online: 1 },
    { install_code: '17qanut', online: 0 },
  ]);
  emulator.close();
});

test('a reset returns to the seed, not to an empty emulator', async () => {
  const emulator = createEmulator({ seed: SEED });
  const count = () => emulator.ctx.db.prepare('SELECT COUNT(*) AS n FROM licenses').get() as { n: number };
  const before = count().n;
  emulator.ctx.db.prepare("UPDATE smartservers SET customer_id = '2133c667-af41-4518-94df-a2bb3b775330'").run();
  emulator.ctx.db.prepare('DELETE FROM held_licenses').run();
  emulator.reset();
  expect(count().n).toBe(before);
  expect(emulator.ctx.db.prepare('SELECT customer_id FROM smartservers WHERE customer_id IS NOT NULL').all()).toEqual([]);
  expect((await partnerLogin(emulator.ctx, { email: SEED.reference.partner.email, password: SEED.reference.partner.password })).token).toBeTruthy();
  emulator.close();
});

test('a bad seed names the field and leaves nothing half-written', () => {
  const bad = { ...SEED, licenses: [...SEED.licenses, { partner: SEED.partners[0].email, poNumber: 'PO-X', model: '72220-10', licenseId: 'not-a-uuid' }] };
  let problem: unknown;
  try {
    createEmulator({ seed: bad });
  } catch (error) {
    problem = error;
  }
  expect(problem).toBeInstanceOf(Problem);
  expect((problem as Problem).field).toBe('licenses[4].licenseId');
});
