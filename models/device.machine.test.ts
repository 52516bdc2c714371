import { expect, test } from 'vitest';
import { createActor, initialTransition, transition } from 'xstate';
import {
  DEVICE_EVENTS,
  DEVICE_OPERATIONS,
  DEVICE_STATES,
  deviceColour,
  deviceMachine,
  operationAllowed,
  type DeviceEvent,
  type DeviceOperation,
  type DeviceState,
} from './device.machine';
import { deviceStateFromValue, deviceStateToValue } from './device.table';

const LICENSED_STATES = DEVICE_STATES.filter((s) => s !== 'unlicensed');

function at(state: DeviceState) {
  return deviceMachine.resolveState({ value: deviceStateToValue(state), context: {} });
}

function send(state: DeviceState, type: DeviceEvent['type']): DeviceState {
  const [next] = transition(deviceMachine, at(state), { type } as DeviceEvent);
  return deviceStateFromValue(next.value);
}

function run(types: DeviceEvent['type'][]): DeviceState {
  const actor = createActor(deviceMachine).start();
  for (const type of types) actor.send({ type } as DeviceEvent);
  const state = deviceStateFromValue(actor.getSnapshot().value);
  actor.stop();
  return state;
}

test('a new device starts unlicensed and shows purple', () => {
  const [snapshot] = initialTransition(deviceMachine);
  const state = deviceStateFromValue(snapshot.value);
  expect(state).toBe('unlicensed');
  expect(deviceColour(state)).toBe('purple');
});

test('a device goes from unlicensed through licensing and provisioning to provisioned and normal', () => {
  expect(send('unlicensed', 'LICENSE')).toBe('unprovisioned');
  expect(send('unprovisioned', 'PROVISION')).toBe('provisioning');
  expect(send('provisioning', 'PROVISIONING_SUCCEEDED')).toBe('provisioned.normal');
  expect(run(['LICENSE', 'PROVISION', 'PROVISIONING_SUCCEEDED'])).toBe('provisioned.normal');
});

test('the happy path shows purple, blue, blue with a spinner, then green', () => {
  const path: DeviceState[] = ['unlicensed'];
  for (const type of ['LICENSE', 'PROVISION', 'PROVISIONING_SUCCEEDED'] as const) path.push(send(path[path.length - 1], type));
  expect(path.map(deviceColour)).toEqual(['purple', 'blue', 'blue-spinner', 'green']);
});

test('losing the license takes a device from any licensed state back to unlicensed', () => {
  for (const state of LICENSED_STATES) {
    expect(at(state).can({ type: 'UNLICENSE' })).toBe(true);
    expect(send(state, 'UNLICENSE')).toBe('unlicensed');
  }
});

test('an unlicensed device cannot be provisioned', () => {
  const snapshot = at('unlicensed');
  expect(snapshot.can({ type: 'PROVISION' })).toBe(false);
  expect(send('unlicensed', 'PROVISION')).toBe('unlicensed');
  expect(run(['PROVISION', 'PROVISIONING_SUCCEEDED'])).toBe('unlicensed');
});

test('an unlicensed device reacts to nothing but a license', () => {
  const snapshot = at('unlicensed');
  for (const type of DEVICE_EVENTS) expect(snapshot.can({ type } as DeviceEvent)).toBe(type === 'LICENSE');
});

test('a device that gets its license back must be provisioned again', () => {
  expect(run(['LICENSE', 'PROVISION', 'PROVISIONING_SUCCEEDED', 'UNLICENSE', 'LICENSE'])).toBe('unprovisioned');
});

test('licensing an already licensed device is not handled', () => {
  for (const state of LICENSED_STATES) expect(at(state).can({ type: 'LICENSE' })).toBe(false);
});

test('a failed provisioning keeps the device provisioning so the user can retry', () => {
  expect(at('provisioning').can({ type: 'PROVISIONING_FAILED' })).toBe(true);
  expect(send('provisioning', 'PROVISIONING_FAILED')).toBe('provisioning');
  expect(send('provisioning', 'PROVISION')).toBe('provisioning');
});

