import { transition } from 'xstate';
import { deviceMachine, DEVICE_EVENTS, DEVICE_STATES, type DeviceEvent, type DeviceState } from './device.machine';

/**
 * The device machine flattened into a table, derived once by sending every event to every state
 * through the machine itself. Bulk work (thousands of devices changing at once) reads the table
 * instead of calling the machine per device; a test keeps the two in agreement.
 */
export const NOT_HANDLED = -1;

function toStateValue(state: DeviceState): string | Record<string, string> {
  const [parent, child] = state.split('.');
  return child ? { [parent]: child } : parent;
}

function toStateName(value: unknown): DeviceState {
  if (typeof value === 'string') return value as DeviceState;
  const [[parent, child]] = Object.entries(value as Record<string, string>);
  return `${parent}.${child}` as DeviceState;
}

export function deriveDeviceTable(): Int8Array {
  const table = new Int8Array(DEVICE_STATES.length * DEVICE_EVENTS.length).fill(NOT_HANDLED);
  DEVICE_STATES.forEach((state, s) => {
    const snapshot = deviceMachine.resolveState({ value: toStateValue(state), context: {} });
    DEVICE_EVENTS.forEach((type, e) => {
      const event = { type } as DeviceEvent;
      if (!snapshot.can(event)) return;
      const [next] = transition(deviceMachine, snapshot, event);
      table[s * DEVICE_EVENTS.length + e] = DEVICE_STATES.indexOf(toStateName(next.value));
    });
  });
  return table;
}

const TABLE = deriveDeviceTable();
const EVENT_INDEX = new Map(DEVICE_EVENTS.map((type, i) => [type, i]));
const STATE_INDEX = new Map(DEVICE_STATES.map((state, i) => [state, i]));

export function stateIndex(state: DeviceState): number {
  return STATE_INDEX.get(state)!;
}

/** The state index after `event`, or NOT_HANDLED when the device machine refuses it. */
export function nextDeviceState(state: number, event: DeviceEvent['type']): number {
  return TABLE[state * DEVICE_EVENTS.length + EVENT_INDEX.get(event)!];
}

export function deviceStateName(index: number): DeviceState {
  return DEVICE_STATES[index];
}

export { toStateName as deviceStateFromValue, toStateValue as deviceStateToValue };
