import { compareVersions, parseVersion } from '../../../models/versions';
import type { Device } from '../smartserver';

/**
 * A device's status object as IAP/MQ publishes it on `glp/0/{SID}/fb/dev/{protocol}/{handle}/sts`:
 * state, health, the pending action, a protocol address and, from release 3.4, the `lic` object
 * whose `licensed` flag a client waits for before provisioning.
 */

const LIC_FROM = parseVersion('3.4')!;

/** The handle a device goes by in IAP/MQ topics: its name, with the characters topics reserve escaped. */
export const handleOf = (device: Pick<Device, 'name'>) => device.name.replace(/[/+#%]/g, (c) => encodeURIComponent(c));

/** The name a topic's handle stands for. */
export const nameOfHandle = (handle: string) => decodeURIComponent(handle);

function addressOf(device: Device) {
  switch (device.protocol) {
    case 'lon':
      return { domain: [{ subnet: 1 + Math.floor((device.id - 1) / 127), nodeId: 1 + ((device.id - 1) % 127) }] };
    case 'bacnet':
      return { deviceInstance: 100_000 + device.id };
    case 'modbus':
      return { unitId: 1 + ((device.id - 1) % 247) };
  }
}

/** A program ID in the LON style, the same for every device of a protocol. */
const PROGRAM_IDS: Record<Device['protocol'], string> = { lon: '9FFFFF0501840460', bacnet: '9FFFFF0B01840461', modbus: '9FFFFF0C01840462' };

export interface DeviceStatusMessage {
  name: string;
  state: string;
  health: string;
  action: null;
  addr: ReturnType<typeof addressOf>;
  cat: 'i/o';
  interfaceType: 'static';
  manufacturer: null;
  product: null;
  routing: null;
  type: string;
  lic?: { licensed: boolean };
}

export function deviceStatus(version: string, device: Device): DeviceStatusMessage {
  const status: DeviceStatusMessage = {
    name: device.name,
    state: device.status.state,
    health: device.status.health,
    action: null,
    addr: addressOf(device),
    cat: 'i/o',
    interfaceType: 'static',
    manufacturer: null,
    product: null,
    routing: null,
    type: PROGRAM_IDS[device.protocol],
  };
  const parsed = parseVersion(version);
  if (parsed && compareVersions(parsed, LIC_FROM) >= 0) status.lic = { licensed: device.licensed };
  return status;
}
