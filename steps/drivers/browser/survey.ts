import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { LOCATOR_KEYS, type LocatorEntry, type LocatorKey, type Locators, nameOf, type Screen } from './locators';

/**
 * Walks the portals and the CMS the way their manuals do, and at each screen looks for every
 * locator the map places there. The walk makes what the later screens need: it transfers the
 * seed's inventory license, saves a Customer ID, activates a license and provisions a device, so
 * point it only at an emulator that may change (a conformance run resets it anyway).
 */

export interface SurveyAccounts {
  partner: { email: string; password: string };
  /** A customer of that partner, and its Customer ID. */
  customer: { name: string; customerId: string };
  /** A license still in the partner's inventory (it is transferred to the customer). */
  inventoryLicenseId: string;
  /** A capacity license the customer owns in the cloud: its EID logs in to the customer portal, and the CMS activates it. */
  capacityLicenseId: string;
  /** An online SmartServer holding no license, and its Owner. */
  smartServer: { installCode: string; username: string; password: string };
}

export type Finding =
  | { key: LocatorKey; status: 'found' }
  | { key: LocatorKey; status: 'missing' }
  /** The walk stopped before the entry's screen, because a locator on the way was missing. */
  | { key: LocatorKey; status: 'unreached'; blockedBy: LocatorKey };

/** Stops a surface's walk at a missing locator the walk needed to go on. */
class Blocked extends Error {
  constructor(readonly key: LocatorKey) {
    super(`${key} is missing`);
  }
}

/** How long the walk waits, by default, for an element it is about to use before calling it missing. */
export const DEFAULT_WAIT_MS = 5_000;

