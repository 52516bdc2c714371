import { afterEach, expect, test } from 'vitest';
import { DEVICE_STATES } from '../../../models/device.machine';
import { stateIndex } from '../../../models/device.table';
import { deviceMenu, MENU_ACTIONS } from './device-menu';
import { runDeviceAction } from './device-operations';
import { setDeviceState } from './devices';
import { createEmulator } from '../../runtime/emulator';
import type { Emulator } from '../../kernel/emulator';
import { Problem } from '../../kernel/problems';
import { createSmartServer } from './create';

let emulator: Emulator | undefined;
afterEach(() => emulator?.close());

/** What the device action endpoint answers for `action` on a device in `state`: done, or the refusal's code. */
function answerOf(e: Emulator, installCode: string, state: number, action: string): string {
  setDeviceState(e.ctx, installCode, state);
  try {
    runDeviceAction(e.ctx, installCode, '1', { action });
    return 'done';
  } catch (error) {
    if (error instanceof Problem) return error.code;
    throw error;
  }
}

test('for every device state and action, the menu says exactly what the device action endpoint would answer', () => {
  emulator = createEmulator({ dataFile: ':memory:' });
  const { installCode } = createSmartServer(emulator.ctx, { name: 'Menu', devices: { lon: 1 } });
  const checked: string[] = [];
  for (const state of DEVICE_STATES) {
    setDeviceState(emulator.ctx, installCode, stateIndex(state));
    const [device] = deviceMenu(emulator.ctx, installCode);
    expect(device.state).toBe(state);
    for (const entry of device.actions) {
      const answer = answerOf(emulator, installCode, stateIndex(state), entry.action);
      expect(entry.allowed ? 'done' : entry.refusal?.code, `${entry.action} on ${state}`).toBe(answer);
      // Only a missing license disables an action the state takes; anything else the menu hides.
      expect(entry.offered, `${entry.action} on ${state}`).toBe(answer !== 'device-state');
      checked.push(`${state}:${entry.action}`);
    }
  }
  expect(checked).toHaveLength(DEVICE_STATES.length * MENU_ACTIONS.length);
});

test('an unlicensed device offers provisioning disabled and configuration enabled; a provisioned one offers deprovisioning', () => {
  emulator = createEmulator({ dataFile: ':memory:' });
  const { installCode } = createSmartServer(emulator.ctx, { name: 'Menu', devices: { bacnet: 1 } });
  const menu = () =>
    Object.fromEntries(
      deviceMenu(emulator!.ctx, installCode)[0]
        .actions.filter((a) => a.offered)
        .map((a) => [a.action, a.allowed]),
    );
  expect(menu()).toMatchObject({ provision: false, 'read-datapoints': false, 'write-datapoints': false, schedule: true, 'define-connections': true });
  expect(menu()).not.toHaveProperty('deprovision');
  setDeviceState(emulator.ctx, installCode, stateIndex('provisioned.normal'));
  expect(menu()).toMatchObject({ deprovision: true, 'read-datapoints': true });
  expect(menu()).not.toHaveProperty('provision');
});

test('the menu filters by provision state as the device list does, and names a bad filter', () => {
  emulator = createEmulator({ dataFile: ':memory:' });
  const { installCode } = createSmartServer(emulator.ctx, { name: 'Menu', devices: { lon: 2 } });
  setDeviceState(emulator.ctx, installCode, stateIndex('provisioned.normal'), 1);
  expect(deviceMenu(emulator.ctx, installCode, 'PROVISIONED').map((d) => d.id)).toEqual([1]);
  expect(deviceMenu(emulator.ctx, installCode, 'UNPROVISIONED').map((d) => d.id)).toEqual([2]);
  expect(() => deviceMenu(emulator!.ctx, installCode, 'done')).toThrow(/sts/);
});
