import { addDays, dayOf, type IsoDate } from './dates';
import type { HeldLicense } from './smartserver';

/**
 * Email notifications about maintenance, set in Edit Notifications. The vendor page that describes
 * them could not be read, so the shape is inferred (public-facts §5): recipients, lead times in days
 * before the maintenance end, and an optional confirmation when maintenance is renewed. Capacity
 * licenses never expire, so only maintenance is covered.
 */
export interface NotificationSettings {
  emails: string[];
  /** Days before the maintenance end on which a reminder goes out, each 1..365, no repeats. */
  daysBefore: number[];
  renewalConfirmation: boolean;
}

export const NO_NOTIFICATIONS: NotificationSettings = { emails: [], daysBefore: [], renewalConfirmation: false };

export interface PlannedNotification {
  kind: 'expiry-reminder' | 'renewal-confirmation';
  sendOn: IsoDate;
  to: string[];
  maintenanceEnd: IsoDate;
  daysBefore?: number;
}

/**
 * Days on which maintenance was renewed: every maintenance activation after the first extends the
 * running maintenance rather than starting it.
 */
export function renewalDays(licenses: readonly HeldLicense[]): IsoDate[] {
  const ordered = licenses
    .filter((l) => l.kind === 'maintenance')
    .map((l) => l.activatedAt)
    .sort();
  return ordered.slice(1).map(dayOf);
}

/** Every notification the settings produce for this maintenance end, earliest first. */
export function plannedNotifications(settings: NotificationSettings, maintenanceEnd: IsoDate | undefined, renewals: readonly IsoDate[]): PlannedNotification[] {
  if (!maintenanceEnd || settings.emails.length === 0) return [];
  const to = [...settings.emails];
  const reminders: PlannedNotification[] = settings.daysBefore.map((days) => ({
    kind: 'expiry-reminder',
    sendOn: addDays(maintenanceEnd, -days),
    to,
    maintenanceEnd,
    daysBefore: days,
  }));
  const confirmations: PlannedNotification[] = settings.renewalConfirmation
    ? [...new Set(renewals)].map((day) => ({ kind: 'renewal-confirmation', sendOn: day, to, maintenanceEnd }))
    : [];
  return [...reminders, ...confirmations].sort((a, b) => a.sendOn.localeCompare(b.sendOn));
}

/** The notifications that go out on `today`. */
export function dueNotifications(
  settings: NotificationSettings,
  maintenanceEnd: IsoDate | undefined,
  renewals: readonly IsoDate[],
  today: IsoDate,
): PlannedNotification[] {
  return plannedNotifications(settings, maintenanceEnd, renewals).filter((n) => n.sendOn === today);
}
