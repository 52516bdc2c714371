import { expect, test } from 'vitest';
import { createActor } from 'xstate';
import { RefusedError } from '../apply';
import { applyEntitlementEvent, newEntitlement, requireDrawable } from './apply';
import { entitlementMachine, type EntitlementContext } from './entitlement.machine';

const EMAILED: EntitlementContext = {
  entitlementId: '7KQ2-M9XD-43TA-P0LB',
  soldTo: 'Campus North',
  email: 'facilities@campus.example',
  issuedAt: '2026-01-05T09:00:00.000Z',
  products: [{ activationId: 'A1B2-C3D4-E5F6-G7H8', name: 'EBO SmartDriver pack', features: [{ code: 'smartdriver', seats: 3 }] }],
};

test('an entitlement received by email is not in Device Administrator yet', () => {
  const entitlement = newEntitlement(EMAILED);
  expect(entitlement.state).toBe('emailed');
  expect(entitlement.context.addedVia).toBeUndefined();
});

test('adding an entitlement from its certificate file records how and when it was added', () => {
  const added = applyEntitlementEvent(newEntitlement(EMAILED), { type: 'ADD', via: 'certificate-file', at: '2026-01-06T10:00:00Z' });
  expect(added.state).toBe('inDeviceAdministrator');
  expect(added.context.addedVia).toBe('certificate-file');
  expect(added.context.addedAt).toBe('2026-01-06T10:00:00Z');
  expect(added.context.products).toEqual(EMAILED.products);
});

test('adding an entitlement by its ID leads to the same place', () => {
  const added = applyEntitlementEvent(newEntitlement(EMAILED), { type: 'ADD', via: 'entitlement-id', at: '2026-01-06T10:00:00Z' });
  expect(added.state).toBe('inDeviceAdministrator');
  expect(added.context.addedVia).toBe('entitlement-id');
});

test('an entitlement cannot be added to Device Administrator twice', () => {
  const added = applyEntitlementEvent(newEntitlement(EMAILED), { type: 'ADD', via: 'entitlement-id', at: '2026-01-06T10:00:00Z' });
  try {
    applyEntitlementEvent(added, { type: 'ADD', via: 'certificate-file', at: '2026-01-07T10:00:00Z' });
    expect.unreachable('the second ADD must be refused');
  } catch (error) {
    expect(error).toBeInstanceOf(RefusedError);
    expect((error as RefusedError).refusal).toMatchObject({ code: 'entitlement-already-added', kind: 'state' });
  }
});

test('the entitlement machine runs as an actor as well', () => {
  const actor = createActor(entitlementMachine, { input: EMAILED }).start();
  actor.send({ type: 'ADD', via: 'certificate-file', at: '2026-01-06T10:00:00Z' });
  expect(actor.getSnapshot().value).toBe('inDeviceAdministrator');
  actor.stop();
});

test('licenses are drawn only from an entitlement in Device Administrator, and only features its product holds', () => {
  const emailed = newEntitlement(EMAILED);
  const added = applyEntitlementEvent(emailed, { type: 'ADD', via: 'entitlement-id', at: '2026-01-06T10:00:00Z' });
  const codeOf = (fn: () => void) => {
    try {
      fn();
      return 'drawable';
    } catch (error) {
      return (error as RefusedError).refusal.code;
    }
  };
  expect(codeOf(() => requireDrawable(emailed, 'A1B2-C3D4-E5F6-G7H8', 'smartdriver'))).toBe('entitlement-not-added');
  expect(codeOf(() => requireDrawable(added, 'A1B2-C3D4-E5F6-G7H8', 'smartdriver'))).toBe('drawable');
  expect(codeOf(() => requireDrawable(added, 'A1B2-C3D4-E5F6-G7H8', 'mqtt'))).toBe('feature-not-in-product');
  expect(codeOf(() => requireDrawable(added, 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', 'smartdriver'))).toBe('license-product-not-in-entitlement');
});
