import type { CloudLicensing, CloudOffer, CmsSession, CustomerAccountRow } from '../surfaces';
import { cmsTab } from './cms-tab';
import type { BrowserTabs } from './tabs';

/** Manage Customer Accounts, Download Licenses from the Cloud and Transfer to Cloud in the CMS page: every operation. */
export class BrowserCloudLicensing implements CloudLicensing {
  constructor(private readonly tabs: BrowserTabs) {}

  async customerAccounts(session: CmsSession): Promise<CustomerAccountRow[]> {
    return (await cmsTab(this.tabs, session)).customerAccounts();
  }

  async enterCustomerId(session: CmsSession, customerId: string): Promise<CustomerAccountRow[]> {
    return (await cmsTab(this.tabs, session)).enterCustomerId(customerId);
  }

  async settleCustomerId(session: CmsSession, decision: 'save' | 'discard'): Promise<CustomerAccountRow[]> {
    return (await cmsTab(this.tabs, session)).settleCustomerId(decision);
  }

  /** In the CMS a Customer ID is entered and then saved with Save Changes. */
  async saveCustomerId(session: CmsSession, customerId: string): Promise<void> {
    const cms = await cmsTab(this.tabs, session);
    await cms.enterCustomerId(customerId);
    await cms.settleCustomerId('save');
  }

  async offers(session: CmsSession): Promise<CloudOffer[]> {
    return (await cmsTab(this.tabs, session)).cloudOffers();
  }

  async activate(session: CmsSession, licenseIds: string[]): Promise<void> {
    return (await cmsTab(this.tabs, session)).activate(licenseIds);
  }

  async transferToCloud(session: CmsSession): Promise<void> {
    return (await cmsTab(this.tabs, session)).transferToCloud();
  }
}
