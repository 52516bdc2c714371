import type {
  Dashboard as ApiDashboard,
  HeldLicenseView,
  NotificationSettings,
  NotificationsDue,
  PlannedNotification,
} from '../../../emulator/services/smartserver';
import type { UpdateWatch } from '../updates-socket';
import type { CmsSession } from './types';

export type { UpdateWatch };

/**
 * The dashboard's figures, as the CMS shows them (the SmartServer's own identity is left to the
 * session). Whether Manage Licenses opens by itself shows only when the CMS starts: a read through
 * the page has it when asked to start the CMS (`DashboardReading`), the API always.
 */
export type Dashboard = Omit<ApiDashboard, 'installCode' | 'name' | 'edition' | 'online' | 'version' | 'services' | 'manageLicensesOpensAtStartup'> &
  Partial<Pick<ApiDashboard, 'version' | 'services' | 'manageLicensesOpensAtStartup'>>;

/** How the dashboard is read. */
export interface DashboardReading {
  /** Start the CMS first (the page loaded afresh), which shows whether Manage Licenses opens by itself; otherwise the dashboard as it shows, refreshed. */
  startCms?: boolean;
}

/** A row of Manage Licenses. */
export type ManagedLicense = Omit<HeldLicenseView, 'mode'>;

export type { NotificationSettings };

export type { PlannedNotification };

export type { NotificationsDue };

/**
 * The licensing side of EnOcean's SmartServer CMS, the web application each SmartServer serves:
 * signing in, the dashboard, Manage Licenses with its notes, Add License and Edit Notifications,
 * and the REST status and update socket that integrations read. Taking licenses from the cloud
 * and giving them back is CloudLicensing.
 */
export interface SmartServerCms {
  /** Signs a CMS user in; the session carries the SmartServer's install code. */
  logIn(installCode: string, username: string, password: string): Promise<CmsSession>;
  /** The dashboard: device capacity and its use, the capacity badge, maintenance, release and running services. */
  dashboard(session: CmsSession, reading?: DashboardReading): Promise<Dashboard>;
  /** The same figures as integrations read them from the licensing status path (/iap/lic/status). */
  licensingStatus(session: CmsSession): Promise<Dashboard>;
  /** Opens the SmartServer's update WebSocket (UPD:LIC:CLOUD and the like); the caller closes it. */
  watchUpdates(session: CmsSession): Promise<UpdateWatch>;
  /** Opens Manage Licenses and reads the licenses it lists; a user who may not manage licenses is refused. */
  manageLicenses(session: CmsSession): Promise<ManagedLicense[]>;
  /** Add License: loads an offline activation or maintenance file; answers Manage Licenses' rows afterwards. */
  addLicenseFile(session: CmsSession, fileText: string): Promise<ManagedLicense[]>;
  /** Writes (or, with null, clears) the note on a license's row. */
  setLicenseNote(session: CmsSession, licenseId: string, note: string | null): Promise<ManagedLicense>;
  /** Edit Notifications as it shows: who is emailed how many days before maintenance ends. */
  notificationSettings(session: CmsSession): Promise<NotificationSettings>;
  /** Saves Edit Notifications and answers the settings as they now show. */
  editNotifications(session: CmsSession, settings: NotificationSettings): Promise<NotificationSettings>;
  /** The SmartServer's outbox: the notification emails due today and those planned, by its own date. */
  notificationsDue(session: CmsSession): Promise<NotificationsDue>;
}