function presence(page: Page, entry: LocatorEntry): Locator {
  const name = nameOf(entry);
  const exact = typeof name === 'string';
  switch (entry.find) {
    case 'label':
      return page.getByLabel(name, { exact });
    case 'text':
      return page.getByText(name, { exact });
    case 'column':
      return page
        .getByRole('columnheader', { name, exact, includeHidden: true })
        .or(page.locator('dt').filter({ hasText: typeof name === 'string' ? new RegExp(`^\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) : name }));
    default:
      return page.getByRole(entry.find, { name, exact, includeHidden: true });
  }
}

class Surveyor {
  readonly findings = new Map<LocatorKey, Finding>();

  constructor(
    private readonly locators: Locators,
    public page: Page,
    private readonly waitMs: number,
  ) {}

  /** Looks for every entry of `screen` on the page as it is now. */
  async check(screen: Screen): Promise<void> {
    for (const key of LOCATOR_KEYS.filter((k) => this.locators[k].screen === screen)) {
      if (this.findings.get(key)?.status === 'found') continue;
      const found = (await presence(this.page, this.locators[key]).count()) > 0;
      this.findings.set(key, { key, status: found ? 'found' : 'missing' });
    }
  }

  /** The visible element of `key` (inside `within`, if given), waited for; a missing one stops the walk. */
  async use(key: LocatorKey, values?: Record<string, string>, within: Page | Locator = this.page): Promise<Locator> {
    const element = this.visible(key, values, within);
    try {
      await element.waitFor({ state: 'visible', timeout: this.waitMs });
    } catch {
      this.findings.set(key, { key, status: 'missing' });
      throw new Blocked(key);
    }
    return element;
  }

  /** The first visible element of `key` (inside `within`), not waited for. */
  visible(key: LocatorKey, values?: Record<string, string>, within: Page | Locator = this.page): Locator {
    const entry = this.locators[key];
    const name = nameOf(entry, values);
    const exact = typeof name === 'string';
    const base =
      entry.find === 'label'
        ? within.getByLabel(name, { exact })
        : entry.find === 'text' || entry.find === 'column'
          ? within.getByText(name, { exact })
          : within.getByRole(entry.find, { name, exact });
    return base.filter({ visible: true }).first();
  }

  /**
   * Clicks the list's Show more (`more`) until the list has no next page. The walk's lists answer a
   * row at a time (see ONE_ROW_PAGES), so the rows it checks and uses sit on later pages. The first
   * page's `check` looked for the button; one it did not find stops the walk, and the words of its
   * screen not found on the first page count as not reached, since they may sit in later rows.
   */
  async showEveryRow(more: LocatorKey): Promise<void> {
    await idle(this.page);
    if (this.findings.get(more)?.status !== 'found') {
      const screen = this.locators[more].screen;
      for (const key of LOCATOR_KEYS) {
        if (key !== more && this.locators[key].screen === screen && this.findings.get(key)?.status === 'missing') this.findings.delete(key);
      }
      this.findings.set(more, { key: more, status: 'missing' });
      throw new Blocked(more);
    }
    while ((await this.visible(more).count()) > 0) {
      await this.visible(more).click();
      await idle(this.page);
    }
  }

  /** The words of an entry, for a choice picked by its label. */
  words(key: LocatorKey): string {
    return this.locators[key].text;
  }

  /** Marks every entry of these screens not looked at yet as unreached. */
  unreached(screens: readonly Screen[], blockedBy: LocatorKey): void {
    for (const key of LOCATOR_KEYS) {
      if (screens.includes(this.locators[key].screen) && !this.findings.has(key)) this.findings.set(key, { key, status: 'unreached', blockedBy });
    }
  }
}

/** Waits until the page shows no busy region, as the pages mark one from a click until its outcome shows. */
async function idle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0, undefined, { timeout: 15_000 });
}

type Walk = (survey: Surveyor, baseUrl: string, accounts: SurveyAccounts) => Promise<void>;

const partnerPortalWalk: Walk = async (s, baseUrl, accounts) => {
  await s.page.goto(`${baseUrl}/partner/`);
  await s.check('partnerPortal.login');
  await (await s.use('partnerPortal.field.email')).fill(accounts.partner.email);
  await (await s.use('partnerPortal.field.password')).fill(accounts.partner.password);
  await (await s.use('partnerPortal.button.login')).click();
  await s.use('partnerPortal.table.myInventory');
  await idle(s.page);
  await s.check('partnerPortal.myInventory');

  await (await s.use('partnerPortal.button.find')).click();
  await s.use('partnerPortal.table.matchingCustomers');
  await s.check('partnerPortal.foundCustomers');

  await (await s.use('partnerPortal.tab.customerInventory')).click();
  await s.use('partnerPortal.table.customerInventory');
  await s.check('partnerPortal.customerInventory');

  await (await s.use('partnerPortal.tab.search')).click();
  await (await s.use('partnerPortal.button.search')).click();
  await s.use('partnerPortal.table.searchResults');
  await s.check('partnerPortal.searchResults');

  await (await s.use('partnerPortal.tab.myInventory')).click();
  const inventory = await s.use('partnerPortal.table.myInventory');
  await inventory.locator('tbody tr', { hasText: accounts.inventoryLicenseId }).getByRole('button').first().click();
  await s.use('partnerPortal.region.orderDetails');
  await idle(s.page);
  await s.check('partnerPortal.orderDetails');

  // A name no account has opens the "not found" dialog; cancelling it changes nothing.
  await (await s.use('partnerPortal.field.transferCustomerName')).selectOption({ label: s.words('partnerPortal.option.newCustomer') });
  await (await s.use('partnerPortal.field.newCustomerName')).fill(`sslab doctor ${Date.now()}`);
  await (await s.use('partnerPortal.button.transfer')).click();
  const notFound = await s.use('partnerPortal.dialog.accountNotFound');
  await s.check('partnerPortal.accountNotFound');
  await (await s.use('partnerPortal.button.cancel', undefined, notFound)).click();

  const customer = await s.use('partnerPortal.field.transferCustomerName');
  const choice = customer.getByRole('option').filter({ hasText: accounts.customer.customerId });
  await customer.selectOption({ label: (await choice.innerText()).trim() });
  await (await s.use('partnerPortal.button.transfer')).click();
  const confirm = await s.use('partnerPortal.dialog.confirmTransfer');
  await s.check('partnerPortal.confirmTransfer');
  await (await s.use('partnerPortal.button.confirmTransfer', undefined, confirm)).click();
  await s.use('partnerPortal.banner.transferred');
  await s.check('partnerPortal.transferred');
};

const customerPortalWalk: Walk = async (s, baseUrl, accounts) => {
  await s.page.goto(`${baseUrl}/customer/`);
  await s.check('customerPortal.login');
  await (await s.use('customerPortal.field.eid')).fill(accounts.capacityLicenseId);
  await (await s.use('customerPortal.button.logInWithEid')).click();
  await s.use('customerPortal.table.licenses');
  await idle(s.page);
  await s.check('customerPortal.licenses');
  await s.showEveryRow('customerPortal.button.showMore');
  await s.check('customerPortal.licenses');
  await (await s.use('customerPortal.button.createOfflineFileFor', { licenseId: accounts.capacityLicenseId })).click();
  await s.use('customerPortal.dialog.offlineFile');
  await s.check('customerPortal.offlineFile');
  // A file for the SmartServer shows the withdrawal; withdrawing it leaves the license free for the CMS walk.
  const code = accounts.smartServer.installCode;
  await (await s.use('customerPortal.field.installCode')).fill(code);
  await (await s.use('customerPortal.field.confirmInstallCode')).fill(code);
  await (await s.use('customerPortal.button.createFile')).click();
  await s.use('customerPortal.button.downloadFile');
  await (await s.use('customerPortal.button.close')).click();
  // Issuing the file lists the licenses again from their first page.
  await s.showEveryRow('customerPortal.button.showMore');
  const withdraw = await s.use('customerPortal.button.withdrawOfflineFileFor', { licenseId: accounts.capacityLicenseId });
  await s.check('customerPortal.fileIssued');
  await withdraw.click();
  await withdraw.waitFor({ state: 'detached' });
};

const cmsWalk: Walk = async (s, baseUrl, accounts) => {
  const { installCode, username, password } = accounts.smartServer;
  await s.page.goto(`${baseUrl}/smartservers/${encodeURIComponent(installCode)}/cms/`);
  await s.check('cms.login');
  await (await s.use('cms.field.username')).fill(username);
  await (await s.use('cms.field.password')).fill(password);
  await (await s.use('cms.button.logIn')).click();
  await s.use('cms.region.dashboard');
  await idle(s.page);
  await s.check('cms.dashboard');

  const back = async () => {
    await (await s.use('cms.button.back')).click();
    await s.use('cms.view.manageLicenses');
    await idle(s.page);
  };
  // Manage Licenses opens by itself on a SmartServer without licenses; otherwise from the License Status tile.
  if ((await s.page.getByRole('dialog').filter({ visible: true }).count()) === 0) await (await s.use('cms.button.manageLicenses')).click();
  await s.use('cms.view.manageLicenses');
  await idle(s.page);

  await (await s.use('cms.button.manageCustomerAccounts')).click();
  await s.use('cms.view.customerAccounts');
  await idle(s.page);
  await s.check('cms.customerAccounts');
  const field = await s.use('cms.field.customerId');
  await field.fill(accounts.customer.customerId);
  await field.press('Enter');
  const save = await s.use('cms.button.saveChanges');
  await s.check('cms.customerIdEntered');
  await save.click();
  await save.waitFor({ state: 'detached' });
  await idle(s.page);
  await back();

  await (await s.use('cms.button.downloadFromCloud')).click();
  await s.use('cms.view.downloadFromCloud');
  await idle(s.page);
  await s.check('cms.cloud');
  await s.showEveryRow('cms.button.showMoreOffers');
  await s.check('cms.cloud');
  await (await s.use('cms.checkbox.selectLicense', { licenseId: accounts.capacityLicenseId })).check();
  await (await s.use('cms.button.activate')).click();
  await idle(s.page);
  await back();

  const edit = await s.use('cms.button.editNoteOf', { licenseId: accounts.capacityLicenseId });
  await s.check('cms.manageLicenses');
  await edit.click();
  await s.use('cms.field.noteOf', { licenseId: accounts.capacityLicenseId });
  await s.check('cms.noteEditing');
  await (await s.use('cms.button.saveNoteOf', { licenseId: accounts.capacityLicenseId })).click();
  await idle(s.page);

  await (await s.use('cms.button.addLicense')).click();
  await s.use('cms.view.addLicense');
  await s.check('cms.addLicense');
  await back();

  await (await s.use('cms.button.editNotifications')).click();
  await s.use('cms.view.editNotifications');
  await s.check('cms.notifications');
  await back();

  await (await s.use('cms.button.transferToCloud')).click();
  const transfer = await s.use('cms.dialog.transferToCloud');
  await s.check('cms.transferToCloud');
  await (await s.use('cms.button.cancel', undefined, transfer)).click();

  // With the license active, a device can be provisioned, and its menu then offers what a provisioned device does.
  await s.page.keyboard.press('Escape');
  await idle(s.page);
  await s.check('cms.licensedDevice');
  await (await s.use('cms.deviceAction.provision')).click();
  await idle(s.page);
  await s.check('cms.provisionedDevice');
};

const emulatorWalk: Walk = async (s, baseUrl) => {
  await s.page.goto(`${baseUrl}/fleet/`);
  await s.use('emulator.table.fleet');
  await s.check('emulator.fleet');
  await s.page.goto(`${baseUrl}/`);
  await s.use('emulator.region.landing');
  await s.check('emulator.landing');
};

/** Each walk with the screens it visits, in the order it visits them. */
const WALKS: { screens: Screen[]; walk: Walk }[] = [
  {
    walk: partnerPortalWalk,
    screens: [
      'partnerPortal.login',
      'partnerPortal.myInventory',
      'partnerPortal.foundCustomers',
      'partnerPortal.customerInventory',
      'partnerPortal.searchResults',
      'partnerPortal.orderDetails',
      'partnerPortal.accountNotFound',
      'partnerPortal.confirmTransfer',
      'partnerPortal.transferred',
    ],
  },
  { walk: customerPortalWalk, screens: ['customerPortal.login', 'customerPortal.licenses', 'customerPortal.offlineFile', 'customerPortal.fileIssued'] },
  {
    walk: cmsWalk,
    screens: [
      'cms.login',
      'cms.dashboard',
      'cms.customerAccounts',
      'cms.customerIdEntered',
      'cms.cloud',
      'cms.manageLicenses',
      'cms.noteEditing',
      'cms.addLicense',
      'cms.notifications',
      'cms.transferToCloud',
      'cms.licensedDevice',
      'cms.provisionedDevice',
    ],
  },
  { walk: emulatorWalk, screens: ['emulator.fleet', 'emulator.landing'] },
];

/**
 * The paged lists the walk reads, asked for one row a page (a limit the API allows), so that with
 * the seed's few licenses their Show more buttons show and are checked, and the walk clicks through
 * them to the rows it needs. The seed leaves at least two licenses in each: the customer's own and
 * the inventory license the partner portal's walk transfers to it.
 */
const ONE_ROW_PAGES = [/\/customer\/api\/licenses(\?|$)/, /\/smartservers\/[^/]+\/iap\/lic\/cloud(\?|$)/];

async function askOneRowAPage(context: BrowserContext): Promise<void> {
  for (const pattern of ONE_ROW_PAGES) {
    await context.route(pattern, async (route) => {
      const url = new URL(route.request().url());
      url.searchParams.set('limit', '1');
      await route.continue({ url: url.toString() });
    });
  }
}

/**
 * Looks for every locator of `locators` on the pages at `baseUrl`, in a fresh browser context.
 * The customer portal is walked before the CMS activates the capacity license it logs in with.
 * `waitMs`: how long to wait for an element the walk is about to use before calling it missing.
 */
export async function surveyLocators(
  browser: Browser,
  baseUrl: string,
  locators: Locators,
  accounts: SurveyAccounts,
  waitMs = DEFAULT_WAIT_MS,
): Promise<Finding[]> {
  const findings = new Map<LocatorKey, Finding>();
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
  try {
    await askOneRowAPage(context);
    for (const { walk, screens } of WALKS) {
      const survey = new Surveyor(locators, await context.newPage(), waitMs);
      survey.page.setDefaultTimeout(15_000);
      try {
        await walk(survey, baseUrl.replace(/\/$/, ''), accounts);
      } catch (error) {
        if (!(error instanceof Blocked)) throw error;
        survey.unreached(screens, error.key);
      }
      for (const finding of survey.findings.values()) findings.set(finding.key, finding);
      await survey.page.close();
    }
  } finally {
    await context.close();
  }
  return LOCATOR_KEYS.map((key) => findings.get(key) ?? { key, status: 'missing' as const });
}
