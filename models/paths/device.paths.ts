import { DEVICE_EVENTS, deviceMachine, type DeviceEvent } from '../device.machine';
import type { PathSpec } from './generate';

/** The device machine's events carry no payload: every event is tried in every state. */
export const devicePathSpec: PathSpec<DeviceEvent, undefined> = {
  machine: 'device',
  logic: deviceMachine,
  starts: [{ name: 'a device on a SmartServer without capacity', input: undefined }],
  events: () => DEVICE_EVENTS.map((type) => ({ type }) as DeviceEvent),
  maxLength: 12,
};
