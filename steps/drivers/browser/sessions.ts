import type { CmsSession, CustomerSession, PartnerSession } from '../surfaces';
import { globalFetch, HttpClient } from '../http-client';
import { CmsPage } from './pages/cms.page';
import { CustomerPortalPage } from './pages/customer-portal.page';
import { PartnerPortalPage } from './pages/partner-portal.page';
import type { BrowserTabs } from './tabs';

/**
 * Sessions a scenario needs but does not log in for ("the Owner of Plant room saves the Customer
 * ID"): the request the login form would send is sent without typing into the form, and the tab
 * opens already signed in (the session in its storage, as the form leaves it) the first time a
 * page needs it. A tab an earlier scenario left showing that very page signs in through its
 * form instead, where it stands (another session of the same user): loading the page again
 * costs Chromium several times what the login does. A step that says someone logs in still
 * types into the form (`logIn` of the surfaces); so does such a session while the run has no
 * picture of its login page yet.
 */
export interface BrowserSessions {
  partner(email: string, password: string): Promise<PartnerSession>;
  cms(installCode: string, username: string, password: string): Promise<CmsSession>;
  customer(credential: { licenseId: string } | { email: string }): Promise<CustomerSession>;
}

export function browserSessions(tabs: BrowserTabs): BrowserSessions {
  const http = new HttpClient(tabs.baseUrl, globalFetch);
  return {
    async partner(email, password) {
      const url = PartnerPortalPage.url(tabs.baseUrl);
      if (tabs.wantsPicture(PartnerPortalPage.LOGIN_PICTURE)) {
        const { page, showing } = await tabs.openAt(url);
        const token = await new PartnerPortalPage(page, tabs.baseUrl, tabs.locators, tabs.snapper(page)).logIn(email, password, showing);
        tabs.keep(token, page);
        return { email, token };
      }
      const answer = await http.call<{ token: string; partner: unknown }>('POST', '/partner/api/session', { body: { email, password } });
      tabs.openLater(answer.token, url, async (page, showing) => {
        const portal = new PartnerPortalPage(page, tabs.baseUrl, tabs.locators, tabs.snapper(page));
        if (showing) await portal.logIn(email, password, true);
        else await portal.enter({ token: answer.token, partner: answer.partner });
      });
      return { email, token: answer.token };
    },
    async cms(installCode, username, password) {
      const url = CmsPage.url(tabs.baseUrl, installCode);
      if (tabs.wantsPicture(CmsPage.LOGIN_PICTURE)) {
        const { page, showing } = await tabs.openAt(url);
        const token = await new CmsPage(page, tabs.baseUrl, installCode, tabs.locators, tabs.snapper(page)).logIn(username, password, showing);
        tabs.keep(token, page);
        return { installCode, username, token };
      }
      const path = `/smartservers/${encodeURIComponent(installCode)}/login`;
      const answer = await http.call<{ token: string; userType: string }>('POST', path, { body: { username, password } });
      tabs.openLater(answer.token, url, async (page, showing) => {
        const cms = new CmsPage(page, tabs.baseUrl, installCode, tabs.locators, tabs.snapper(page));
        if (showing) await cms.logIn(username, password, true);
        else await cms.enter({ token: answer.token, username, userType: answer.userType });
      });
      return { installCode, username, token: answer.token };
    },
    async customer(credential) {
      const body = 'licenseId' in credential ? { eid: credential.licenseId } : { email: credential.email };
      const answer = await http.call<{ token: string; customer: { customerId: string; name: string } }>('POST', '/customer/api/session', { body });
      tabs.openLater(answer.token, CustomerPortalPage.url(tabs.baseUrl), async (page, showing) => {
        const portal = new CustomerPortalPage(page, tabs.baseUrl, tabs.locators, tabs.snapper(page));
        if (showing) await portal.logIn('licenseId' in credential ? { eid: credential.licenseId } : { email: credential.email }, true);
        else await portal.enter({ token: answer.token, customer: answer.customer });
      });
      return { ...answer.customer, token: answer.token };
    },
  };
}
