import type { CustomerEntry, LicenseSummary, OrderDetails, PartnerPortal, PartnerSession, SearchQuery, TransferResult } from '../surfaces';
import { PartnerPortalPage } from './pages/partner-portal.page';
import type { BrowserTabs } from './tabs';

/** The License Partner Portal through its web pages: every operation. */
export class BrowserPartnerPortal implements PartnerPortal {
  constructor(private readonly tabs: BrowserTabs) {}

  private async portal(session: PartnerSession): Promise<PartnerPortalPage> {
    const page = await this.tabs.of(session.token);
    return new PartnerPortalPage(page, this.tabs.baseUrl, this.tabs.locators, this.tabs.snapper(page));
  }

  async logIn(email: string, password: string): Promise<PartnerSession> {
    const { page, showing } = await this.tabs.openAt(PartnerPortalPage.url(this.tabs.baseUrl));
    const token = await new PartnerPortalPage(page, this.tabs.baseUrl, this.tabs.locators, this.tabs.snapper(page)).logIn(email, password, showing);
    this.tabs.keep(token, page);
    return { email, token };
  }

  /** A session whose tab is still to open reads My Inventory as the page opens on it. */
  async myInventory(session: PartnerSession): Promise<LicenseSummary[]> {
    const opensNow = this.tabs.opensOnFirstUse(session.token);
    return (await this.portal(session)).inventory('myInventory', opensNow);
  }

  async customerInventory(session: PartnerSession): Promise<LicenseSummary[]> {
    return (await this.portal(session)).inventory('customerInventory');
  }

  async transfer(session: PartnerSession, licenseId: string, customerName: string, newAccount?: { contactEmail?: string }): Promise<TransferResult> {
    return (await this.portal(session)).transfer(licenseId, customerName, newAccount);
  }

  async search(session: PartnerSession, query: SearchQuery): Promise<LicenseSummary[]> {
    return (await this.portal(session)).search(query);
  }

  /** The customer list with Customer IDs, found by typing the name in My Inventory (all of them without a name). */
  async customers(session: PartnerSession, name?: string): Promise<CustomerEntry[]> {
    return (await this.portal(session)).findCustomers(name);
  }

  async orderDetails(session: PartnerSession, licenseId: string): Promise<OrderDetails> {
    return (await this.portal(session)).orderDetails(licenseId);
  }
}
