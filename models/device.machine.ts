import { setup } from 'xstate';

/**
 * One LON, BACnet or Modbus device as the CMS sees it: licensed or not, provisioned or not, and
 * (once provisioned) its health. Losing the license takes the device out of service, so a device
 * that gets a license back starts unprovisioned and must be provisioned again.
 */
export type DeviceEvent =
  | { type: 'LICENSE' }
  | { type: 'UNLICENSE' }
  | { type: 'PROVISION' }
  | { type: 'PROVISIONING_SUCCEEDED' }
  | { type: 'PROVISIONING_FAILED' }
  | { type: 'DEPROVISION' }
  | { type: 'HEALTH_NORMAL' }
  | { type: 'HEALTH_MARGINAL' }
  | { type: 'HEALTH_SUSPECT' }
  | { type: 'HEALTH_DOWN' };

export const DEVICE_EVENTS: readonly DeviceEvent['type'][] = [
  'LICENSE',
  'UNLICENSE',
  'PROVISION',
  'PROVISIONING_SUCCEEDED',
  'PROVISIONING_FAILED',
  'DEPROVISION',
  'HEALTH_NORMAL',
  'HEALTH_MARGINAL',
  'HEALTH_SUSPECT',
  'HEALTH_DOWN',
];

const health = {
  HEALTH_NORMAL: '.normal',
  HEALTH_MARGINAL: '.marginal',
  HEALTH_SUSPECT: '.suspect',
  HEALTH_DOWN: '.down',
} as const;

export const deviceMachine = setup({
  types: { events: {} as DeviceEvent },
}).createMachine({
  id: 'device',
  initial: 'unlicensed',
  states: {
    unlicensed: {
      on: { LICENSE: 'unprovisioned' },
    },
    unprovisioned: {
      on: { UNLICENSE: 'unlicensed', PROVISION: 'provisioning' },
    },
    provisioning: {
      on: {
        UNLICENSE: 'unlicensed',
        PROVISIONING_SUCCEEDED: 'provisioned',
        // A failed provisioning keeps the spinner; the user provisions again.
        PROVISIONING_FAILED: 'provisioning',
        PROVISION: 'provisioning',
        DEPROVISION: 'unprovisioned',
      },
    },
    provisioned: {
      initial: 'normal',
      on: { UNLICENSE: 'unlicensed', DEPROVISION: 'unprovisioned', ...health },
      states: { normal: {}, marginal: {}, suspect: {}, down: {} },
    },
  },
});

/** Every state a device can be in, as a dotted path ("provisioned.suspect"). */
export const DEVICE_STATES = [
  'unlicensed',
  'unprovisioned',
  'provisioning',
  'provisioned.normal',
  'provisioned.marginal',
  'provisioned.suspect',
  'provisioned.down',
] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

export type DeviceColour = 'purple' | 'blue' | 'blue-spinner' | 'green' | 'green-red-ring' | 'yellow' | 'red';

/** The icon colour the CMS Devices widget shows for a state. */
export function deviceColour(state: DeviceState): DeviceColour {
  switch (state) {
    case 'unlicensed':
      return 'purple';
    case 'unprovisioned':
      return 'blue';
    case 'provisioning':
      return 'blue-spinner';
    case 'provisioned.normal':
      return 'green';
    case 'provisioned.marginal':
      return 'green-red-ring';
    case 'provisioned.suspect':
      return 'yellow';
    case 'provisioned.down':
      return 'red';
  }
}

/** Operations that talk to the physical device need a license; configuration does not. */
export const DEVICE_OPERATIONS = {
  needLicense: ['provision', 'read-datapoints', 'write-datapoints'],
  free: ['create-device', 'define-datapoint-properties', 'define-connections', 'configure-bacnet-server', 'schedule', 'sequence'],
} as const;
export type DeviceOperation = (typeof DEVICE_OPERATIONS)['needLicense'][number] | (typeof DEVICE_OPERATIONS)['free'][number];

export function operationAllowed(state: DeviceState, op: DeviceOperation): boolean {
  return state !== 'unlicensed' || (DEVICE_OPERATIONS.free as readonly string[]).includes(op);
}
