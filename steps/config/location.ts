/** Where a system of a run lives, once the run has decided. */
export type Location =
  | { kind: 'in-process' }
  /** An emulator the run spawns; without admin it stands in for a real system (seeded with the reference data). */
  | { kind: 'emulator'; admin: boolean }
  | { kind: 'url'; url: string; admin: boolean };

/** Systems at the same place share one running instance (one emulator holds every service). */
export function placeKey(location: Location): string {
  if (location.kind === 'url') return location.url;
  return location.kind === 'emulator' ? `emulator${location.admin ? '' : ':stand-in'}` : 'in-process';
}

export const hasAdmin = (location: Location) => location.kind === 'in-process' || location.admin;

export function describeLocation(location: Location): string {
  if (location.kind === 'in-process') return 'emulated in this process';
  if (location.kind === 'emulator') return location.admin ? 'an emulator process the run starts' : 'a stand-in emulator with its admin API off';
  return `${location.url}${location.admin ? ' (control plane on)' : ''}`;
}
