import type { CloudLicensing, CloudOffer, CmsSession, CustomerAccountRow } from '../surfaces';
import { cmsTab } from './cms-tab';
import type { BrowserTabs } from './tabs';

/** Manage Customer Accounts, Download Licenses from the Cloud and Transfer to Cloud in the CMS page: every operation. */
export class BrowserCloudLicensing implements CloudLicensing {
  constructor(private readonly tabs: BrowserTabs) {}

  customerAccounts(session: CmsSession): Promise<CustomerAccountRow[]> {
    return cmsTab(this.tabs, session).customerAccounts();
  }

  enterCustomerId(session: CmsSession, customerId: string): Promise<CustomerAccountRow[]> {
    return cmsTab(this.tabs, session).enterCustomerId(customerId);
  }

  settleCustomerId(session: CmsSession, decision: 'save' | 'discard'): Promise<CustomerAccountRow[]> {
    return cmsTab(this.tabs, session).settleCustomerId(decision);
  }

  /** In the CMS a Customer ID is entered and then saved with Save Changes. */
  async saveCustomerId(session: CmsSession, customerId: string): Promise<void> {
    const cms = cmsTab(this.tabs, session);
    await cms.enterCustomerId(customerId);
    await cms.settleCustomerId('save');
  }

  offers(session: CmsSession): Promise<CloudOffer[]> {
    return cmsTab(this.tabs, session).cloudOffers();
  }

  activate(session: CmsSession, licenseIds: string[]): Promise<void> {
    return cmsTab(this.tabs, session).activate(licenseIds);
  }

  transferToCloud(session: CmsSession): Promise<void> {
    return cmsTab(this.tabs, session).transferToCloud();
  }
}
