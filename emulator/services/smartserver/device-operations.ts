import { toHex } from '../../kernel/encoding';
import { DEVICE_OPERATIONS, operationAllowed, type DeviceOperation } from '../../../models/device.machine';
import { DEVICE_ORIGINS, deviceCreationRefusal, devicesReachable, type DeviceOrigin } from '../../../models/editions';
import { inTransaction, type CoreContext } from '../../kernel/context';
import { addDevices, countDevices, getDevice, listDevices, operateDevice, reportHealth, type Device, type DeviceAction } from './devices';
import { DEVICE_HEALTHS, PROTOCOLS, PROVISION_STATES, type DeviceHealth, type Protocol, type ProvisionState } from '../../kernel/vocabulary';
import { badInput, conflict, problemOf } from '../../kernel/problems';
import { provisioningWaitsForReport, readProvisioningOutcome, reportProvisioning } from './provisioning';
import { getSmartServer } from './records';
import { deviceListJson } from './device-list';
import { rederiveDevices, smartServerFacts } from './licensing';
import { optionalString, requireObject, requireString } from '../../kernel/validate';

/**
 * The CMS's device operations on top of the device store: the `/iap/devs` listing and count with
 * the `sts` filter, adding devices under the edition rules, and device actions with the licensing
 * rules and the health reports devices send.
 */

/** Reads `sts`: one or more of PROVISIONED, UNPROVISIONED, PROVISIONING, UNPROVISIONING, comma-separated. */
export function readProvisionFilter(value: unknown): ProvisionState[] | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw badInput('sts', 'must be given once, as a comma-separated list');
  const known = PROVISION_STATES.map((s) => s.toUpperCase());
  return value.split(',').map((part) => {
    const upper = part.trim();
    if (!known.includes(upper)) throw badInput('sts', `unknown provision state ${JSON.stringify(upper)}; use ${known.join(', ')} (upper case)`);
    return upper.toLowerCase() as ProvisionState;
  });
}

export function deviceList(ctx: CoreContext, installCode: string, sts?: unknown): Device[] {
  const filter = readProvisionFilter(sts);
  getSmartServer(ctx, installCode);
  return listDevices(ctx, installCode, filter);
}

/** The device list as JSON text, as `/iap/devs` answers it. */
export function deviceListAnswer(ctx: CoreContext, installCode: string, sts?: unknown): string {
  return deviceListJson(ctx, installCode, readProvisionFilter(sts));
}

export function deviceCount(ctx: CoreContext, installCode: string, sts?: unknown): { value: number } {
  const filter = readProvisionFilter(sts);
  getSmartServer(ctx, installCode);
  return { value: countDevices(ctx, installCode, filter) };
}

const hex = (ctx: CoreContext, bytes: number) => toHex(ctx.crypto.randomBytes(bytes)).toUpperCase();

/**
 * Creates, discovers or imports one device. Creating needs no capacity license: the device starts
 * unlicensed (purple) unless the capacity has room for it. A SmartServer Pi needs its Core license
 * first, and takes LON devices only from release 4.3.
 */
export function addDevice(ctx: CoreContext, installCode: string, body: unknown): Device {
  const input = requireObject(body, 'body');
  const name = requireString(input.name, 'name', 80);
  const protocol = requireString(input.protocol, 'protocol', 10).toLowerCase() as Protocol;
  if (!PROTOCOLS.includes(protocol)) throw badInput('protocol', `must be one of ${PROTOCOLS.join(', ')}`);
  const origin = (optionalString(input.origin, 'origin', 10) ?? 'create') as DeviceOrigin;
  if (!DEVICE_ORIGINS.includes(origin)) throw badInput('origin', `must be one of ${DEVICE_ORIGINS.join(', ')}`);
  return inTransaction(ctx, () => {
    const server = getSmartServer(ctx, installCode);
    const refusal = deviceCreationRefusal(smartServerFacts(ctx, server), protocol, origin);
    if (refusal) throw problemOf(refusal);
    if (listDevices(ctx, installCode).some((d) => d.name === name)) {
      throw conflict('device-name-taken', `SmartServer ${installCode} has a device named ${name} already; choose another name.`);
    }
    addDevices(ctx, installCode, [{ name, protocol, uid: hex(ctx, 6) }]);
    rederiveDevices(ctx, installCode);
    const devices = listDevices(ctx, installCode);
    return devices[devices.length - 1];
  });
}

/** Actions on an existing device: the device operations except creation, deprovisioning, and health reports. */
export const DEVICE_ACTIONS: readonly (DeviceAction | 'report-health' | 'report-provisioning')[] = [
  ...DEVICE_OPERATIONS.needLicense,
  ...DEVICE_OPERATIONS.free.filter((op) => op !== 'create-device'),
  'deprovision',
  'report-health',
  'report-provisioning',
];

function readDeviceId(value: unknown): number {
  const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 1) throw badInput('id', 'must be a device number from the device list');
  return id;
}

/**
 * Runs `{action}` on one device (with `{health}` for report-health, `{outcome}` for
 * report-provisioning). Operations that talk to the device are refused for an unlicensed one; when the SmartServer holds no capacity at all the
 * refusal says the devices are unreachable and the scheduler and data logging stopped (CMS-15).
 */
export function runDeviceAction(ctx: CoreContext, installCode: string, deviceId: unknown, body: unknown): Device {
  const id = readDeviceId(deviceId);
  const input = requireObject(body, 'body');
  const action = input.action as (typeof DEVICE_ACTIONS)[number];
  if (!DEVICE_ACTIONS.includes(action)) {
    throw badInput('action', `must be one of ${DEVICE_ACTIONS.join(', ')}; devices are created by adding them to the device list`);
  }
  return inTransaction(ctx, () => {
    const server = getSmartServer(ctx, installCode);
    if (action === 'report-health') {
      const health = input.health as DeviceHealth;
      if (!DEVICE_HEALTHS.includes(health)) throw badInput('health', `must be one of ${DEVICE_HEALTHS.join(', ')}`);
      return reportHealth(ctx, installCode, id, health);
    }
    if (action === 'report-provisioning') return reportProvisioning(ctx, installCode, id, readProvisioningOutcome(input.outcome));
    const device = getDevice(ctx, installCode, id);
    if (action !== 'deprovision' && !operationAllowed(device.state, action as DeviceOperation) && !devicesReachable(smartServerFacts(ctx, server))) {
      throw conflict(
        'device-unlicensed',
        `Device ${device.name} is unlicensed (purple): SmartServer ${installCode} holds no device capacity license, so its devices are unreachable and its scheduler and data logging are stopped. Activate a capacity license to ${action} it again.`,
      );
    }
    const waits = action === 'provision' && provisioningWaitsForReport(ctx, installCode);
    return waits ? operateDevice(ctx, installCode, id, 'provision', ['PROVISION']) : operateDevice(ctx, installCode, id, action as DeviceAction);
  });
}
