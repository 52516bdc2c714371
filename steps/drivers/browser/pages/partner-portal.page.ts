import type { Locator, Page } from 'playwright-core';
import type { CustomerEntry, LicenseSummary, OrderDetails, SearchQuery, TransferResult } from '../../surfaces';
import type { Snap } from '../screenshots';
import { flagOf, numberOf, optional, readTable, readTerms, screenProblem, settled, storedToken, successOrRefusal, throwShownProblem, type Row } from './common';

/** The License Partner Portal page (/partner/), found by roles and accessible names. */
export class PartnerPortalPage {
  static readonly SESSION_KEY = 'sslab.partner';

  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
    private readonly snap: Snap = async () => undefined,
  ) {}

  private get loginRegion(): Locator {
    return this.page.getByRole('region', { name: 'Log in' });
  }

  private tab(name: 'My Inventory' | 'Customer Inventory' | 'Search'): Locator {
    return this.page.getByRole('tablist', { name: 'Portal views' }).getByRole('tab', { name, exact: true });
  }

  private panel(name: 'My Inventory' | 'Customer Inventory' | 'Search'): Locator {
    return this.page.getByRole('tabpanel', { name, exact: true });
  }

  get orderRegion(): Locator {
    return this.page.getByRole('region', { name: 'Order Details' });
  }

  get notFoundDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Customer account not found' });
  }

  get confirmDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Confirm transfer' });
  }

  /** Logs in and returns the session token the page keeps; a refusal is thrown as the API worded it. */
  async logIn(email: string, password: string): Promise<string> {
    await this.page.goto(`${this.baseUrl}/partner/`);
    await this.loginRegion.getByRole('textbox', { name: 'Email', exact: true }).fill(email);
    await this.loginRegion.getByLabel('Password', { exact: true }).fill(password);
    await this.snap('partner-portal-login');
    await this.loginRegion.getByRole('button', { name: 'LOGIN' }).click();
    await successOrRefusal(this.panel('My Inventory'), this.loginRegion);
    await settled(this.panel('My Inventory'));
    await this.snap('partner-portal-my-inventory');
    return storedToken(this.page, PartnerPortalPage.SESSION_KEY);
  }

  /** Shows a tab of the portal, leaving Order Details first when it is open. */
  async showTab(name: 'My Inventory' | 'Customer Inventory' | 'Search'): Promise<Locator> {
    if (await this.orderRegion.isVisible()) await this.orderRegion.getByRole('button', { name: 'Back to inventory' }).click();
    await this.tab(name).click();
    const panel = this.panel(name);
    await settled(panel);
    await throwShownProblem(panel);
    return panel;
  }

  async inventory(name: 'My Inventory' | 'Customer Inventory'): Promise<LicenseSummary[]> {
    const panel = await this.showTab(name);
    const rows = (await readTable(panel.getByRole('table', { name }))).map(licenseOf);
    await this.snap(name === 'My Inventory' ? 'partner-portal-my-inventory' : 'partner-portal-customer-inventory');
    return rows;
  }

  async search(query: SearchQuery): Promise<LicenseSummary[]> {
    const panel = await this.showTab('Search');
    const customer = panel.getByRole('combobox', { name: 'Customer Name' });
    if (query.customerName) {
      const option = customer.getByRole('option', { name: new RegExp(`^${escapeRegExp(query.customerName)} \\(`) });
      if ((await option.count()) === 0) {
        throw screenProblem(404, 'customer-account-not-found', `The Customer Name list has no customer named ${query.customerName}.`);
      }
      await customer.selectOption({ value: query.customerName });
    } else {
      await customer.selectOption({ value: '' });
    }
    await panel.getByRole('textbox', { name: 'PO Number' }).fill(query.poNumber ?? '');
    await panel.getByRole('radio', { name: query.onlyAvailable ? 'Show Only Assets with Available Activations' : 'Show All Assets' }).check();
    await panel.getByRole('button', { name: 'Search', exact: true }).click();
    await settled(panel);
    await throwShownProblem(panel);
    const rows = (await readTable(panel.getByRole('table', { name: 'Search results' }))).map(licenseOf);
    await this.snap('partner-portal-search');
    return rows;
  }

  /** The Customer Name list of the Search tab: each customer with the Customer ID shown next to it. */
  async searchCustomerChoices(): Promise<CustomerEntry[]> {
    const panel = await this.showTab('Search');
    const labels = await panel.getByRole('combobox', { name: 'Customer Name' }).getByRole('option').allInnerTexts();
    return labels.flatMap((label) => {
      const match = /^(.*) \(([0-9a-f-]{36})\)$/.exec(label.trim());
      return match ? [{ name: match[1], customerId: match[2] }] : [];
    });
  }

  /** Finds customers by typing (part of) a name in My Inventory; each comes with its Customer ID. */
  async findCustomers(name?: string): Promise<CustomerEntry[]> {
    const panel = await this.showTab('My Inventory');
    const finder = panel.getByRole('search', { name: 'Find a Customer ID' });
    await finder.getByRole('searchbox', { name: 'Customer Name' }).fill(name ?? '');
    await finder.getByRole('button', { name: 'Find' }).click();
    const results = panel.locator('#found-customers');
    await settled(results);
    await throwShownProblem(results);
    await this.snap('partner-portal-find-customer-id');
    return (await readTable(panel.getByRole('table', { name: 'Matching customers' }))).map((row) => ({
      name: row['Customer Name'],
      customerId: row['Customer ID'],
      ...(row['Contact Email'] ? { contactEmail: row['Contact Email'] } : {}),
    }));
  }

  /** Opens a license's Order Details by clicking its Model Number in My Inventory or Customer Inventory. */
  async openOrder(licenseId: string): Promise<void> {
    for (const name of ['My Inventory', 'Customer Inventory'] as const) {
      const panel = await this.showTab(name);
      const table = panel.getByRole('table', { name });
      const index = (await readTable(table)).findIndex((row) => row['License ID'] === licenseId);
      if (index < 0) continue;
      await table.locator('tbody tr').nth(index).getByRole('button').first().click();
      await settled(this.orderRegion);
      await throwShownProblem(this.orderRegion);
      await this.snap('partner-portal-order-details');
      return;
    }
    throw screenProblem(404, 'license-not-found', `Neither My Inventory nor Customer Inventory lists license ${licenseId}.`);
  }

  async orderDetails(licenseId: string): Promise<OrderDetails> {
    await this.openOrder(licenseId);
    return this.readOrder();
  }

  private async readOrder(): Promise<OrderDetails> {
    const region = this.orderRegion;
    const facts = await readTerms(region.locator('dl'));
    const selectedTab = await region.getByRole('tablist', { name: 'Order Details views' }).getByRole('tab', { selected: true }).innerText();
    const transferTo = await region.getByRole('combobox', { name: 'Transfer To' }).inputValue();
    const customers = await region
      .locator('datalist option')
      .evaluateAll((options) =>
        options.map((o) => ({ name: (o as HTMLOptionElement).value, customerId: (o as HTMLOptionElement).label.replace(/^Customer ID /, '') })),
      );
    return { license: licenseOfFacts(facts), transferDefaults: { tab: selectedTab.trim() as 'Transfer', transferTo: transferTo as 'Customer' }, customers };
  }

  /**
   * Transfers a license as the portal's workflow goes: Model Number, Transfer tab, Customer Name,
   * Transfer, (for an unknown name) the "customer account not found" dialog with optional details
   * and Next, the confirmation dialog, and the green banner.
   */
  async transfer(licenseId: string, customerName: string, newAccount?: Record<string, string | undefined>): Promise<TransferResult> {
    await this.openOrder(licenseId);
    const defaults = await this.readOrder();
    if (defaults.transferDefaults.tab !== 'Transfer' || defaults.transferDefaults.transferTo !== 'Customer') {
      throw new Error(
        `Order Details opened on ${defaults.transferDefaults.tab} with Transfer To ${defaults.transferDefaults.transferTo}, not on Transfer with Customer.`,
      );
    }
    const form = this.page.getByRole('tabpanel', { name: 'Transfer' });
    await form.getByRole('combobox', { name: 'Customer Name' }).fill(customerName);
    await form.getByRole('button', { name: 'Transfer', exact: true }).click();
    await this.notFoundDialog.or(this.confirmDialog).or(this.orderRegion.getByRole('alert')).first().waitFor();
    await throwShownProblem(this.orderRegion);

    const created = await this.notFoundDialog.isVisible();
    if (created) {
      if (!newAccount) {
        const text = (await this.notFoundDialog.locator('p').first().innerText()).trim();
        await this.notFoundDialog.getByRole('button', { name: 'Cancel' }).click();
        throw screenProblem(404, 'customer-account-not-found', text);
      }
      const labels: Record<string, string> = { contactEmail: 'Contact Email', contactName: 'Contact Name', phone: 'Phone', address: 'Address' };
      for (const [field, value] of Object.entries(newAccount)) {
        if (value !== undefined && labels[field]) await this.notFoundDialog.getByLabel(labels[field], { exact: true }).fill(value);
      }
      await this.snap('partner-portal-customer-account-not-found');
      await this.notFoundDialog.getByRole('button', { name: 'Next' }).click();
    }
    await this.confirmDialog.waitFor();
    await this.snap('partner-portal-confirm-transfer');
    await this.confirmDialog.getByRole('button', { name: 'Transfer', exact: true }).click();
    await settled(this.orderRegion);
    await throwShownProblem(this.confirmDialog);
    await throwShownProblem(this.orderRegion);
    if (await this.confirmDialog.isVisible()) await this.confirmDialog.getByRole('button', { name: 'Cancel' }).click();

    const banner = await this.successBanner.innerText();
    await this.snap('partner-portal-transfer-completed');
    const { license } = await this.readOrder();
    if (!license.customer) throw new Error(`After the transfer, Order Details shows no customer; the banner said: ${banner}`);
    return { message: banner, retiredLicenseId: licenseId, license, customer: { ...license.customer, created: /account was created/.test(banner) } };
  }

  get successBanner(): Locator {
    return this.orderRegion.getByRole('status').filter({ hasText: / transferred to / });
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function licenseOf(row: Row): LicenseSummary {
  const customerName = optional(row.Customer);
  return {
    licenseId: row['License ID'],
    model: row['Model Number'],
    kind: row.Type as LicenseSummary['kind'],
    capacity: numberOf(row.Devices),
    status: row.Status,
    ...(optional(row['PO Number']) ? { poNumber: row['PO Number'] } : {}),
    ...(optional(row['Maintenance Ends']) ? { maintenanceEnds: row['Maintenance Ends'] } : {}),
    ...(optional(row['Original License ID']) ? { predecessorId: row['Original License ID'] } : {}),
    ...(optional(row['New License ID']) ? { successorId: row['New License ID'] } : {}),
    ...(customerName ? { customer: { name: customerName, customerId: row['Customer ID'] ?? '' } } : {}),
    transferred: flagOf(row.Transferred),
    activated: flagOf(row.Activated),
    available: flagOf(row.Available),
  };
}

function licenseOfFacts(facts: Row): LicenseSummary {
  return licenseOf({ ...facts, Customer: facts.Customer, 'Customer ID': optional(facts['Customer ID']) ?? '' });
}
