import type { Locator, Page } from 'playwright-core';
import type { CustomerEntry, LicenseSummary, OrderDetails, SearchQuery, TransferResult } from '../../surfaces';
import type { Snap } from '../screenshots';
import { type LocatorKey, type Locators, nameOf } from '../locators';
import { valueFor } from '../../../../emulator/kernel/plain-words';
import {
  flagOf,
  leaveSession,
  numberOf,
  openSignedIn,
  optional,
  press,
  problemOf,
  readTable,
  readTerms,
  type Row,
  screenProblem,
  settled,
  shown,
  storedToken,
  successOrRefusal,
  throwShownProblem,
} from './common';

/**
 * A tab of the portal: the tab (which also names its panel) and, for the inventories, the table.
 * One constant per tab, so each method names only the tabs it uses.
 */
interface PortalTab {
  tab: LocatorKey;
  table?: LocatorKey;
}
const MY_INVENTORY: PortalTab = { tab: 'partnerPortal.tab.myInventory', table: 'partnerPortal.table.myInventory' };
const CUSTOMER_INVENTORY: PortalTab = { tab: 'partnerPortal.tab.customerInventory', table: 'partnerPortal.table.customerInventory' };
const SEARCH: PortalTab = { tab: 'partnerPortal.tab.search' };