test('deprovisioning returns a provisioning or provisioned device to unprovisioned', () => {
  expect(send('provisioning', 'DEPROVISION')).toBe('unprovisioned');
  for (const state of ['provisioned.normal', 'provisioned.marginal', 'provisioned.suspect', 'provisioned.down'] as const) {
    expect(send(state, 'DEPROVISION')).toBe('unprovisioned');
  }
  expect(at('unprovisioned').can({ type: 'DEPROVISION' })).toBe(false);
});

test('provisioning success is only meaningful while provisioning', () => {
  expect(at('unprovisioned').can({ type: 'PROVISIONING_SUCCEEDED' })).toBe(false);
  expect(at('provisioned.normal').can({ type: 'PROVISIONING_SUCCEEDED' })).toBe(false);
});

test('health reports move a provisioned device between its health states', () => {
  expect(send('provisioned.normal', 'HEALTH_MARGINAL')).toBe('provisioned.marginal');
  expect(send('provisioned.marginal', 'HEALTH_SUSPECT')).toBe('provisioned.suspect');
  expect(send('provisioned.suspect', 'HEALTH_DOWN')).toBe('provisioned.down');
  expect(send('provisioned.down', 'HEALTH_NORMAL')).toBe('provisioned.normal');
});

test('health reports are ignored by devices that are not provisioned', () => {
  for (const state of ['unlicensed', 'unprovisioned', 'provisioning'] as const) {
    for (const type of ['HEALTH_NORMAL', 'HEALTH_MARGINAL', 'HEALTH_SUSPECT', 'HEALTH_DOWN'] as const) {
      expect(at(state).can({ type })).toBe(false);
    }
  }
});

test('each device state has the CMS colour for its licence, provision state and health', () => {
  const colours = Object.fromEntries(DEVICE_STATES.map((s) => [s, deviceColour(s)]));
  expect(colours).toEqual({
    unlicensed: 'purple',
    unprovisioned: 'blue',
    provisioning: 'blue-spinner',
    'provisioned.normal': 'green',
    'provisioned.marginal': 'green-red-ring',
    'provisioned.suspect': 'yellow',
    'provisioned.down': 'red',
  });
});

test('the list of device states names every state of the machine', () => {
  const fromMachine: string[] = [];
  for (const [name, node] of Object.entries(deviceMachine.root.states)) {
    const children = Object.keys(node.states);
    if (children.length === 0) fromMachine.push(name);
    else for (const child of children) fromMachine.push(`${name}.${child}`);
  }
  expect([...DEVICE_STATES].sort()).toEqual(fromMachine.sort());
});

test('the list of device events names every event the machine handles', () => {
  expect([...DEVICE_EVENTS].sort()).toEqual([...deviceMachine.events].sort());
});

test('an unlicensed device refuses provisioning and datapoint reads and writes', () => {
  for (const op of DEVICE_OPERATIONS.needLicense) expect(operationAllowed('unlicensed', op)).toBe(false);
  expect(operationAllowed('unlicensed', 'provision')).toBe(false);
  expect(operationAllowed('unlicensed', 'read-datapoints')).toBe(false);
  expect(operationAllowed('unlicensed', 'write-datapoints')).toBe(false);
});

test('an unlicensed device still allows configuration, schedules and sequences', () => {
  const free: DeviceOperation[] = ['create-device', 'define-datapoint-properties', 'define-connections', 'configure-bacnet-server', 'schedule', 'sequence'];
  expect([...DEVICE_OPERATIONS.free].sort()).toEqual([...free].sort());
  for (const op of free) expect(operationAllowed('unlicensed', op)).toBe(true);
});

test('a licensed device allows every operation', () => {
  const all: DeviceOperation[] = [...DEVICE_OPERATIONS.needLicense, ...DEVICE_OPERATIONS.free];
  for (const state of LICENSED_STATES) for (const op of all) expect(operationAllowed(state, op)).toBe(true);
});
