import type { CmsSession, Dashboard, DashboardReading, ManagedLicense, NotificationSettings, NotificationsDue, SmartServerCms, UpdateWatch } from '../surfaces';
import { cmsTab } from './cms-tab';
import { CmsPage } from './pages/cms.page';
import type { BrowserTabs } from './tabs';

/**
 * The SmartServer CMS through its web page. What people do there goes through the page; what
 * only integrations read goes to `api` (THROUGH_API_IN_BROWSER_RUNS.cms says why for each).
 */
export class BrowserSmartServerCms implements SmartServerCms {
  constructor(
    private readonly tabs: BrowserTabs,
    private readonly api: SmartServerCms,
  ) {}

  async logIn(installCode: string, username: string, password: string): Promise<CmsSession> {
    const { page, showing } = await this.tabs.openAt(CmsPage.url(this.tabs.baseUrl, installCode));
    const token = await new CmsPage(page, this.tabs.baseUrl, installCode, this.tabs.locators, this.tabs.snapper(page)).logIn(username, password, showing);
    this.tabs.keep(token, page);
    return { installCode, username, token };
  }

  /** A session whose tab is still to open starts the CMS by opening it; any other is reloaded to start it again. */
  async dashboard(session: CmsSession, reading: DashboardReading = {}): Promise<Dashboard> {
    const opensNow = this.tabs.opensOnFirstUse(session.token);
    return (await cmsTab(this.tabs, session)).dashboard(reading.startCms === true, opensNow);
  }

  licensingStatus(session: CmsSession): Promise<Dashboard> {
    return this.api.licensingStatus(session);
  }

  watchUpdates(session: CmsSession): Promise<UpdateWatch> {
    return this.api.watchUpdates(session);
  }

  async manageLicenses(session: CmsSession): Promise<ManagedLicense[]> {
    return (await cmsTab(this.tabs, session)).manageLicenses();
  }

  /** Manage Licenses, Add License: the file is chosen from disk as a user would. */
  async addLicenseFile(session: CmsSession, fileText: string): Promise<ManagedLicense[]> {
    const cms = await cmsTab(this.tabs, session);
    await cms.addLicense('offline-activation-file.json', fileText);
    return cms.manageLicenses();
  }

  async setLicenseNote(session: CmsSession, licenseId: string, note: string | null): Promise<ManagedLicense> {
    return (await cmsTab(this.tabs, session)).setNote(licenseId, note);
  }

  async notificationSettings(session: CmsSession): Promise<NotificationSettings> {
    return (await cmsTab(this.tabs, session)).notifications();
  }

  async editNotifications(session: CmsSession, settings: NotificationSettings): Promise<NotificationSettings> {
    const cms = await cmsTab(this.tabs, session);
    await cms.editNotifications(settings);
    return cms.notifications();
  }

  notificationsDue(session: CmsSession): Promise<NotificationsDue> {
    return this.api.notificationsDue(session);
  }
}
