import { NO_NOTIFICATIONS, dueNotifications, plannedNotifications, renewalDays, type NotificationSettings } from '../../../models/notifications';
import { heldMaintenanceEnd } from '../../../models/smartserver';
import { inTransaction, type CoreContext } from '../../kernel/context';
import { badInput } from '../../kernel/problems';
import { getSmartServer } from './records';
import { heldLicenses } from './licensing';
import { optionalBoolean, requireArray, requireEmail, requireInt, requireObject } from '../../kernel/validate';

/**
 * Edit Notifications in Manage Licenses: who is told about maintenance expiry and renewal, and on
 * which days. @inferred: the vendor page on license notifications could not be read
 * (public-facts §5), so fields and defaults are this emulator's choice.
 */
export function notificationSettings(ctx: CoreContext, installCode: string): NotificationSettings {
  getSmartServer(ctx, installCode);
  const row = ctx.db.prepare<[string], { notifications: string }>('SELECT notifications FROM smartservers WHERE install_code = ?').get(installCode)!;
  return { ...NO_NOTIFICATIONS, ...(JSON.parse(row.notifications) as Partial<NotificationSettings>) };
}

export function readNotificationSettings(body: unknown): NotificationSettings {
  const input = requireObject(body, 'body');
  const emails = requireArray(input.emails, 'emails', 0, 20).map((e, i) => requireEmail(e, `emails[${i}]`));
  const repeatedEmail = emails.find((e, i) => emails.indexOf(e) !== i);
  if (repeatedEmail) throw badInput('emails', `must not name ${repeatedEmail} twice`);
  const daysBefore = requireArray(input.daysBefore, 'daysBefore', 0, 10).map((d, i) => requireInt(d, `daysBefore[${i}]`, 1, 365));
  const repeatedDay = daysBefore.find((d, i) => daysBefore.indexOf(d) !== i);
  if (repeatedDay !== undefined) throw badInput('daysBefore', `must not repeat ${repeatedDay}; each notification day is given once`);
  const renewalConfirmation = optionalBoolean(input.renewalConfirmation, 'renewalConfirmation') ?? false;
  return { emails, daysBefore: [...daysBefore].sort((a, b) => b - a), renewalConfirmation };
}

export function saveNotificationSettings(ctx: CoreContext, installCode: string, body: unknown): NotificationSettings {
  const settings = readNotificationSettings(body);
  return inTransaction(ctx, () => {
    getSmartServer(ctx, installCode);
    ctx.db.prepare('UPDATE smartservers SET notifications = ? WHERE install_code = ?').run(JSON.stringify(settings), installCode);
    return settings;
  });
}

/** Which notifications go out on the virtual clock's date, and the whole plan for the current maintenance. */
export function notificationsDue(ctx: CoreContext, installCode: string) {
  const settings = notificationSettings(ctx, installCode);
  const held = heldLicenses(ctx, installCode);
  const end = heldMaintenanceEnd(held);
  const renewals = renewalDays(held);
  const today = ctx.clock.today();
  return {
    today,
    maintenanceEnd: end ?? null,
    due: dueNotifications(settings, end, renewals, today),
    planned: plannedNotifications(settings, end, renewals),
  };
}
