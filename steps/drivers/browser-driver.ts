import type { BrowserContext, Page } from 'playwright-core';
import { ApiDriver } from './api-driver';
import { sharedBrowser } from './chromium';
import type {
  CloudOffer, CmsSession, CustomerAccountRow, CustomerEntry, CustomerLicense, CustomerSession, Dashboard, DeviceSummary,
  LicenseSummary, ManagedLicense, NotificationSettings, OfflineActivationFile, OrderDetails, PartnerSession, ProvisionState,
  SearchQuery, TransferResult,
} from './driver';
import { CmsPage } from './pages/cms.page';
import { settled } from './pages/common';
import { CustomerPortalPage } from './pages/customer-portal.page';
import { PartnerPortalPage } from './pages/partner-portal.page';
import { gallery, type ScreenshotGallery } from './screenshots';

/**
 * The operations a browser run still performs through the REST API, because the emulated pages
 * have no screen for them, and why. Every other operation of LicensingDriver goes through the
 * pages; a unit test fails when an operation is neither here nor driven through a page.
 */
export const WITHOUT_SCREEN: Readonly<Record<string, string>> = {
  reset: 'the control plane: every scenario starts from the seed',
  placeOrder: "the vendor's internal order desk places orders",
  addSmartServer: 'the control plane builds the fleet',
  setOnline: 'the control plane cuts or restores a SmartServer\'s Internet connection',
  setDate: 'the control plane sets the virtual clock',
  advanceDays: 'the control plane moves the virtual clock',
  transitions: 'the control plane reports machine coverage',
  setCloudFaults: 'the control plane injects licensing-cloud faults',
  requestOfflineMaintenanceFile: 'Customer Success issues offline maintenance files; customers have no screen for it',
  supportEntitlement: "Customer Success looks up a SmartServer's support on the vendor's side",
  notificationsDue: "the emulator's outbox: a SmartServer sends the emails, no page lists them",
  installRelease: 'installing a release happens outside the emulated CMS pages',
  resetDatabases: 'the System Configuration page is not emulated',
  restoreFactorySettings: 'the System Configuration page is not emulated',
  addDevice: 'devices are created, discovered or imported outside the emulated Devices widget',
  countDevices: 'a REST-only count (/iap/devs/count)',
  licensingStatus: 'the REST path integrations read (/iap/lic/status); people read the dashboard, which dashboard() drives',
  watchUpdates: 'the WebSocket updates integrations listen to; the pages poll the REST API instead',
  reportDeviceHealth: 'a device reports its own health; no user does',
  reportProvisioning: 'a device answers a provisioning request itself; no user does',
  setProvisioningWaits: 'the control plane decides when emulated devices answer provisioning',
  features: 'the built-in services are configured outside the emulated pages',
  switchFeature: 'the built-in services are configured outside the emulated pages',
};

/**
 * The licensing system through its web pages in headless Chromium, as QA drives the real portals.
 * Each login opens its own tab, so a scenario can hold a partner, a customer and several CMS
 * users at once; each scenario gets a fresh browser context. Set-up operations inherit the API
 * driver's calls.
 */
export class BrowserDriver extends ApiDriver {
  private context?: BrowserContext;
  private readonly tabs = new Map<string, Page>();
  /** The tab the scenario used last, which a failing step's screenshot shows. */
  lastPage?: Page;

  constructor(private readonly baseUrl: string, private readonly screenshots: ScreenshotGallery = gallery) {
    super(baseUrl);
  }

  private async openTab(): Promise<Page> {
    this.context ??= await (await sharedBrowser()).newContext({ viewport: { width: 1366, height: 860 }, acceptDownloads: true });
    const page = await this.context.newPage();
    // Well inside cucumber's step timeout, so a missing element fails with Playwright's own message.
    page.setDefaultTimeout(10_000);
    this.lastPage = page;
    return page;
  }

