import { expect, test } from 'vitest';
import { newServerLicense } from './apply';
import type { EntitlementContext } from './entitlement.machine';
import type { ServerLicenseStateName } from './license.rules';
import { entitledSeats, featureOnServer, seatUsage, type ServerLicenseRecord } from './seats';
import { activeOnServer, waitingForActivation } from './selection';

const ENTITLEMENT: EntitlementContext = {
  entitlementId: 'ENT-1',
  soldTo: 'Campus North',
  email: 'a@b.example',
  issuedAt: '2026-01-05T09:00:00.000Z',
  products: [
    {
      activationId: 'ACT-1',
      name: 'Drivers',
      features: [
        { code: 'smartdriver', seats: 5 },
        { code: 'mqtt', seats: 2 },
      ],
    },
    { activationId: 'ACT-2', name: 'More drivers', features: [{ code: 'smartdriver', seats: 1 }] },
  ],
};

function held(
  state: ServerLicenseStateName,
  quantity: number,
  over: { activationId?: string; featureCode?: string; serverId?: string } = {},
): ServerLicenseRecord {
  const record = newServerLicense({
    licenseId: `lic-${Math.random()}`,
    entitlementId: 'ENT-1',
    activationId: over.activationId ?? 'ACT-1',
    featureCode: over.featureCode ?? 'smartdriver',
    quantity,
  });
  return { state, context: { ...record.context, serverId: over.serverId ?? 'srv-1' } };
}

test('entitled seats are read per activation ID and feature', () => {
  expect(entitledSeats(ENTITLEMENT, 'ACT-1', 'smartdriver')).toBe(5);
  expect(entitledSeats(ENTITLEMENT, 'ACT-2', 'smartdriver')).toBe(1);
  expect(entitledSeats(ENTITLEMENT, 'ACT-2', 'mqtt')).toBe(0);
  expect(entitledSeats(ENTITLEMENT, 'ACT-9', 'smartdriver')).toBe(0);
});

test('assigned, active and returning licenses hold seats; returned ones give them back', () => {
  const licenses = [held('assigned', 1), held('active', 2), held('returnUnconfirmed', 1), held('returned', 3), held('active', 1, { activationId: 'ACT-2' })];
  expect(seatUsage(ENTITLEMENT, 'ACT-1', 'smartdriver', licenses)).toEqual({ seats: 5, inUse: 4, awaitingReturnConfirmation: 1, free: 1 });
  expect(seatUsage(ENTITLEMENT, 'ACT-2', 'smartdriver', licenses)).toEqual({ seats: 1, inUse: 1, awaitingReturnConfirmation: 0, free: 0 });
});

test('a per-server feature counts as on the server until it is returned', () => {
  expect(featureOnServer('srv-1', 'mqtt', [held('active', 1, { featureCode: 'mqtt' })])).toBe(true);
  expect(featureOnServer('srv-1', 'mqtt', [held('returned', 1, { featureCode: 'mqtt' })])).toBe(false);
  expect(featureOnServer('srv-2', 'mqtt', [held('active', 1, { featureCode: 'mqtt' })])).toBe(false);
});

test('an online activation takes the assigned licenses of the chosen servers, or of all servers', () => {
  const licenses = [
    held('assigned', 1, { serverId: 'a' }),
    held('assigned', 1, { serverId: 'b' }),
    held('active', 1, { serverId: 'a' }),
    held('activationRequested', 1, { serverId: 'b' }),
  ];
  expect(waitingForActivation(licenses).map((l) => l.context.serverId)).toEqual(['a', 'b']);
  expect(waitingForActivation(licenses, ['b']).map((l) => l.context.serverId)).toEqual(['b']);
  expect(waitingForActivation(licenses, [])).toEqual([]);
  expect(activeOnServer(licenses, 'a')).toHaveLength(1);
});
