import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import type { CustomerLicense } from '../../surfaces';
import type { ChangeMarks } from '../change-marks';
import type { Snap } from '../screenshots';
import { type LocatorKey, type Locators, nameOf } from '../locators';
import { valueFor } from '../../../../emulator/kernel/plain-words';
import {
  leaveSession,
  numberOf,
  openSignedIn,
  press,
  readTable,
  type Row,
  screenProblem,
  settled,
  storedToken,
  successOrRefusal,
  throwShownProblem,
} from './common';

/** The License Customer Portal page (/customer/). */
export class CustomerPortalPage {
  static readonly SESSION_KEY = 'sslab.customer';

  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
    private readonly locators: Locators,
    private readonly snap: Snap = async () => undefined,
    private readonly marks?: ChangeMarks,
  ) {}

  /** The name to find an element by, as the effective locator map words it. */
  private name(key: LocatorKey, values?: Record<string, string>): string | RegExp {
    return nameOf(this.locators[key], values);
  }

  private get loginRegion(): Locator {
    return this.page.getByRole('region', { name: this.name('customerPortal.region.login') });
  }

  get licensesRegion(): Locator {
    return this.page.getByRole('region', { name: this.name('customerPortal.region.licenses') });
  }

  get offlineDialog(): Locator {
    return this.page.getByRole('dialog', { name: this.name('customerPortal.dialog.offlineFile') });
  }

  /** Where the portal is. */
  static url(baseUrl: string): string {
    return `${baseUrl}/customer/`;
  }

  /**
   * Logs in with an EID (a License ID) or with a contact email; returns the page's session token.
   * `here` when the tab shows the portal already, whose form is then used without loading the page again.
   */
  async logIn(credential: { eid: string } | { email: string }, here = false): Promise<string> {
    if (here) await leaveSession(this.page.getByRole('button', { name: this.name('customerPortal.button.logOut') }), this.loginRegion);
    else await this.page.goto(CustomerPortalPage.url(this.baseUrl));
    if ('eid' in credential) {
      const form = this.page.getByRole('form', { name: this.name('customerPortal.form.eidLogin') });
      await form.getByRole('textbox', { name: this.name('customerPortal.field.eid') }).fill(credential.eid);
      await this.snap('customer-portal-login');
      await press(form.getByRole('button', { name: this.name('customerPortal.button.logInWithEid') }));
    } else {
      const form = this.page.getByRole('form', { name: this.name('customerPortal.form.emailLogin') });
      await form.getByRole('textbox', { name: this.name('customerPortal.field.email') }).fill(credential.email);
      await press(form.getByRole('button', { name: this.name('customerPortal.button.logInWithEmail') }));
    }
    await successOrRefusal(this.licensesRegion, this.loginRegion);
    await settled(this.licensesRegion);
    await this.snap('customer-portal-licenses');
    return storedToken(this.page, CustomerPortalPage.SESSION_KEY);
  }

  /** Opens the portal signed in with the session its login forms store (`token` and `customer` of the login's answer). */
  async enter(session: { token: string; customer: unknown }): Promise<void> {
    await openSignedIn(this.page, CustomerPortalPage.url(this.baseUrl), CustomerPortalPage.SESSION_KEY, session);
    await successOrRefusal(this.licensesRegion, this.loginRegion);
    await settled(this.licensesRegion);
    await this.snap('customer-portal-licenses');
  }

  /** Who is logged in, as the page header names the account. */
  async account(): Promise<{ name: string; customerId: string }> {
    const text = await this.page.getByRole('banner').locator('#who-name').innerText();
    const match = /(\S.*) \(Customer ID ([0-9a-f-]{36})\)/.exec(text);
    if (!match) throw new Error(`The portal header names no customer account: ${text}`);
    return { name: match[1].trim(), customerId: match[2] };
  }

  /**
   * My licenses, refreshed unless `justLoaded` (the page was loaded this moment and lists them
   * already) or the list the tab last read is still current: the target's change mark is what it
   * was then (see change-marks.ts).
   */
  async licenses(justLoaded = false): Promise<CustomerLicense[]> {
    const mark = await this.marks?.now();
    if (!justLoaded) {
      if (await this.offlineDialog.isVisible()) await press(this.offlineDialog.getByRole('button', { name: this.name('customerPortal.button.close') }));
      if (!this.marks?.unchanged(this.page, mark)) await press(this.licensesRegion.getByRole('button', { name: this.name('customerPortal.button.refresh') }));
    }
    this.marks?.forget(this.page);
    await settled(this.licensesRegion);
    await throwShownProblem(this.licensesRegion);
    this.marks?.read(this.page, mark);
    // My licenses shows a page at a time: Show more until every license is listed.
    const more = this.licensesRegion.getByRole('button', { name: this.name('customerPortal.button.showMore') });
    for (let pages = 0; pages < 1000 && (await more.count()) > 0; pages++) {
      await press(more);
      await settled(this.licensesRegion);
      await throwShownProblem(this.licensesRegion);
    }
    return (await readTable(this.licensesRegion.getByRole('table', { name: this.name('customerPortal.table.licenses') }))).map(this.licenseOf);
  }

  /**
   * Creates a device capacity offline activation file for the SmartServer with `installCode` and
   * downloads it, as a customer carries it to the CMS: the file's name and text.
   */
  async createOfflineFile(licenseId: string, installCode: string, confirmation = installCode, justLoaded = false): Promise<{ fileName: string; text: string }> {
    const rows = await this.licenses(justLoaded);
    const index = rows.findIndex((row) => row.licenseId === licenseId);
    if (index < 0) throw screenProblem(404, 'license-not-found', `My licenses does not list license ${licenseId}.`);
    // A maintenance license's row sends the customer to Customer Success instead of offering the file.
    const row = this.licensesRegion
      .getByRole('table', { name: this.name('customerPortal.table.licenses') })
      .locator('tbody tr')
      .nth(index);
    const elsewhere = row.getByText(this.name('customerPortal.text.askCustomerSuccess'));
    if (await elsewhere.count()) throw screenProblem(422, 'offline-maintenance-needs-customer-success', (await elsewhere.innerText()).trim());
    // The dialog may show a refusal and leave the list as it was; the next read refreshes.
    this.marks?.forget(this.page);
    await press(this.licensesRegion.getByRole('button', { name: this.name('customerPortal.button.createOfflineFileFor', { licenseId }) }));
    await this.offlineDialog.getByRole('textbox', { name: this.name('customerPortal.field.installCode'), exact: true }).fill(installCode);
    await this.offlineDialog.getByRole('textbox', { name: this.name('customerPortal.field.confirmInstallCode') }).fill(confirmation);
    await press(this.offlineDialog.getByRole('button', { name: this.name('customerPortal.button.createFile') }));
    await settled(this.offlineDialog);
    const refusal = this.offlineDialog.getByRole('alert');
    if (await refusal.count()) {
      try {
        await throwShownProblem(this.offlineDialog);
      } finally {
        await press(this.offlineDialog.getByRole('button', { name: this.name('customerPortal.button.close') }));
      }
    }
    await this.snap('customer-portal-offline-activation-file');
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      press(this.offlineDialog.getByRole('button', { name: this.name('customerPortal.button.downloadFile') })),
    ]);
    const path = await download.path();
    const text = await readFile(path, 'utf8');
    return { fileName: download.suggestedFilename(), text };
  }

  /** Withdraws the license's unused offline file from its row of My licenses; answers the row as it shows then. */
  async withdrawOfflineFile(licenseId: string): Promise<CustomerLicense> {
    const shown = (await this.licenses()).find((row) => row.licenseId === licenseId);
    if (!shown) throw screenProblem(404, 'license-not-found', `My licenses does not list license ${licenseId}.`);
    const button = this.licensesRegion.getByRole('button', { name: this.name('customerPortal.button.withdrawOfflineFileFor', { licenseId }) });
    if ((await button.count()) === 0) {
      // The page offers the withdrawal only for an unused file; the row's status says why there is none.
      if (shown.status === 'active')
        throw screenProblem(409, 'license-already-active', `License ${licenseId} is active: its file was loaded, so there is nothing to withdraw.`);
      throw screenProblem(409, 'no-offline-file', `My licenses offers no offline activation file to withdraw for license ${licenseId}.`);
    }
    this.marks?.forget(this.page);
    await press(button);
    await settled(this.licensesRegion);
    await throwShownProblem(this.licensesRegion);
    await this.snap('customer-portal-offline-file-withdrawn');
    const table = this.licensesRegion.getByRole('table', { name: this.name('customerPortal.table.licenses') });
    const row = (await readTable(table)).map(this.licenseOf).find((license) => license.licenseId === licenseId);
    if (!row) throw screenProblem(404, 'license-not-found', `My licenses no longer lists license ${licenseId}.`);
    return row;
  }

  /** A row of My licenses as the surfaces' CustomerLicense. */
  private readonly licenseOf = (row: Row): CustomerLicense => {
    const w = (key: LocatorKey) => this.locators[key].text;
    const offline = row[w('customerPortal.column.offlineActivation')];
    return {
      licenseId: row[w('customerPortal.column.eid')],
      eid: row[w('customerPortal.column.eid')],
      model: row[w('customerPortal.column.modelNumber')],
      kind: (valueFor('licenseKind', row[w('customerPortal.column.type')]) ?? row[w('customerPortal.column.type')]) as CustomerLicense['kind'],
      capacity: numberOf(row[w('customerPortal.column.devices')]),
      description: row[w('customerPortal.column.description')],
      status: valueFor('licenseStatus', row[w('customerPortal.column.status')]) ?? row[w('customerPortal.column.status')],
      installCode: row[w('customerPortal.column.installCode')] || null,
      activationMode: (valueFor('activationMode', row[w('customerPortal.column.activation')]) ?? null) as CustomerLicense['activationMode'],
      maintenanceEnds: row[w('customerPortal.column.maintenanceEnds')] || null,
      offlineFileFrom: offline.startsWith(this.locators['customerPortal.text.askCustomerSuccess'].text)
        ? 'customer-success'
        : /No offline file/.test(offline)
          ? null
          : 'customer-portal',
      offlineFileExpiresAt: /loadable until (\d{4}-\d{2}-\d{2})/.exec(offline)?.[1] ?? null,
    };
  };

  async closeOfflineDialog(): Promise<void> {
    if (await this.offlineDialog.isVisible()) await press(this.offlineDialog.getByRole('button', { name: this.name('customerPortal.button.close') }));
  }
}
