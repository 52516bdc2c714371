/**
 * SmartServer software versions ("3.3", "4.0", "3.3 Update 1") and what changing between them
 * needs. Licensing starts with 3.3; feature releases (major or minor) need active maintenance,
 * "Update" releases never do.
 */
export interface Version {
  major: number;
  minor: number;
  update: number;
}

const VERSION = /^(\d+)\.(\d+)(?:\s+Update\s+(\d+))?$/i;

export function parseVersion(text: string): Version | undefined {
  const m = VERSION.exec(text.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]), update: Number(m[3] ?? 0) } : undefined;
}

export function formatVersion(v: Version): string {
  return `${v.major}.${v.minor}${v.update ? ` Update ${v.update}` : ''}`;
}

export function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.update - b.update;
}

/** License management applies from 3.3 on. */
export function needsLicensing(v: Version): boolean {
  return compareVersions(v, { major: 3, minor: 3, update: 0 }) >= 0;
}

/** SmartServer Pi exists from 4.2 on. */
export function supportsPi(v: Version): boolean {
  return compareVersions(v, { major: 4, minor: 2, update: 0 }) >= 0;
}

export type ReleaseChange = 'upgrade' | 'update' | 'same' | 'downgrade';

export function classifyChange(from: Version, to: Version): ReleaseChange {
  const order = compareVersions(from, to);
  if (order === 0) return 'same';
  if (order > 0) return 'downgrade';
  return from.major === to.major && from.minor === to.minor ? 'update' : 'upgrade';
}

/** Installing or re-imaging `to` over `from`: only an upgrade from a licensed release needs maintenance. */
export function changeNeedsMaintenance(from: Version, to: Version): boolean {
  return classifyChange(from, to) === 'upgrade' && needsLicensing(from);
}
