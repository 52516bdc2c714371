import type { CmsSession } from '../surfaces';
import { CmsPage } from './pages/cms.page';
import type { BrowserTabs } from './tabs';

/** The CMS page in the tab a CMS login opened; the licensing, cloud and device surfaces all work in it. */
export async function cmsTab(tabs: BrowserTabs, session: CmsSession): Promise<CmsPage> {
  const page = await tabs.of(session.token);
  return new CmsPage(page, tabs.baseUrl, session.installCode, tabs.locators, tabs.snapper(page), tabs.marks);
}
