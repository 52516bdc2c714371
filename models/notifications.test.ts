import { expect, test } from 'vitest';
import { dueNotifications, NO_NOTIFICATIONS, plannedNotifications, renewalDays, type NotificationSettings } from './notifications';
import type { HeldLicense } from './smartserver';

const settings = (over: Partial<NotificationSettings> = {}): NotificationSettings => ({
  emails: ['ops@building.example'],
  daysBefore: [60, 7],
  renewalConfirmation: false,
  ...over,
});
const maintenance = (activatedAt: string): HeldLicense => ({
  licenseId: activatedAt,
  kind: 'maintenance',
  capacity: 200,
  termYears: 1,
  termEnd: '2027-01-01',
  activatedAt,
  mode: 'online',
});

test('each lead time plans one reminder that many days before the end, earliest first', () => {
  const planned = plannedNotifications(settings(), '2026-03-01', []);
  expect(planned.map((n) => [n.sendOn, n.daysBefore])).toEqual([
    ['2025-12-31', 60],
    ['2026-02-22', 7],
  ]);
  expect(planned.every((n) => n.kind === 'expiry-reminder' && n.maintenanceEnd === '2026-03-01')).toBe(true);
});

test('a reminder is due only on its own day', () => {
  expect(dueNotifications(settings(), '2026-03-01', [], '2026-02-22').map((n) => n.daysBefore)).toEqual([7]);
  expect(dueNotifications(settings(), '2026-03-01', [], '2026-02-23')).toEqual([]);
  expect(dueNotifications(settings(), '2026-03-01', [], '2026-03-01')).toEqual([]);
});

test('nothing is planned without maintenance or without recipients', () => {
  expect(plannedNotifications(settings(), undefined, ['2026-01-01'])).toEqual([]);
  expect(plannedNotifications(settings({ emails: [], renewalConfirmation: true }), '2026-03-01', ['2026-01-01'])).toEqual([]);
  expect(plannedNotifications(NO_NOTIFICATIONS, '2026-03-01', [])).toEqual([]);
});

test('every maintenance activation after the first is a renewal, on its day', () => {
  expect(renewalDays([maintenance('2026-05-01T10:00:00Z')])).toEqual([]);
  expect(renewalDays([maintenance('2027-02-03T08:00:00Z'), maintenance('2026-05-01T10:00:00Z'), maintenance('2028-01-09T23:00:00Z')])).toEqual([
    '2027-02-03',
    '2028-01-09',
  ]);
});

test('renewal confirmations are planned only when asked for, once per day', () => {
  const renewals = ['2026-02-01', '2026-02-01'];
  expect(plannedNotifications(settings({ daysBefore: [] }), '2027-03-01', renewals)).toEqual([]);
  const planned = plannedNotifications(settings({ daysBefore: [], renewalConfirmation: true }), '2027-03-01', renewals);
  expect(planned).toEqual([{ kind: 'renewal-confirmation', sendOn: '2026-02-01', to: ['ops@building.example'], maintenanceEnd: '2027-03-01' }]);
});

test('reminders and renewal confirmations come out earliest first, whatever order the lead times were given in', () => {
  const planned = plannedNotifications(settings({ daysBefore: [7, 60, 30], renewalConfirmation: true }), '2026-03-01', ['2026-02-10', '2025-11-15']);
  expect(planned.map((n) => [n.sendOn, n.kind])).toEqual([
    ['2025-11-15', 'renewal-confirmation'],
    ['2025-12-31', 'expiry-reminder'],
    ['2026-01-30', 'expiry-reminder'],
    ['2026-02-10', 'renewal-confirmation'],
    ['2026-02-22', 'expiry-reminder'],
  ]);
});