  private tab(token: string): Page {
    const page = this.tabs.get(token);
    if (!page) throw new Error('This session was not opened through the browser driver; log in through it first.');
    this.lastPage = page;
    return page;
  }

  private snapper(page: Page) {
    return (name: string) => this.screenshots.snap(page, name);
  }

  private partnerPage(session: PartnerSession): PartnerPortalPage {
    const page = this.tab(session.token);
    return new PartnerPortalPage(page, this.baseUrl, this.snapper(page));
  }

  private customerPage(session: CustomerSession): CustomerPortalPage {
    const page = this.tab(session.token);
    return new CustomerPortalPage(page, this.baseUrl, this.snapper(page));
  }

  private cmsPage(session: CmsSession): CmsPage {
    const page = this.tab(session.token);
    return new CmsPage(page, this.baseUrl, session.installCode, this.snapper(page));
  }

  // ---------------------------------------------------------------- License Partner Portal

  override async partnerLogin(email: string, password: string): Promise<PartnerSession> {
    const page = await this.openTab();
    const token = await new PartnerPortalPage(page, this.baseUrl, this.snapper(page)).logIn(email, password);
    this.tabs.set(token, page);
    return { email, token };
  }

  override myInventory(session: PartnerSession): Promise<LicenseSummary[]> {
    return this.partnerPage(session).inventory('My Inventory');
  }

  override customerInventory(session: PartnerSession): Promise<LicenseSummary[]> {
    return this.partnerPage(session).inventory('Customer Inventory');
  }

  override transfer(session: PartnerSession, licenseId: string, customerName: string, newAccount?: { contactEmail?: string }): Promise<TransferResult> {
    return this.partnerPage(session).transfer(licenseId, customerName, newAccount);
  }

  override searchLicenses(session: PartnerSession, query: SearchQuery): Promise<LicenseSummary[]> {
    return this.partnerPage(session).search(query);
  }

  /** The customer list with Customer IDs, found by typing the name in My Inventory (all of them without a name). */
  override partnerCustomers(session: PartnerSession, name?: string): Promise<CustomerEntry[]> {
    return this.partnerPage(session).findCustomers(name);
  }

  override orderDetails(session: PartnerSession, licenseId: string): Promise<OrderDetails> {
    return this.partnerPage(session).orderDetails(licenseId);
  }

  // ---------------------------------------------------------------- SmartServer CMS

  override async cmsLogin(installCode: string, username: string, password: string): Promise<CmsSession> {
    const page = await this.openTab();
    const token = await new CmsPage(page, this.baseUrl, installCode, this.snapper(page)).logIn(username, password);
    this.tabs.set(token, page);
    return { installCode, username, token };
  }

  override customerAccounts(session: CmsSession): Promise<CustomerAccountRow[]> {
    return this.cmsPage(session).customerAccounts();
  }

  override enterCustomerId(session: CmsSession, customerId: string): Promise<CustomerAccountRow[]> {
    return this.cmsPage(session).enterCustomerId(customerId);
  }

  override settleCustomerId(session: CmsSession, decision: 'save' | 'discard'): Promise<CustomerAccountRow[]> {
    return this.cmsPage(session).settleCustomerId(decision);
  }

  override manageLicenses(session: CmsSession): Promise<ManagedLicense[]> {
    return this.cmsPage(session).manageLicenses();
  }

  /** In the CMS a Customer ID is entered and then saved with Save Changes. */
  override async saveCustomerId(session: CmsSession, customerId: string): Promise<void> {
    const cms = this.cmsPage(session);
    await cms.enterCustomerId(customerId);
    await cms.settleCustomerId('save');
  }

  override cloudOffers(session: CmsSession): Promise<CloudOffer[]> {
    return this.cmsPage(session).cloudOffers();
  }

  override activate(session: CmsSession, licenseIds: string[]): Promise<void> {
    return this.cmsPage(session).activate(licenseIds);
  }

  override transferToCloud(session: CmsSession): Promise<void> {
    return this.cmsPage(session).transferToCloud();
  }

