import type { CmsSession, DeviceSummary, LicenseSummary, ManagedLicense, PartnerSession, SmartServerSurfaces } from '../drivers/surfaces';

/**
 * What a target shows of a machine's state, compared with what the machine says. The step
 * definitions of the generated paths and the path runner share these checks, so a printed path
 * checks exactly what the run checked. Each returns the differences, empty when the target agrees.
 */
export type LicenseStatus = 'inInventory' | 'withCustomer' | 'offlineFileIssued' | 'active' | 'retired';

export interface ExpectedLicense {
  status: LicenseStatus;
  /** The SmartServer (by name) it is bound to: by an offline file, or active on it. */
  server?: string;
  mode?: 'online' | 'offline';
}

export interface ObservedServer {
  name: string;
  installCode: string;
  owner: CmsSession;
}

/** The license as the partner portal's search lists it, and which SmartServers' Manage Licenses hold it. */
export async function licenseDifferences(
  surfaces: Pick<SmartServerSurfaces, 'partnerPortal' | 'cms'>,
  partner: PartnerSession,
  licenseId: string,
  expected: ExpectedLicense,
  servers: readonly ObservedServer[],
): Promise<string[]> {
  const differences: string[] = [];
  const row = (await surfaces.partnerPortal.search(partner, {})).find((l) => l.licenseId === licenseId) as
    | (LicenseSummary & { installCode?: string })
    | undefined;
  if (!row) return [`the partner portal does not list license ${licenseId}`];
  if (row.status !== expected.status) differences.push(`the partner portal shows license ${licenseId} as ${row.status}, not ${expected.status}`);
  const boundTo = servers.find((s) => s.installCode === row.installCode)?.name ?? row.installCode;
  if (boundTo !== expected.server) {
    differences.push(`the partner portal shows license ${licenseId} bound to ${boundTo ?? 'no SmartServer'}, not ${expected.server ?? 'none'}`);
  }
  for (const server of servers) {
    const held = (await surfaces.cms.manageLicenses(server.owner)).find((l) => l.licenseId === licenseId) as (ManagedLicense & { mode?: string }) | undefined;
    const shouldHold = expected.status === 'active' && expected.server === server.name;
    if (Boolean(held) !== shouldHold) differences.push(`Manage Licenses of "${server.name}" ${held ? 'lists' : 'does not list'} license ${licenseId}`);
    if (held && shouldHold && expected.mode && held.mode !== expected.mode) {
      differences.push(`Manage Licenses of "${server.name}" holds license ${licenseId} activated ${held.mode}, not ${expected.mode}`);
    }
  }
  return differences;
}

/** The device's colour, and the first word of its state, as the device-state step checks them. */
export function deviceDifferences(device: DeviceSummary | undefined, expected: { state: string; colour: string }): string[] {
  if (!device) return ['the SmartServer has no device'];
  const differences: string[] = [];
  if (device.colour !== expected.colour) differences.push(`${device.name} is ${device.state} (${device.colour}), not ${expected.state} (${expected.colour})`);
  else if (!device.state.startsWith(expected.state)) differences.push(`${device.name} is ${device.state}, not ${expected.state}`);
  return differences;
}
