import type { UpdateWatch } from '../updates-socket';
import type { CmsSession } from './types';

export type { UpdateWatch };

export interface Dashboard {
  capacity: number;
  usedCapacity: number;
  definedDevices: number;
  licensedDevices: number;
  badge: boolean;
  manageLicensesOpensAtStartup?: boolean;
  version?: string;
  licenseManagement?: boolean;
  maintenance: { status: string; ends: string | null };
  devicesByColour: Record<string, number>;
  /** Whether the devices are reachable and the scheduler and data logging run (they stop once no capacity is left). */
  services?: { devices: 'reachable' | 'unreachable'; scheduler: 'running' | 'stopped'; dataLogging: 'running' | 'stopped' };
}

/** A row of Manage Licenses. */
export interface ManagedLicense {
  segmentController: string;
  licenseId: string;
  kind: string;
  description: string;
  status: string;
  activationDate: string;
  note: string | null;
}

export interface NotificationSettings {
  emails: string[];
  daysBefore: number[];
  renewalConfirmation: boolean;
}

export interface PlannedNotification {
  kind: 'expiry-reminder' | 'renewal-confirmation';
  sendOn: string;
  to: string[];
  maintenanceEnd: string;
  daysBefore?: number;
}

export interface NotificationsDue {
  today: string;
  maintenanceEnd: string | null;
  due: PlannedNotification[];
  planned: PlannedNotification[];
}

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
  dashboard(session: CmsSession): Promise<Dashboard>;
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