  override dashboard(session: CmsSession): Promise<Dashboard> {
    return this.cmsPage(session).dashboard();
  }

  override devices(session: CmsSession, provisionStates?: ProvisionState[]): Promise<DeviceSummary[]> {
    return this.cmsPage(session).devices(provisionStates);
  }

  override operateDevice(session: CmsSession, deviceId: number, action: string): Promise<DeviceSummary> {
    return this.cmsPage(session).operateDevice(deviceId, action);
  }

  /** Manage Licenses, Add License: the file is chosen from disk as a user would. */
  override async addLicenseFile(session: CmsSession, fileText: string): Promise<ManagedLicense[]> {
    const cms = this.cmsPage(session);
    await cms.addLicense('offline-activation-file.json', fileText);
    return cms.manageLicenses();
  }

  override setLicenseNote(session: CmsSession, licenseId: string, note: string | null): Promise<ManagedLicense> {
    return this.cmsPage(session).setNote(licenseId, note);
  }

  override notificationSettings(session: CmsSession): Promise<NotificationSettings> {
    return this.cmsPage(session).notifications();
  }

  override async editNotifications(session: CmsSession, settings: NotificationSettings): Promise<NotificationSettings> {
    const cms = this.cmsPage(session);
    await cms.editNotifications(settings);
    return cms.notifications();
  }

  // ---------------------------------------------------------------- License Customer Portal

  override async customerLogin(credential: { licenseId: string } | { email: string }): Promise<CustomerSession> {
    const page = await this.openTab();
    const portal = new CustomerPortalPage(page, this.baseUrl, this.snapper(page));
    const token = await portal.logIn('licenseId' in credential ? { eid: credential.licenseId } : { email: credential.email });
    this.tabs.set(token, page);
    return { ...(await portal.account()), token };
  }

  override customerLicenses(session: CustomerSession): Promise<CustomerLicense[]> {
    return this.customerPage(session).licenses();
  }

  /** Creates the file in the portal and downloads it; what the driver returns is read from the downloaded file. */
  override async createOfflineActivationFile(session: CustomerSession, licenseId: string, installCode: string): Promise<OfflineActivationFile> {
    const { fileName, text } = await this.customerPage(session).createOfflineFile(licenseId, installCode);
    const { payload } = JSON.parse(text) as { payload: Omit<OfflineActivationFile, 'fileName' | 'text'> };
    return {
      fileId: payload.fileId, fileName, licenseId: payload.licenseId, installCode: payload.installCode, kind: payload.kind, issuer: payload.issuer, text,
    };
  }

  // ---------------------------------------------------------------- the run's own needs

  /** A picture of the page the scenario used last, for a failing step's report. */
  async screenshotOfLastPage(): Promise<Buffer | undefined> {
    if (!this.lastPage || this.lastPage.isClosed()) return undefined;
    return this.lastPage.screenshot({ fullPage: true });
  }

  /** Saves the fleet overview and the landing page once per run, showing the fleet this scenario built. */
  async snapOverviews(): Promise<void> {
    if (this.screenshots.has('fleet-overview') && this.screenshots.has('landing-page')) return;
    const page = await this.openTab();
    await page.goto(`${this.baseUrl}/fleet/`);
    await settled(page.getByRole('region', { name: 'Every emulated SmartServer' }));
    await page.getByRole('table', { name: 'SmartServer fleet' }).waitFor();
    await this.screenshots.snap(page, 'fleet-overview');
    await page.goto(`${this.baseUrl}/`);
    await settled(page.getByRole('region', { name: 'SmartServer CMS' }));
    await this.screenshots.snap(page, 'landing-page');
    await page.close();
  }

  /** Ends the scenario's browser context with every tab in it. */
  async close(): Promise<void> {
    this.tabs.clear();
    this.lastPage = undefined;
    const context = this.context;
    this.context = undefined;
    await context?.close();
  }
}
