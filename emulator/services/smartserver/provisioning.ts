import { deviceStateName, nextDeviceState, NOT_HANDLED, stateIndex } from '../../../models/device.table';
import { recordTransition } from '../../kernel/coverage';
import type { CoreContext } from '../../kernel/context';
import { getDevice, setDeviceState, type Device } from './devices';
import { badInput, conflict } from '../../kernel/problems';
import { getSmartServer } from './records';
import { metaStore } from '../../kernel/store';
import { optionalBoolean, requireObject } from '../../kernel/validate';

/**
 * Provisioning as a real device answers it: the CMS asks, the spinner turns, and the device reports
 * success or failure some time later. By default the emulated devices answer at once; the test
 * control plane can make a SmartServer's devices wait until a report is sent, so the spinner state
 * and a failed provisioning can be observed. The setting lives in the meta table, so a reset clears it.
 */
const settingKey = (installCode: string) => `provisioning-waits:${installCode}`;

export function provisioningWaitsForReport(ctx: CoreContext, installCode: string): boolean {
  return metaStore(ctx.db).read(settingKey(installCode)) === 'yes';
}

/** Reads `{waitForReport}`; false (the default) lets provisioning finish at once. */
export function setProvisioningWaits(ctx: CoreContext, installCode: string, body: unknown): { installCode: string; waitForReport: boolean } {
  const waitForReport = optionalBoolean(requireObject(body, 'body').waitForReport, 'waitForReport') ?? false;
  getSmartServer(ctx, installCode);
  metaStore(ctx.db).write(settingKey(installCode), waitForReport ? 'yes' : 'no');
  return { installCode, waitForReport };
}

export type ProvisioningOutcome = 'succeeded' | 'failed';
export const PROVISIONING_OUTCOMES: readonly ProvisioningOutcome[] = ['succeeded', 'failed'];

export function readProvisioningOutcome(value: unknown): ProvisioningOutcome {
  if (!PROVISIONING_OUTCOMES.includes(value as ProvisioningOutcome)) throw badInput('outcome', `must be one of ${PROVISIONING_OUTCOMES.join(', ')}`);
  return value as ProvisioningOutcome;
}

/** A device answers a provisioning request; the device machine takes the answer only while provisioning. */
export function reportProvisioning(ctx: CoreContext, installCode: string, id: number, outcome: ProvisioningOutcome): Device {
  const device = getDevice(ctx, installCode, id);
  const from = stateIndex(device.state);
  const event = outcome === 'succeeded' ? 'PROVISIONING_SUCCEEDED' : 'PROVISIONING_FAILED';
  const next = nextDeviceState(from, event);
  if (next === NOT_HANDLED) {
    throw conflict(
      'device-state',
      `Device ${device.name} is ${device.state}; it reports the outcome of provisioning only while provisioning. Provision it first.`,
    );
  }
  recordTransition(ctx.db, 'device', deviceStateName(from), deviceStateName(next), event);
  setDeviceState(ctx, installCode, next, id);
  return getDevice(ctx, installCode, id);
}
