import type { Locator, Page } from 'playwright-core';
import type { CloudOffer, CustomerAccountRow, Dashboard, DeviceSummary, ManagedLicense, NotificationSettings, ProvisionState } from '../../surfaces';
import type { Snap } from '../screenshots';
import { numberOf, problemOf, readTable, readTerms, screenProblem, settled, storedToken, successOrRefusal, throwShownProblem } from './common';

/** The labels the Devices widget gives each device action. */
const ACTION_LABELS: Record<string, string> = {
  provision: 'Provision',
  deprovision: 'Deprovision',
  'read-datapoints': 'Read datapoints',
  'write-datapoints': 'Write datapoints',
  'define-datapoint-properties': 'Datapoint properties',
  'define-connections': 'Connections',
  'configure-bacnet-server': 'BACnet server',
  schedule: 'Schedule',
  sequence: 'Sequence',
};

type ManageView = 'Manage Licenses' | 'Manage Customer Accounts' | 'Download Licenses from the Cloud' | 'Add License' | 'Edit Notifications';

/** One SmartServer's CMS page (/smartservers/<install code>/cms/): dashboard, Devices widget, Manage Licenses. */
export class CmsPage {
  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
    readonly installCode: string,
    private readonly snap: Snap = async () => undefined,
  ) {}

  static sessionKey(installCode: string): string {
    return `sslab.cms.${installCode}`;
  }

  private get loginRegion(): Locator {
    return this.page.getByRole('region', { name: 'Log in' });
  }

  get dashboardRegion(): Locator {
    return this.page.getByRole('region', { name: 'Dashboard' });
  }

  get manageDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Manage Licenses' });
  }

  private get manageView(): Locator {
    return this.manageDialog.locator('[aria-busy]');
  }

  get transferDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Transfer to Cloud' });
  }

  async logIn(username: string, password: string): Promise<string> {
    await this.page.goto(`${this.baseUrl}/smartservers/${encodeURIComponent(this.installCode)}/cms/`);
    await this.loginRegion.getByRole('textbox', { name: 'User name' }).fill(username);
    await this.loginRegion.getByLabel('Password', { exact: true }).fill(password);
    await this.snap('cms-login');
    await this.loginRegion.getByRole('button', { name: 'LOG IN' }).click();
    await successOrRefusal(this.dashboardRegion, this.loginRegion);
    await settled(this.dashboardRegion);
    if (await this.manageDialog.isVisible()) {
      await settled(this.manageView);
      await this.snap('cms-manage-licenses-opened-at-start-up');
    }
    return storedToken(this.page, CmsPage.sessionKey(this.installCode));
  }

  // ------------------------------------------------------------ dashboard and Devices widget

  /**
   * Closes any open dialog (as Escape does) and has the dashboard read its figures again, with the
   * Devices widget showing the devices in `provisionStates` (every device when none is given).
   */
  async refreshDashboard(provisionStates: readonly ProvisionState[] = []): Promise<Locator> {
    for (const dialog of [this.transferDialog, this.manageDialog]) {
      if (await dialog.isVisible()) {
        await this.page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
      }
    }
    const filter = this.dashboardRegion.getByRole('group', { name: 'Show devices that are' });
    for (const state of ['PROVISIONED', 'UNPROVISIONED', 'PROVISIONING', 'UNPROVISIONING'] as const) {
      await filter.getByRole('checkbox', { name: state.toLowerCase(), exact: true }).setChecked(provisionStates.includes(state));
    }
    await this.dashboardRegion.getByRole('button', { name: 'Refresh' }).click();
    await settled(this.dashboardRegion);
    await throwShownProblem(this.dashboardRegion);
    // The picture of the dashboard is taken once it has devices to show.
    if ((await this.dashboardRegion.getByRole('table', { name: 'Devices' }).locator('tbody tr:not(.empty)').count()) > 0) await this.snap('cms-dashboard');
    return this.dashboardRegion;
  }

  /**
   * The dashboard as the user finds it on starting the CMS: the page is loaded afresh, which tells
   * whether Manage Licenses opens by itself; then the dialog is closed and the figures read.
   */
  async dashboard(): Promise<Dashboard> {
    await this.page.reload();
    await settled(this.dashboardRegion);
    const opensAtStartup = await this.manageDialog.isVisible();
    const region = await this.refreshDashboard();
    const status = region.getByRole('region', { name: 'License Status' });
    const figures = await readTerms(status.locator('dl'));
    const hint = await status.locator('.maintenance').getAttribute('title');
    const colours = await region.getByRole('list', { name: 'Devices by colour' }).getByRole('listitem').allInnerTexts();
    const notes = await region.getByRole('status').allInnerTexts();
    const word = (term: string) => figures[term]?.toLowerCase();
    return {
      capacity: numberOf(figures['Device capacity']),
      usedCapacity: numberOf(figures['Used capacity']),
      definedDevices: numberOf(figures['Defined devices']),
      licensedDevices: numberOf(figures['Licensed devices']),
      badge: (await status.getByRole('img', { name: /^License attention/ }).count()) > 0,
      manageLicensesOpensAtStartup: opensAtStartup,
      licenseManagement: !notes.some((note) => /needs no license management/.test(note)),
      ...(figures.Scheduler
        ? {
            services: {
              devices: word('Device access') as 'reachable' | 'unreachable',
              scheduler: word('Scheduler') as 'running' | 'stopped',
              dataLogging: word('Data logging') as 'running' | 'stopped',
            },
          }
        : {}),
      maintenance: { status: figures.Maintenance, ends: /(\d{4}-\d{2}-\d{2})/.exec(hint ?? '')?.[1] ?? null },
      devicesByColour: Object.fromEntries(
        colours.map((text) => {
          const [colour, count] = text.split(':');
          return [colour.trim(), numberOf(count)];
        }),
      ),
    };
  }

  async devices(provisionStates: readonly ProvisionState[] = []): Promise<DeviceSummary[]> {
    return this.readDevices(await this.refreshDashboard(provisionStates));
  }

  private async readDevices(region: Locator): Promise<DeviceSummary[]> {
    return (await readTable(region.getByRole('table', { name: 'Devices' }))).map((row) => ({
      id: numberOf(row['#']),
      name: row.Name,
      protocol: row.Protocol as DeviceSummary['protocol'],
      state: row.State as DeviceSummary['state'],
      colour: row.Colour as DeviceSummary['colour'],
      licensed: row.License === 'Licensed',
      status: { state: row['Provision State'] as DeviceSummary['status']['state'], health: row.Health as DeviceSummary['status']['health'] },
      lic: { licensed: row.License === 'Licensed' },
    }));
  }

  /**
   * Runs a device action from the device's row. The widget offers only the actions the device's
   * state takes; one that needs a license the device lacks is shown disabled with the reason.
   */
  async operateDevice(deviceId: number, action: string): Promise<DeviceSummary> {
    const region = await this.refreshDashboard();
    const table = region.getByRole('table', { name: 'Devices' });
    const rows = await readTable(table);
    const index = rows.findIndex((row) => numberOf(row['#']) === deviceId);
    if (index < 0) throw screenProblem(404, 'device-not-found', `The Devices widget lists no device ${deviceId}.`);
    const row = table.locator('tbody tr').nth(index);
    const label = ACTION_LABELS[action] ?? action;
    const button = row.getByRole('button', { name: label, exact: true });
    if (!(await button.isVisible()) && (await row.getByText('More actions').count()) > 0) await row.getByText('More actions').click();
    if ((await button.count()) === 0) {
      throw screenProblem(409, 'device-state', `Device ${rows[index].Name} is ${rows[index].State}; its menu offers no ${label}.`);
    }
    if (await button.isDisabled()) {
      throw screenProblem(
        409,
        (await button.getAttribute('data-code')) ?? 'device-unlicensed',
        (await button.getAttribute('title')) ?? `${label} is disabled.`,
      );
    }
    await button.click();
    await settled(region);
    await throwShownProblem(region);
    // The widget reads the devices again after every action, so the row shows the outcome.
    const device = (await this.readDevices(region)).find((d) => d.id === deviceId);
    if (!device) throw new Error(`Device ${deviceId} is gone from the Devices widget after ${label}.`);
    return device;
  }

  // ------------------------------------------------------------ Manage Licenses dialog

  private async viewTitle(): Promise<string> {
    return (await this.manageDialog.getByRole('heading', { level: 2 }).first().innerText()).trim();
  }

  /** Opens Manage Licenses (from the License Status tile) or goes BACK to its main view. */
  async openManageLicenses(): Promise<Locator> {
    if (await this.transferDialog.isVisible()) await this.transferDialog.getByRole('button', { name: 'CANCEL' }).click();
    if (await this.manageDialog.isVisible()) {
      await settled(this.manageView);
      if ((await this.viewTitle()) !== 'Manage Licenses') {
        await this.manageDialog.getByRole('button', { name: 'BACK' }).click();
      }
    } else {
      await this.page.getByRole('region', { name: 'License Status' }).getByRole('button', { name: 'Manage Licenses' }).click();
    }
    await settled(this.manageView);
    if ((await this.manageDialog.getByRole('alert').count()) > 0) await this.snap('cms-manage-licenses-refused');
    await throwShownProblem(this.manageDialog);
    await this.snap('cms-manage-licenses');
    return this.manageDialog;
  }

  /** Shows one view of the dialog, opening it from the main view unless it shows already. */
  async showView(view: ManageView): Promise<Locator> {
    if (view !== 'Manage Licenses' && (await this.manageDialog.isVisible())) {
      await settled(this.manageView);
      if ((await this.viewTitle()) === view) {
        await throwShownProblem(this.manageDialog);
        return this.manageDialog;
      }
    }
    const dialog = await this.openManageLicenses();
    if (view === 'Manage Licenses') return dialog;
    await dialog.getByRole('toolbar', { name: 'License actions' }).getByRole('button', { name: view, exact: true }).click();
    await settled(this.manageView);
    await throwShownProblem(dialog);
    return dialog;
  }

  /** Waits for an action inside the dialog to finish and throws what it was refused with. */
  private async outcome(): Promise<void> {
    await settled(this.manageView);
    await throwShownProblem(this.manageDialog);
  }

  async manageLicenses(): Promise<ManagedLicense[]> {
    const dialog = await this.showView('Manage Licenses');
    return (await readTable(dialog.getByRole('table', { name: 'Activated licenses' }))).map((row) => ({
      segmentController: row['Segment Controller'],
      licenseId: row['License ID'],
      kind: row.Type as ManagedLicense['kind'],
      description: row.Description,
      // The cell holds the note and its Edit note button.
      status: row.Status,
      activationDate: row['Activation Date'],
      note: row.Note.replace(/\s*Edit note$/, '') || null,
    }));
  }

  async customerAccounts(): Promise<CustomerAccountRow[]> {
    const dialog = await this.showView('Manage Customer Accounts');
    const table = dialog.getByRole('table', { name: 'Customer accounts' });
    const rows = await readTable(table);
    return Promise.all(
      rows.map(async (row, i) => {
        const cells = table.locator('tbody tr').nth(i);
        const pending = (await cells.getByRole('button', { name: 'Save Changes' }).count()) > 0;
        const saved = /Saved: (\S+)/.exec(row['Customer ID'])?.[1];
        return {
          segmentController: row['Segment Controller'],
          installCode: row['Install Code'],
          customerId: saved && saved !== 'none' ? saved : null,
          pendingCustomerId: pending ? (await cells.getByRole('textbox', { name: 'Customer ID' }).inputValue()).trim() : null,
        };
      }),
    );
  }

  /** Types a Customer ID; the Save Changes and Discard Changes buttons appear beside it. */
  async enterCustomerId(customerId: string): Promise<CustomerAccountRow[]> {
    const dialog = await this.showView('Manage Customer Accounts');
    const field = dialog.getByRole('textbox', { name: 'Customer ID' }).first();
    await field.fill(customerId);
    await field.press('Enter');
    await this.outcome();
    await this.snap('cms-manage-customer-accounts');
    return this.customerAccounts();
  }

  async settleCustomerId(decision: 'save' | 'discard'): Promise<CustomerAccountRow[]> {
    const dialog = await this.showView('Manage Customer Accounts');
    const button = dialog.getByRole('button', { name: decision === 'save' ? 'Save Changes' : 'Discard Changes' }).first();
    if ((await button.count()) === 0) {
      throw screenProblem(409, 'no-pending-change', 'Manage Customer Accounts shows no entered Customer ID to save or discard.');
    }
    await button.click();
    await this.outcome();
    return this.customerAccounts();
  }

  async cloudOffers(): Promise<CloudOffer[]> {
    const dialog = await this.showView('Download Licenses from the Cloud');
    return (await readTable(dialog.getByRole('table', { name: 'Licenses in the cloud' }))).map((row) => ({
      segmentController: row['Segment Controller'],
      licenseId: row['License ID'],
      transferDate: row['Transfer Date'],
      model: row['Model Number'],
      kind: row.Type as CloudOffer['kind'],
      description: row.Description,
    }));
  }

  /** Selects the licenses in Download Licenses from the Cloud and presses ACTIVATE. */
  async activate(licenseIds: string[]): Promise<void> {
    const dialog = await this.showView('Download Licenses from the Cloud');
    for (const id of licenseIds) {
      const box = dialog.getByRole('checkbox', { name: `Select license ${id}` });
      if ((await box.count()) === 0) {
        throw screenProblem(404, 'license-for-this-customer-id-not-found', `Download Licenses from the Cloud does not list license ${id}.`);
      }
      await box.check();
    }
    await this.snap('cms-download-licenses-from-the-cloud');
    await dialog.getByRole('button', { name: 'ACTIVATE' }).click();
    await this.outcome();
  }

  /** Transfer to Cloud, confirmed with TRANSFER LICENSES. */
  async transferToCloud(): Promise<void> {
    const dialog = await this.showView('Manage Licenses');
    await dialog.getByRole('button', { name: 'Transfer to Cloud' }).click();
    await this.transferDialog.waitFor();
    await this.snap('cms-transfer-to-cloud');
    await this.transferDialog.getByRole('button', { name: 'TRANSFER LICENSES' }).click();
    await settled(this.manageView);
    if (await this.transferDialog.isVisible()) {
      const refusal = this.transferDialog.getByRole('alert');
      if (await refusal.count()) {
        const error = await problemOf(refusal.first());
        await this.transferDialog.getByRole('button', { name: 'CANCEL' }).click();
        throw error;
      }
    }
    await throwShownProblem(this.manageDialog);
  }

  /** Add License: loads an offline activation file from disk into the SmartServer. */
  async addLicense(fileName: string, text: string): Promise<void> {
    const dialog = await this.showView('Add License');
    await dialog.getByLabel('License file').setInputFiles({ name: fileName, mimeType: 'application/json', buffer: Buffer.from(text) });
    await dialog.getByRole('button', { name: 'LOAD FILE' }).click();
    await this.outcome();
    await this.snap('cms-add-license');
  }

  /** The Note column, edited in place from the license's row. */
  async setNote(licenseId: string, note: string | null): Promise<ManagedLicense> {
    const dialog = await this.showView('Manage Licenses');
    const edit = dialog.getByRole('button', { name: `Edit note of license ${licenseId}` });
    if ((await edit.count()) === 0) throw screenProblem(404, 'license-not-found', `Manage Licenses does not list license ${licenseId}.`);
    await edit.click();
    await dialog.getByRole('textbox', { name: `Note of license ${licenseId}` }).fill(note ?? '');
    await dialog.getByRole('button', { name: `Save note of license ${licenseId}` }).click();
    await this.outcome();
    const license = (await this.manageLicenses()).find((l) => l.licenseId === licenseId);
    if (!license) throw new Error(`License ${licenseId} left Manage Licenses when its note was saved.`);
    return license;
  }

  async notifications(): Promise<NotificationSettings> {
    const dialog = await this.showView('Edit Notifications');
    const emails = await dialog.getByLabel('Email addresses').inputValue();
    const days = await dialog.getByLabel('Days before maintenance ends').inputValue();
    return {
      emails: emails.split(/\s+/).filter(Boolean),
      daysBefore: days
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(Number),
      renewalConfirmation: await dialog.getByRole('checkbox', { name: /confirmation when maintenance is renewed/ }).isChecked(),
    };
  }

  async editNotifications(settings: NotificationSettings): Promise<void> {
    const dialog = await this.showView('Edit Notifications');
    await dialog.getByLabel('Email addresses').fill(settings.emails.join('\n'));
    await dialog.getByLabel('Days before maintenance ends').fill(settings.daysBefore.join(', '));
    await dialog.getByRole('checkbox', { name: /confirmation when maintenance is renewed/ }).setChecked(Boolean(settings.renewalConfirmation));
    await dialog.getByRole('button', { name: 'SAVE' }).click();
    await this.outcome();
    await this.snap('cms-edit-notifications');
  }
}
