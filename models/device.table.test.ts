import fc from 'fast-check';
import { expect, test } from 'vitest';
import { transition } from 'xstate';
import { DEVICE_EVENTS, DEVICE_STATES, deviceMachine, type DeviceEvent, type DeviceState } from './device.machine';
import { deriveDeviceTable, deviceStateFromValue, deviceStateName, deviceStateToValue, nextDeviceState, NOT_HANDLED, stateIndex } from './device.table';

function snapshotOf(state: DeviceState) {
  return deviceMachine.resolveState({ value: deviceStateToValue(state), context: {} });
}

test('for every state and event the table agrees with the device machine', () => {
  let checked = 0;
  for (const state of DEVICE_STATES) {
    const snapshot = snapshotOf(state);
    for (const type of DEVICE_EVENTS) {
      const event = { type } as DeviceEvent;
      const fromTable = nextDeviceState(stateIndex(state), type);
      if (snapshot.can(event)) {
        const [next] = transition(deviceMachine, snapshot, event);
        expect(fromTable, `${state} --${type}-->`).not.toBe(NOT_HANDLED);
        expect(deviceStateName(fromTable), `${state} --${type}-->`).toBe(deviceStateFromValue(next.value));
      } else {
        expect(fromTable, `${state} --${type}--> should be unhandled`).toBe(NOT_HANDLED);
      }
      checked += 1;
    }
  }
  expect(checked).toBe(DEVICE_STATES.length * DEVICE_EVENTS.length);
});

test('the table marks an event not handled exactly when the machine cannot take it', () => {
  for (const state of DEVICE_STATES) {
    const snapshot = snapshotOf(state);
    for (const type of DEVICE_EVENTS) {
      expect(nextDeviceState(stateIndex(state), type) === NOT_HANDLED, `${state} ${type}`).toBe(!snapshot.can({ type } as DeviceEvent));
    }
  }
});

test('the table holds exactly the documented device transitions', () => {
  const handled: Record<string, DeviceState> = {};
  for (const state of DEVICE_STATES) {
    for (const type of DEVICE_EVENTS) {
      const next = nextDeviceState(stateIndex(state), type);
      if (next !== NOT_HANDLED) handled[`${state} ${type}`] = deviceStateName(next);
    }
  }
  const provisioned = ['normal', 'marginal', 'suspect', 'down'] as const;
  const expected: Record<string, DeviceState> = {
    'unlicensed LICENSE': 'unprovisioned',
    'unprovisioned UNLICENSE': 'unlicensed',
    'unprovisioned PROVISION': 'provisioning',
    'provisioning UNLICENSE': 'unlicensed',
    'provisioning PROVISION': 'provisioning',
    'provisioning PROVISIONING_SUCCEEDED': 'provisioned.normal',
    'provisioning PROVISIONING_FAILED': 'provisioning',
    'provisioning DEPROVISION': 'unprovisioned',
  };
  for (const h of provisioned) {
    expected[`provisioned.${h} UNLICENSE`] = 'unlicensed';
    expected[`provisioned.${h} DEPROVISION`] = 'unprovisioned';
    expected[`provisioned.${h} HEALTH_NORMAL`] = 'provisioned.normal';
    expected[`provisioned.${h} HEALTH_MARGINAL`] = 'provisioned.marginal';
    expected[`provisioned.${h} HEALTH_SUSPECT`] = 'provisioned.suspect';
    expected[`provisioned.${h} HEALTH_DOWN`] = 'provisioned.down';
  }
  expect(handled).toEqual(expected);
});

test('provisioning an unlicensed device is not handled by the table', () => {
  expect(nextDeviceState(stateIndex('unlicensed'), 'PROVISION')).toBe(NOT_HANDLED);
});

test('state indexes and names convert both ways', () => {
  DEVICE_STATES.forEach((state, i) => {
    expect(stateIndex(state)).toBe(i);
    expect(deviceStateName(i)).toBe(state);
  });
});

test('state names and xstate state values convert both ways', () => {
  expect(deviceStateToValue('unlicensed')).toBe('unlicensed');
  expect(deviceStateToValue('provisioned.suspect')).toEqual({ provisioned: 'suspect' });
  for (const state of DEVICE_STATES) expect(deviceStateFromValue(deviceStateToValue(state))).toBe(state);
});

test('deriving the table again gives the same table', () => {
  const table = deriveDeviceTable();
  expect(table).toHaveLength(DEVICE_STATES.length * DEVICE_EVENTS.length);
  for (const state of DEVICE_STATES) {
    DEVICE_EVENTS.forEach((type, e) => {
      expect(table[stateIndex(state) * DEVICE_EVENTS.length + e]).toBe(nextDeviceState(stateIndex(state), type));
    });
  }
});

test('following the table through any event sequence ends where the machine ends', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...DEVICE_EVENTS), { maxLength: 30 }), (types) => {
      let index = stateIndex('unlicensed');
      let snapshot = snapshotOf('unlicensed');
      for (const type of types) {
        const next = nextDeviceState(index, type);
        if (next !== NOT_HANDLED) index = next;
        [snapshot] = transition(deviceMachine, snapshot, { type } as DeviceEvent);
        expect(deviceStateName(index)).toBe(deviceStateFromValue(snapshot.value));
      }
    }),
    { numRuns: 200 },
  );
});
