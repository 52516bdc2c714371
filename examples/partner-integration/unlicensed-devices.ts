import { type CmsCredentials, SmartServerSession } from './smartserver-rest';

export interface UnlicensedDevice {
  id: number;
  name: string;
  protocol: string;
  uid: string;
}

/** Which devices of one SmartServer its licensed capacity leaves out. */
export interface UnlicensedDevicesReport {
  installCode: string;
  name: string;
  capacity: number;
  usedCapacity: number;
  definedDevices: number;
  /** The devices shown purple: defined, but beyond the capacity, so they cannot be provisioned. */
  unlicensed: UnlicensedDevice[];
}

/** Logs in to the SmartServer at `address` and lists the devices its licenses do not cover. */
export async function reportUnlicensedDevices(address: string, credentials: CmsCredentials): Promise<UnlicensedDevicesReport> {
  const session = await SmartServerSession.logIn(address, credentials);
  const [status, devices] = await Promise.all([session.licensingStatus(), session.devices()]);
  return {
    installCode: status.installCode,
    name: status.name,
    capacity: status.capacity,
    usedCapacity: status.usedCapacity,
    definedDevices: status.definedDevices,
    unlicensed: devices.filter((device) => !device.lic.licensed).map(({ id, name, protocol, uid }) => ({ id, name, protocol, uid })),
  };
}

/** The report as lines of text, for a console or a log. */
export function describeReport(report: UnlicensedDevicesReport): string {
  const head = `${report.name} (${report.installCode}): capacity ${report.capacity}, used ${report.usedCapacity}, ${report.definedDevices} devices defined`;
  if (report.unlicensed.length === 0) return `${head}; every device is licensed.`;
  const lines = report.unlicensed.map((device) => `  ${device.name} (${device.protocol}, ${device.uid})`);
  return [`${head}; ${report.unlicensed.length} unlicensed (purple):`, ...lines].join('\n');
}
