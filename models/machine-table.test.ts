import fc from 'fast-check';
import { expect, test } from 'vitest';
import { createMachine, initialTransition, setup, transition } from 'xstate';
import { PRODUCTS } from './catalog';
import { licenseMachine } from './license.machine';
import type { LicenseContext, LicenseEvent, LicenseStateName } from './license.rules';
import { machineTable } from './machine-table';
import { smartServerMachine, type HeldLicense, type SmartServerEvent, type SmartServerLicensing } from './smartserver';

const RUNS = { numRuns: 300 };
const INSTALL_CODES = ['a1b2c3d', 'k9m8n7p'] as const;
const DAYS = ['2025-01-01', '2025-06-30', '2027-02-01', '2031-12-31'] as const;

const licenses = machineTable<LicenseStateName, LicenseContext, LicenseEvent>(licenseMachine);
const smartServers = machineTable<string, SmartServerLicensing, SmartServerEvent>(smartServerMachine);

const at = fc.constantFrom(...DAYS).map((day) => `${day}T10:00:00.000Z`);
const installCode = fc.constantFrom(...INSTALL_CODES);

const licenseInput: fc.Arbitrary<LicenseContext> = fc
  .record({ product: fc.constantFrom(...PRODUCTS), customerId: fc.option(fc.constantFrom('cust-a', 'cust-b'), { nil: undefined }) })
  .map(({ product, customerId }) => ({
    licenseId: 'lic-1',
    model: product.model,
    kind: product.kind,
    capacity: product.capacity,
    termYears: product.termYears,
    partnerId: 'partner-1',
    ...(customerId ? { customerId } : {}),
  }));

const licenseEvent: fc.Arbitrary<LicenseEvent> = fc.oneof(
  fc.record({ type: fc.constant('TRANSFER' as const), customerId: fc.constantFrom('cust-a', 'cust-b'), successorId: fc.constant('lic-2'), at }),
  fc.record({
    type: fc.constant('ACTIVATE' as const),
    mode: fc.constantFrom('online' as const, 'offline' as const),
    installCode,
    at,
    target: fc.record(
      {
        capacityAfter: fc.constantFrom(0, 10, 25, 100, 200, 1000),
        maintenanceEnd: fc.constantFrom(...DAYS),
        edition: fc.constantFrom('standard' as const, 'pi' as const),
        maintenanceRule: fc.constantFrom('exact' as const, 'at-least' as const),
      },
      { requiredKeys: ['capacityAfter', 'edition', 'maintenanceRule'] },
    ),
  }),
  fc.record({
    type: fc.constant('ISSUE_OFFLINE_FILE' as const),
    installCode,
    issuer: fc.constantFrom('customer-portal' as const, 'customer-success' as const),
    at,
  }),
  fc.record({ type: fc.constant('RETURN' as const), at }),
);

test('the license table starts and moves exactly as the license machine does, for random licenses and events', () => {
  fc.assert(
    fc.property(licenseInput, fc.array(licenseEvent, { maxLength: 8 }), (input, events) => {
      const [first] = initialTransition(licenseMachine, input);
      let fromTable = licenses.initial(input);
      expect(fromTable).toEqual({ state: first.value, context: first.context });
      for (const event of events) {
        const snapshot = licenseMachine.resolveState({ value: fromTable.state, context: fromTable.context });
        const next = licenses.apply(fromTable.state, fromTable.context, event);
        if (!snapshot.can(event)) {
          expect(next, `${fromTable.state} ${event.type}`).toBeUndefined();
          continue;
        }
        const [expected] = transition(licenseMachine, snapshot, event);
        expect(next, `${fromTable.state} ${event.type}`).toEqual({ state: expected.value, context: expected.context });
        fromTable = next!;
      }
    }),
    RUNS,
  );
});

const held: fc.Arbitrary<HeldLicense> = fc
  .record({ product: fc.constantFrom(...PRODUCTS), n: fc.nat(999), at, mode: fc.constantFrom('online' as const, 'offline' as const) })
  .map(({ product, n, at: activatedAt, mode }) => ({
    licenseId: `lic-${n}`,
    kind: product.kind,
    capacity: product.capacity,
    ...(product.termYears ? { termYears: product.termYears, termEnd: '2028-01-01' } : {}),
    activatedAt,
    mode,
  }));

const smartServer: fc.Arbitrary<SmartServerLicensing> = fc.record({
  installCode,
  edition: fc.constantFrom('standard' as const, 'pi' as const),
  online: fc.boolean(),
  licenses: fc.array(held, { maxLength: 4 }),
  maintenanceRule: fc.constantFrom('exact' as const, 'at-least' as const),
});

const smartServerEvent: fc.Arbitrary<SmartServerEvent> = fc.oneof(
  fc.record({ type: fc.constant('ACTIVATE' as const), via: fc.constantFrom('cloud' as const, 'file' as const), licenses: fc.array(held, { maxLength: 3 }) }),
  fc.record({ type: fc.constant('RETURN_ALL' as const), at }),
  fc.record({ type: fc.constant('SET_ONLINE' as const), online: fc.boolean() }),
);

test('the SmartServer table starts and moves exactly as the SmartServer machine does, for random SmartServers and events', () => {
  fc.assert(
    fc.property(smartServer, fc.array(smartServerEvent, { maxLength: 6 }), (input, events) => {
      const [first] = initialTransition(smartServerMachine, input);
      let fromTable = smartServers.initial(input);
      let snapshot = first;
      expect(fromTable).toEqual({ state: first.value, context: first.context });
      for (const event of events) {
        const next = smartServers.apply(fromTable.state, fromTable.context, event);
        if (!snapshot.can(event)) {
          expect(next, `${fromTable.state} ${event.type}`).toBeUndefined();
          continue;
        }
        [snapshot] = transition(smartServerMachine, snapshot, event);
        expect(next, `${fromTable.state} ${event.type}`).toEqual({ state: snapshot.value, context: snapshot.context });
        fromTable = next!;
      }
    }),
    RUNS,
  );
});

test('a machine the table cannot follow is refused when the table is made, not misread later', () => {
  const nested = createMachine({ id: 'nested', initial: 'a', states: { a: { initial: 'x', states: { x: {} } } } });
  expect(() => machineTable(nested)).toThrow('state "a" has states of its own');
  const unknownTarget = createMachine({ id: 'jump', initial: 'a', states: { a: { on: { GO: { target: '#jump.a' } } } } });
  expect(() => machineTable(unknownTarget)).toThrow('target "#jump.a" is not a top-level state');
  const notAssign = setup({ actions: { shout: () => undefined } }).createMachine({
    id: 'loud',
    initial: 'a',
    states: { a: { on: { GO: { actions: 'shout' } } } },
  });
  expect(() => machineTable(notAssign)).toThrow('action "shout" is not an assign action');
});
