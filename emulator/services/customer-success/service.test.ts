import { expect, test } from 'vitest';
import { createEmulator } from '../../runtime/emulator';
import { supportEntitlement } from './service';

function serverHolding(termEnd?: string) {
  const emulator = createEmulator();
  const { ctx } = emulator;
  ctx.db
    .prepare(
      "INSERT INTO smartservers (install_code, sc_id, name, version, edition, online, created_at) VALUES ('17qtest', 'Sc1', 'Hall', '4.0', 'standard', 1, '2026-01-05')",
    )
    .run();
  if (termEnd) {
    const held = {
      licenseId: '2133c667-af41-4518-94df-a2bb3b775330',
      kind: 'maintenance',
      capacity: 10,
      termYears: 3,
      termEnd,
      activatedAt: '2026-01-05T09:00:00.000Z',
      mode: 'online',
    };
    ctx.db.prepare("INSERT INTO held_licenses (license_id, install_code, held) VALUES (?, '17qtest', ?)").run(held.licenseId, JSON.stringify(held));
  }
  return emulator;
}

test('priority support lasts while maintenance is active, its last day included', () => {
  const emulator = serverHolding('2029-01-05');
  emulator.ctx.clock.set('2029-01-05');
  expect(supportEntitlement(emulator.ctx, '17qtest')).toMatchObject({ support: 'priority', maintenanceEnd: '2029-01-05' });
  emulator.ctx.clock.set('2029-01-06');
  expect(supportEntitlement(emulator.ctx, '17qtest')).toMatchObject({ support: 'standard', maintenanceEnd: '2029-01-05' });
  emulator.close();
});

test('without maintenance support is standard, and an unknown install code is refused', () => {
  const emulator = serverHolding();
  expect(supportEntitlement(emulator.ctx, '17qtest')).toMatchObject({ support: 'standard', maintenanceEnd: null });
  expect(() => supportEntitlement(emulator.ctx, '17qnone')).toThrow(/17qnone/);
  expect(() => supportEntitlement(emulator.ctx, 'Hall')).toThrow(/installCode/);
  emulator.close();
});
