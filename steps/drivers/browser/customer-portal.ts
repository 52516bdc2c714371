import type { CustomerLicense, CustomerPortal, CustomerSession, OfflineActivationFile } from '../surfaces';
import { CustomerPortalPage } from './pages/customer-portal.page';
import type { BrowserTabs } from './tabs';

/** The License Customer Portal through its web pages: every operation. */
export class BrowserCustomerPortal implements CustomerPortal {
  constructor(private readonly tabs: BrowserTabs) {}

  private async portal(session: CustomerSession): Promise<CustomerPortalPage> {
    const page = await this.tabs.of(session.token);
    return new CustomerPortalPage(page, this.tabs.baseUrl, this.tabs.locators, this.tabs.snapper(page), this.tabs.marks);
  }

  async logIn(credential: { licenseId: string } | { email: string }): Promise<CustomerSession> {
    const { page, showing } = await this.tabs.openAt(CustomerPortalPage.url(this.tabs.baseUrl));
    const portal = new CustomerPortalPage(page, this.tabs.baseUrl, this.tabs.locators, this.tabs.snapper(page), this.tabs.marks);
    const token = await portal.logIn('licenseId' in credential ? { eid: credential.licenseId } : { email: credential.email }, showing);
    this.tabs.keep(token, page);
    return { ...(await portal.account()), token };
  }

  /** A session whose tab is still to open lists its licenses as the page opens. */
  async licenses(session: CustomerSession): Promise<CustomerLicense[]> {
    const opensNow = this.tabs.opensOnFirstUse(session.token);
    return (await this.portal(session)).licenses(opensNow);
  }

  /** Creates the file in the portal and downloads it; what comes back is read from the downloaded file. */
  async createOfflineActivationFile(
    session: CustomerSession,
    licenseId: string,
    installCode: string,
    confirmation = installCode,
  ): Promise<OfflineActivationFile> {
    const opensNow = this.tabs.opensOnFirstUse(session.token);
    const { fileName, text } = await (await this.portal(session)).createOfflineFile(licenseId, installCode, confirmation, opensNow);
    const { payload } = JSON.parse(text) as { payload: Omit<OfflineActivationFile, 'fileName' | 'text'> };
    return {
      fileId: payload.fileId,
      fileName,
      licenseId: payload.licenseId,
      installCode: payload.installCode,
      kind: payload.kind,
      issuer: payload.issuer,
      expiresAt: payload.expiresAt,
      text,
    };
  }

  async withdrawOfflineActivationFile(session: CustomerSession, licenseId: string): Promise<CustomerLicense> {
    return (await this.portal(session)).withdrawOfflineFile(licenseId);
  }
}
