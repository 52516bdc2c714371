import type { HttpClient } from '../http-client';
import type { CmsSession, Dashboard, ManagedLicense, NotificationSettings, NotificationsDue, SmartServerCms, UpdateWatch } from '../surfaces';
import { openUpdates, socketBaseFor } from '../updates-socket';
import { smartServerPath } from './smartserver-path';

/** The SmartServer CMS's licensing through the SmartServer's REST paths and update WebSocket. */
export class ApiSmartServerCms implements SmartServerCms {
  constructor(private readonly http: HttpClient) {}

  async logIn(installCode: string, username: string, password: string): Promise<CmsSession> {
    const { token } = await this.http.call<{ token: string }>('POST', `${smartServerPath(installCode)}/login`, { body: { username, password } });
    return { installCode, username, token };
  }

  dashboard(session: CmsSession): Promise<Dashboard> {
    return this.http.call('GET', `${smartServerPath(session.installCode)}/dashboard`, { token: session.token });
  }

  licensingStatus(session: CmsSession): Promise<Dashboard> {
    return this.http.call('GET', `${smartServerPath(session.installCode)}/iap/lic/status`, { token: session.token });
  }

  watchUpdates(session: CmsSession): Promise<UpdateWatch> {
    return openUpdates(`${socketBaseFor(this.http.baseUrl)}${smartServerPath(session.installCode)}/iap/ws`, session.token);
  }

  manageLicenses(session: CmsSession): Promise<ManagedLicense[]> {
    return this.http.call('GET', `${smartServerPath(session.installCode)}/iap/lic`, { token: session.token });
  }

  async addLicenseFile(session: CmsSession, fileText: string): Promise<ManagedLicense[]> {
    const result = await this.http.call<{ licenses: ManagedLicense[] }>('POST', `${smartServerPath(session.installCode)}/iap/lic/files`, {
      token: session.token,
      body: { file: fileText },
    });
    return result.licenses;
  }

  setLicenseNote(session: CmsSession, licenseId: string, note: string | null): Promise<ManagedLicense> {
    return this.http.call('PUT', `${smartServerPath(session.installCode)}/iap/lic/${encodeURIComponent(licenseId)}/note`, {
      token: session.token,
      body: { note },
    });
  }

  notificationSettings(session: CmsSession): Promise<NotificationSettings> {
    return this.http.call('GET', `${smartServerPath(session.installCode)}/iap/lic/notifications`, { token: session.token });
  }

  editNotifications(session: CmsSession, settings: NotificationSettings): Promise<NotificationSettings> {
    return this.http.call('PUT', `${smartServerPath(session.installCode)}/iap/lic/notifications`, { token: session.token, body: settings });
  }

  notificationsDue(session: CmsSession): Promise<NotificationsDue> {
    return this.http.call('GET', `${smartServerPath(session.installCode)}/iap/lic/notifications/due`, { token: session.token });
  }
}
