import { addYears, daysBetween, type IsoDate } from './dates';

/** Days before the end of maintenance from which the dashboard warns. */
export const EXPIRY_WARNING_DAYS = 60;

export interface MaintenanceGrant {
  termYears: number;
  /** End of the license's own term, counted from its first transfer to a customer. */
  termEnd: IsoDate;
  activatedAt: string;
}

/**
 * When a SmartServer's maintenance ends. The first maintenance license runs to the end of its own
 * term; every later one, activated before that end, extends it by its term.
 */
export function maintenanceEnd(grants: readonly MaintenanceGrant[]): IsoDate | undefined {
  const ordered = [...grants].sort((a, b) => a.activatedAt.localeCompare(b.activatedAt));
  let end: IsoDate | undefined;
  for (const grant of ordered) end = end === undefined ? grant.termEnd : addYears(end, grant.termYears);
  return end;
}

/** Maintenance covers its end date itself and lapses the day after. */
export function maintenanceActive(end: IsoDate | undefined, today: IsoDate): boolean {
  return end !== undefined && today <= end;
}

/** The dashboard indicator: "Active", "Expires <date>" within 60 days of the end, or "Inactive". */
export function dashboardMaintenanceStatus(end: IsoDate | undefined, today: IsoDate): string {
  if (!maintenanceActive(end, today)) return 'Inactive';
  return daysBetween(today, end!) > EXPIRY_WARNING_DAYS ? 'Active' : `Expires ${end}`;
}

/** The Manage Licenses Status column: "Active", "Expiring <date>" or "Expired <date>". */
export function dialogMaintenanceStatus(end: IsoDate, today: IsoDate): string {
  if (!maintenanceActive(end, today)) return `Expired ${end}`;
  return daysBetween(today, end) > EXPIRY_WARNING_DAYS ? 'Active' : `Expiring ${end}`;
}
