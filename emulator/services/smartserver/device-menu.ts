import { operationAllowed, type DeviceOperation } from '../../../models/device.machine';
import { nextDeviceState, NOT_HANDLED, stateIndex } from '../../../models/device.table';
import type { CoreContext } from '../../kernel/context';
import { DEVICE_ACTIONS, deviceList } from './device-operations';
import { OPERATION_EVENTS, type Device, type DeviceAction } from './devices';

/**
 * The action menu of each device in the CMS Devices widget, worked out from the device machine
 * without running anything: an action the device's state does not take is not offered, and one
 * that needs a license the device lacks is offered but disabled, with the API's own refusal.
 */
export interface DeviceMenuEntry {
  action: DeviceAction;
  /** The device's state takes this action at all; the menu hides the others. */
  offered: boolean;
  allowed: boolean;
  refusal?: { code: string; detail: string };
}

/** What a user can do to a device; the reports a device sends about itself (report-…) are no menu entries. */
export const MENU_ACTIONS = DEVICE_ACTIONS.filter((a): a is DeviceAction => !a.startsWith('report-'));

/** What operateDevice would answer for `action` on `device`, in the same order of checks. */
export function menuEntry(device: Device, action: DeviceAction): DeviceMenuEntry {
  if (action !== 'deprovision' && !operationAllowed(device.state, action as DeviceOperation)) {
    return {
      action,
      offered: true,
      allowed: false,
      refusal: {
        code: 'device-unlicensed',
        detail: `Device ${device.name} is unlicensed (purple); ${action} needs a device capacity license with room for it.`,
      },
    };
  }
  let state = stateIndex(device.state);
  for (const event of OPERATION_EVENTS[action] ?? []) {
    state = nextDeviceState(state, event);
    if (state === NOT_HANDLED) {
      return {
        action,
        offered: false,
        allowed: false,
        refusal: { code: 'device-state', detail: `Device ${device.name} is ${device.state}; it cannot ${action} now.` },
      };
    }
  }
  return { action, offered: true, allowed: true };
}

/** The devices (optionally only those in the `sts` provision states, as /iap/devs reads it) with their menus. */
export function deviceMenu(ctx: CoreContext, installCode: string, sts?: unknown): (Device & { actions: DeviceMenuEntry[] })[] {
  return deviceList(ctx, installCode, sts).map((device) => ({ ...device, actions: MENU_ACTIONS.map((action) => menuEntry(device, action)) }));
}
