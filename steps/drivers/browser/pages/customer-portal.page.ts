import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import type { CustomerLicense } from '../../surfaces';
import type { Snap } from '../screenshots';
import { numberOf, readTable, screenProblem, settled, storedToken, successOrRefusal, throwShownProblem, type Row } from './common';

/** The License Customer Portal page (/customer/). */
export class CustomerPortalPage {
  static readonly SESSION_KEY = 'sslab.customer';

  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
    private readonly snap: Snap = async () => undefined,
  ) {}

  private get loginRegion(): Locator {
    return this.page.getByRole('region', { name: 'Log in' });
  }

  get licensesRegion(): Locator {
    return this.page.getByRole('region', { name: 'My Licenses' });
  }

  get offlineDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Create offline activation file' });
  }

  /** Logs in with an EID (a License ID) or with a contact email; returns the page's session token. */
  async logIn(credential: { eid: string } | { email: string }): Promise<string> {
    await this.page.goto(`${this.baseUrl}/customer/`);
    if ('eid' in credential) {
      const form = this.page.getByRole('form', { name: 'Log in with your EID' });
      await form.getByRole('textbox', { name: 'EID' }).fill(credential.eid);
      await this.snap('customer-portal-login');
      await form.getByRole('button', { name: 'LOG IN WITH EID' }).click();
    } else {
      const form = this.page.getByRole('form', { name: 'Log in with your email' });
      await form.getByRole('textbox', { name: 'Email' }).fill(credential.email);
      await form.getByRole('button', { name: 'LOG IN WITH EMAIL' }).click();
    }
    await successOrRefusal(this.licensesRegion, this.loginRegion);
    await settled(this.licensesRegion);
    await this.snap('customer-portal-licenses');
    return storedToken(this.page, CustomerPortalPage.SESSION_KEY);
  }

  /** Who is logged in, as the page header names the account. */
  async account(): Promise<{ name: string; customerId: string }> {
    const text = await this.page.getByRole('banner').locator('#who-name').innerText();
    const match = /(\S.*) \(Customer ID ([0-9a-f-]{36})\)/.exec(text);
    if (!match) throw new Error(`The portal header names no customer account: ${text}`);
    return { name: match[1].trim(), customerId: match[2] };
  }

  async licenses(): Promise<CustomerLicense[]> {
    if (await this.offlineDialog.isVisible()) await this.offlineDialog.getByRole('button', { name: 'CLOSE' }).click();
    await this.licensesRegion.getByRole('button', { name: 'Refresh' }).click();
    await settled(this.licensesRegion);
    await throwShownProblem(this.licensesRegion);
    return (await readTable(this.licensesRegion.getByRole('table', { name: 'My licenses' }))).map(licenseOf);
  }

  /**
   * Creates a device capacity offline activation file for the SmartServer with `installCode` and
   * downloads it, as a customer carries it to the CMS: the file's name and text.
   */
  async createOfflineFile(licenseId: string, installCode: string): Promise<{ fileName: string; text: string }> {
    const rows = await this.licenses();
    const index = rows.findIndex((row) => row.licenseId === licenseId);
    if (index < 0) throw screenProblem(404, 'license-not-found', `My licenses does not list license ${licenseId}.`);
    await this.licensesRegion.getByRole('button', { name: `Create offline activation file for ${licenseId}` }).click();
    await this.offlineDialog.getByRole('textbox', { name: 'Install Code' }).fill(installCode);
    await this.offlineDialog.getByRole('button', { name: 'CREATE FILE' }).click();
    await settled(this.offlineDialog);
    const refusal = this.offlineDialog.getByRole('alert');
    if (await refusal.count()) {
      try {
        await throwShownProblem(this.offlineDialog);
      } finally {
        await this.offlineDialog.getByRole('button', { name: 'CLOSE' }).click();
      }
    }
    await this.snap('customer-portal-offline-activation-file');
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.offlineDialog.getByRole('button', { name: 'DOWNLOAD FILE' }).click()]);
    const path = await download.path();
    const text = await readFile(path, 'utf8');
    return { fileName: download.suggestedFilename(), text };
  }

  async closeOfflineDialog(): Promise<void> {
    if (await this.offlineDialog.isVisible()) await this.offlineDialog.getByRole('button', { name: 'CLOSE' }).click();
  }
}

function licenseOf(row: Row): CustomerLicense {
  const offline = row['Offline Activation'];
  return {
    licenseId: row.EID,
    eid: row.EID,
    model: row['Model Number'],
    kind: row.Type as CustomerLicense['kind'],
    capacity: numberOf(row.Devices),
    description: row.Description,
    status: row.Status,
    installCode: row['Install Code'] || null,
    activationMode: (row.Activation || null) as CustomerLicense['activationMode'],
    maintenanceEnds: row['Maintenance Ends'] || null,
    offlineFileFrom: /issued by Customer Success/.test(offline) ? 'customer-success' : /no offline file/.test(offline) ? null : 'customer-portal',
  };
}