/** The License Partner Portal page (/partner/), found by roles and accessible names. */
export class PartnerPortalPage {
  static readonly SESSION_KEY = 'sslab.partner';
  /** The picture of the login page a run keeps. */
  static readonly LOGIN_PICTURE = 'partner-portal-login';

  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
    private readonly locators: Locators,
    private readonly snap: Snap = async () => undefined,
  ) {}

  /** The name to find an element by, as the effective locator map words it. */
  private name(key: LocatorKey): string | RegExp {
    return nameOf(this.locators[key]);
  }

  /** The words of a column header or Order Details term, which key the rows read. */
  private readonly w = (key: LocatorKey): string => this.locators[key].text;

  private get loginRegion(): Locator {
    return this.page.getByRole('region', { name: this.name('partnerPortal.region.login') });
  }

  private tab(name: PortalTab): Locator {
    return this.page.getByRole('tablist', { name: this.name('partnerPortal.tablist.views') }).getByRole('tab', { name: this.name(name.tab), exact: true });
  }

  /** A tab's panel, named by its tab. */
  private panel(name: PortalTab): Locator {
    return this.page.getByRole('tabpanel', { name: this.name(name.tab), exact: true });
  }

  get orderRegion(): Locator {
    return this.page.getByRole('region', { name: this.name('partnerPortal.region.orderDetails') });
  }

  get notFoundDialog(): Locator {
    return this.page.getByRole('dialog', { name: this.name('partnerPortal.dialog.accountNotFound') });
  }

  get confirmDialog(): Locator {
    return this.page.getByRole('dialog', { name: this.name('partnerPortal.dialog.confirmTransfer') });
  }

  /** Where the portal is. */
  static url(baseUrl: string): string {
    return `${baseUrl}/partner/`;
  }

  /**
   * Logs in and returns the session token the page keeps; a refusal is thrown as the API worded
   * it. `here` when the tab shows the portal already, whose form is then used without loading the page again.
   */
  async logIn(email: string, password: string, here = false): Promise<string> {
    if (here) await leaveSession(this.page.getByRole('button', { name: this.name('partnerPortal.button.logOut') }), this.loginRegion);
    else await this.page.goto(PartnerPortalPage.url(this.baseUrl));
    await this.loginRegion.getByRole('textbox', { name: this.name('partnerPortal.field.email'), exact: true }).fill(email);
    await this.loginRegion.getByLabel(this.name('partnerPortal.field.password'), { exact: true }).fill(password);
    await this.snap(PartnerPortalPage.LOGIN_PICTURE);
    await press(this.loginRegion.getByRole('button', { name: this.name('partnerPortal.button.login') }));
    await successOrRefusal(this.panel(MY_INVENTORY), this.loginRegion);
    await settled(this.panel(MY_INVENTORY));
    await this.snap('partner-portal-my-inventory');
    return storedToken(this.page, PartnerPortalPage.SESSION_KEY);
  }

  /** Opens the portal signed in with the session its login form stores (`token` and `partner` of the login's answer). */
  async enter(session: { token: string; partner: unknown }): Promise<void> {
    await openSignedIn(this.page, PartnerPortalPage.url(this.baseUrl), PartnerPortalPage.SESSION_KEY, session);
    await successOrRefusal(this.panel(MY_INVENTORY), this.loginRegion);
    await settled(this.panel(MY_INVENTORY));
    await this.snap('partner-portal-my-inventory');
  }

  /** Shows a tab of the portal, leaving Order Details first when it is open. */
  async showTab(name: PortalTab): Promise<Locator> {
    if (await this.orderRegion.isVisible()) await press(this.orderRegion.getByRole('button', { name: this.name('partnerPortal.button.backToInventory') }));
    await press(this.tab(name));
    const panel = this.panel(name);
    await settled(panel);
    await throwShownProblem(panel);
    return panel;
  }

  /** An inventory, read again from its tab; My Inventory as it shows when `justLoaded` (the page opens on it). */
  async inventory(which: 'myInventory' | 'customerInventory', justLoaded = false): Promise<LicenseSummary[]> {
    const tab = which === 'myInventory' ? MY_INVENTORY : CUSTOMER_INVENTORY;
    const asOpened = justLoaded && tab === MY_INVENTORY;
    const panel = asOpened ? this.panel(tab) : await this.showTab(tab);
    if (asOpened) await throwShownProblem(panel);
    const rows = (await readTable(panel.getByRole('table', { name: this.name(tab.table!) }))).map(this.licenseOf);
    await this.snap(which === 'myInventory' ? 'partner-portal-my-inventory' : 'partner-portal-customer-inventory');
    return rows;
  }

  async search(query: SearchQuery): Promise<LicenseSummary[]> {
    const panel = await this.showTab(SEARCH);
    const customer = panel.getByRole('combobox', { name: this.name('partnerPortal.field.searchCustomerName') });
    if (query.customerName) {
      const option = customer.getByRole('option', { name: new RegExp(`^${escapeRegExp(query.customerName)} \\(`) });
      if ((await option.count()) === 0) {
        throw screenProblem(404, 'customer-account-not-found', `The Customer Name list has no customer named ${query.customerName}.`);
      }
      await customer.selectOption({ value: query.customerName });
    } else {
      await customer.selectOption({ value: '' });
    }
    await panel.getByRole('textbox', { name: this.name('partnerPortal.field.poNumber') }).fill(query.poNumber ?? '');
    await panel
      .getByRole('radio', { name: this.name(query.onlyAvailable ? 'partnerPortal.option.showOnlyAvailable' : 'partnerPortal.option.showAllAssets') })
      .check();
    await press(panel.getByRole('button', { name: this.name('partnerPortal.button.search'), exact: true }));
    await settled(panel);
    await throwShownProblem(panel);
    const rows = (await readTable(panel.getByRole('table', { name: this.name('partnerPortal.table.searchResults') }))).map(this.licenseOf);
    await this.snap('partner-portal-search');
    return rows;
  }

  /** The Customer Name list of the Search tab: each customer with the Customer ID shown next to it. */
  async searchCustomerChoices(): Promise<CustomerEntry[]> {
    const panel = await this.showTab(SEARCH);
    const labels = await panel
      .getByRole('combobox', { name: this.name('partnerPortal.field.searchCustomerName') })
      .getByRole('option')
      .allInnerTexts();
    return labels.flatMap((label) => {
      const match = CUSTOMER_CHOICE.exec(label.trim());
      return match ? [{ name: match[1], customerId: match[2] }] : [];
    });
  }

  /** Finds customers by typing (part of) a name in My Inventory; each comes with its Customer ID. */
  async findCustomers(name?: string): Promise<CustomerEntry[]> {
    const panel = await this.showTab(MY_INVENTORY);
    const finder = panel.getByRole('search', { name: this.name('partnerPortal.search.findCustomerId') });
    await finder.getByRole('searchbox', { name: this.name('partnerPortal.field.findCustomerName') }).fill(name ?? '');
    await press(finder.getByRole('button', { name: this.name('partnerPortal.button.find') }));
    const results = panel.locator('#found-customers');
    await settled(results);
    await throwShownProblem(results);
    await this.snap('partner-portal-find-customer-id');
    const w = this.w;
    return (await readTable(panel.getByRole('table', { name: this.name('partnerPortal.table.matchingCustomers') }))).map((row) => ({
      name: row[w('partnerPortal.column.customerName')],
      customerId: row[w('partnerPortal.column.customerId')],
      ...(row[w('partnerPortal.column.contactEmail')] ? { contactEmail: row[w('partnerPortal.column.contactEmail')] } : {}),
    }));
  }

  /** Opens a license's Order Details by clicking its Model Number in My Inventory or Customer Inventory. */
  async openOrder(licenseId: string): Promise<void> {
    for (const tab of [MY_INVENTORY, CUSTOMER_INVENTORY]) {
      const panel = await this.showTab(tab);
      const table = panel.getByRole('table', { name: this.name(tab.table!) });
      const index = (await readTable(table)).findIndex((row) => row[this.w('partnerPortal.column.licenseId')] === licenseId);
      if (index < 0) continue;
      await press(table.locator('tbody tr').nth(index).getByRole('button').first());
      await settled(this.orderRegion);
      await throwShownProblem(this.orderRegion);
      await this.snap('partner-portal-order-details');
      return;
    }
    throw screenProblem(
      404,
      'license-not-found',
      `Neither ${this.w('partnerPortal.tab.myInventory')} nor ${this.w('partnerPortal.tab.customerInventory')} lists license ${licenseId}.`,
    );
  }

  async orderDetails(licenseId: string): Promise<OrderDetails> {
    await this.openOrder(licenseId);
    return this.readOrder();
  }

  private async readOrder(): Promise<OrderDetails> {
    const region = this.orderRegion;
    const facts = await readTerms(region.locator('dl'));
    const selectedTab = await region
      .getByRole('tablist', { name: this.name('partnerPortal.tablist.orderViews') })
      .getByRole('tab', { selected: true })
      .innerText();
    const transferTo = await region.getByRole('combobox', { name: this.name('partnerPortal.field.transferTo') }).inputValue();
    // The Customer Name drop-down shows each existing customer with its Customer ID.
    const choices = await region
      .getByRole('tabpanel', { name: this.name('partnerPortal.tab.transfer') })
      .getByRole('combobox', { name: this.name('partnerPortal.field.transferCustomerName') })
      .getByRole('option', { includeHidden: true })
      .allInnerTexts();
    const customers = choices.flatMap((label) => {
      const match = CUSTOMER_CHOICE.exec(label.trim());
      return match ? [{ name: match[1], customerId: match[2] }] : [];
    });
    return { license: this.licenseOf(facts), transferDefaults: { tab: selectedTab.trim() as 'Transfer', transferTo: transferTo as 'Customer' }, customers };
  }

  /**
   * Transfers a license as the portal's workflow goes: Model Number, Transfer tab, Customer Name,
   * Transfer, (for an unknown name) the "customer account not found" dialog with optional details
   * and Next, the confirmation dialog, and the green banner.
   */
  async transfer(licenseId: string, customerName: string, newAccount?: Record<string, string | undefined>): Promise<TransferResult> {
    await this.openOrder(licenseId);
    const defaults = await this.readOrder();
    const transferTab = this.w('partnerPortal.tab.transfer');
    if (defaults.transferDefaults.tab !== transferTab || defaults.transferDefaults.transferTo !== 'Customer') {
      throw new Error(
        `Order Details opened on ${defaults.transferDefaults.tab} with Transfer To ${defaults.transferDefaults.transferTo}, not on ${transferTab} with Customer.`,
      );
    }
    const form = this.page.getByRole('tabpanel', { name: this.name('partnerPortal.tab.transfer') });
    // A retired License ID shows why it cannot be transferred where the Transfer form would be.
    const trackingOnly = form.getByText(this.name('partnerPortal.text.trackingOnly'));
    if (await trackingOnly.isVisible()) {
      await this.snap('partner-portal-retired-license');
      throw screenProblem(409, 'license-retired', (await trackingOnly.innerText()).trim());
    }
    const choice = form.getByRole('combobox', { name: this.name('partnerPortal.field.transferCustomerName') });
    if (defaults.customers.some((c) => c.name === customerName)) {
      await choice.selectOption({
        label: defaults.customers.map((c) => `${c.name} (Customer ID ${c.customerId})`).find((l) => l.startsWith(`${customerName} (`))!,
      });
    } else {
      await choice.selectOption({ label: this.w('partnerPortal.option.newCustomer') });
      await form.getByRole('textbox', { name: this.name('partnerPortal.field.newCustomerName') }).fill(customerName);
    }
    await press(form.getByRole('button', { name: this.name('partnerPortal.button.transfer'), exact: true }));
    await shown(this.notFoundDialog.or(this.confirmDialog).or(this.orderRegion.getByRole('alert')).first());
    await throwShownProblem(this.orderRegion);

    const created = await this.notFoundDialog.isVisible();
    if (created) {
      if (!newAccount) {
        const text = (await this.notFoundDialog.locator('p').first().innerText()).trim();
        await press(this.notFoundDialog.getByRole('button', { name: this.name('partnerPortal.button.cancel') }));
        throw screenProblem(404, 'customer-account-not-found', text);
      }
      const fields: Record<string, LocatorKey> = {
        contactEmail: 'partnerPortal.field.contactEmail',
        contactName: 'partnerPortal.field.contactName',
        phone: 'partnerPortal.field.phone',
        address: 'partnerPortal.field.address',
      };
      for (const [field, value] of Object.entries(newAccount)) {
        if (value !== undefined && fields[field]) await this.notFoundDialog.getByLabel(this.name(fields[field]), { exact: true }).fill(value);
      }
      await this.snap('partner-portal-customer-account-not-found');
      await press(this.notFoundDialog.getByRole('button', { name: this.name('partnerPortal.button.next') }));
    }
    await shown(this.confirmDialog);
    await this.snap('partner-portal-confirm-transfer');
    await press(this.confirmDialog.getByRole('button', { name: this.name('partnerPortal.button.confirmTransfer'), exact: true }));
    await settled(this.orderRegion);
    const refusal = this.confirmDialog.getByRole('alert');
    if ((await this.confirmDialog.isVisible()) && (await refusal.count()) > 0) {
      const problem = await problemOf(refusal.first());
      await this.snap('partner-portal-transfer-refused');
      // Back keeps what was typed; the dialogs are then left the way a person would leave them.
      await press(this.confirmDialog.getByRole('button', { name: this.name('partnerPortal.button.back'), exact: true }));
      if (await this.notFoundDialog.isVisible()) await press(this.notFoundDialog.getByRole('button', { name: this.name('partnerPortal.button.cancel') }));
      throw problem;
    }
    await throwShownProblem(this.orderRegion);
    if (await this.confirmDialog.isVisible()) await press(this.confirmDialog.getByRole('button', { name: this.name('partnerPortal.button.cancel') }));

    const banner = await this.successBanner.innerText();
    await this.snap('partner-portal-transfer-completed');
    const { license } = await this.readOrder();
    if (!license.customer) throw new Error(`After the transfer, Order Details shows no customer; the banner said: ${banner}`);
    return { message: banner, retiredLicenseId: licenseId, license, customer: { ...license.customer, created: /account was created/.test(banner) } };
  }

  /** A row of a license table, or the terms of Order Details, as the surfaces' LicenseSummary. */
  private readonly licenseOf = (row: Row): LicenseSummary => {
    const w = this.w;
    const customerName = optional(row[w('partnerPortal.column.customer')]);
    const poNumber = optional(row[w('partnerPortal.column.poNumber')]);
    const maintenanceEnds = optional(row[w('partnerPortal.column.maintenanceEnds')]);
    const predecessorId = optional(row[w('partnerPortal.column.originalLicenseId')]);
    const successorId = optional(row[w('partnerPortal.column.newLicenseId')]);
    return {
      licenseId: row[w('partnerPortal.column.licenseId')],
      model: row[w('partnerPortal.column.modelNumber')],
      kind: (valueFor('licenseKind', row[w('partnerPortal.column.type')]) ?? row[w('partnerPortal.column.type')]) as LicenseSummary['kind'],
      capacity: numberOf(row[w('partnerPortal.column.devices')]),
      status: valueFor('licenseStatus', row[w('partnerPortal.column.status')]) ?? row[w('partnerPortal.column.status')],
      ...(poNumber ? { poNumber } : {}),
      ...(maintenanceEnds ? { maintenanceEnds } : {}),
      ...(predecessorId ? { predecessorId } : {}),
      ...(successorId ? { successorId } : {}),
      ...(customerName ? { customer: { name: customerName, customerId: optional(row[w('partnerPortal.column.customerId')]) ?? '' } } : {}),
      transferred: flagOf(row[w('partnerPortal.column.transferred')]),
      activated: flagOf(row[w('partnerPortal.column.activated')]),
      available: flagOf(row[w('partnerPortal.column.available')]),
    };
  };

  get successBanner(): Locator {
    return this.orderRegion.getByRole('status').filter({ hasText: this.name('partnerPortal.banner.transferred') });
  }
}

/** A choice of the Customer Name drop-downs: the customer's name and its Customer ID. */
const CUSTOMER_CHOICE = /^(.*) \(Customer ID ([0-9a-f-]{36})\)$/;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
