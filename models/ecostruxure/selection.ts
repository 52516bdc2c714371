import type { ServerLicenseRecord } from './seats';

/**
 * Which licenses an online activation takes: every assigned license on the chosen servers, or on
 * every server when none is chosen. Licenses already active or in an offline exchange are not
 * waiting, so they are left out rather than activated twice.
 */
export function waitingForActivation(licenses: readonly ServerLicenseRecord[], serverIds?: readonly string[]): ServerLicenseRecord[] {
  return licenses.filter((l) => l.state === 'assigned' && (serverIds === undefined || serverIds.includes(l.context.serverId ?? '')));
}

/** The licenses a return of the whole server takes: all that are active on it. */
export function activeOnServer(licenses: readonly ServerLicenseRecord[], serverId: string): ServerLicenseRecord[] {
  return licenses.filter((l) => l.state === 'active' && l.context.serverId === serverId);
}
