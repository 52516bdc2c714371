import type { Locator, Page } from 'playwright-core';
import type { CloudOffer, CustomerAccountRow, Dashboard, DeviceSummary, ManagedLicense, NotificationSettings, ProvisionState } from '../../surfaces';
import type { ChangeMarks } from '../change-marks';
import type { Snap } from '../screenshots';
import { type LocatorKey, type Locators, nameOf } from '../locators';
import { valueFor } from '../../../../emulator/kernel/plain-words';
import {
  closeEventOf,
  leaveSession,
  nameMatches,
  numberOf,
  openSignedIn,
  press,
  problemOf,
  readTable,
  readTerms,
  screenProblem,
  settled,
  shown,
  shownDialogs,
  storedToken,
  successOrRefusal,
  throwShownProblem,
} from './common';

/** The Devices widget's button for each device action. */
const DEVICE_ACTIONS: Record<string, LocatorKey> = {
  provision: 'cms.deviceAction.provision',
  deprovision: 'cms.deviceAction.deprovision',
  'read-datapoints': 'cms.deviceAction.readDatapoints',
  'write-datapoints': 'cms.deviceAction.writeDatapoints',
  'define-datapoint-properties': 'cms.deviceAction.datapointProperties',
  'define-connections': 'cms.deviceAction.connections',
  'configure-bacnet-server': 'cms.deviceAction.bacnetServer',
  schedule: 'cms.deviceAction.schedule',
  sequence: 'cms.deviceAction.sequence',
};

/** The Devices widget's filter box for each provision state. */
const STATE_FILTERS = {
  PROVISIONED: 'cms.checkbox.provisioned',
  UNPROVISIONED: 'cms.checkbox.unprovisioned',
  PROVISIONING: 'cms.checkbox.provisioning',
  UNPROVISIONING: 'cms.checkbox.unprovisioning',
} as const satisfies Record<ProvisionState, LocatorKey>;

/**
 * A view of Manage Licenses: the heading it shows, and the toolbar button that opens it (none for
 * the main view). One constant per view, so each method names only the views it uses.
 */
interface ManageView {
  heading: LocatorKey;
  button?: LocatorKey;
}
const MAIN_VIEW: ManageView = { heading: 'cms.view.manageLicenses' };
const CUSTOMER_ACCOUNTS_VIEW: ManageView = { heading: 'cms.view.customerAccounts', button: 'cms.button.manageCustomerAccounts' };
const CLOUD_VIEW: ManageView = { heading: 'cms.view.downloadFromCloud', button: 'cms.button.downloadFromCloud' };
const ADD_LICENSE_VIEW: ManageView = { heading: 'cms.view.addLicense', button: 'cms.button.addLicense' };
const NOTIFICATIONS_VIEW: ManageView = { heading: 'cms.view.editNotifications', button: 'cms.button.editNotifications' };

/** One SmartServer's CMS page (/smartservers/<install code>/cms/): dashboard, Devices widget, Manage Licenses. */
export class CmsPage {
  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
    readonly installCode: string,
    private readonly locators: Locators,
    private readonly snap: Snap = async () => undefined,
    private readonly marks?: ChangeMarks,
  ) {}

  /** The name to find an element by, as the effective locator map words it. */
  private name(key: LocatorKey, values?: Record<string, string>): string | RegExp {
    return nameOf(this.locators[key], values);
  }

  /** The words of a column header or dashboard term, which key the rows read. */
  private readonly w = (key: LocatorKey): string => this.locators[key].text;

  /** The picture of the login page a run keeps. */
  static readonly LOGIN_PICTURE = 'cms-login';

  static sessionKey(installCode: string): string {
    return `sslab.cms.${installCode}`;
  }

  private get loginRegion(): Locator {
    return this.page.getByRole('region', { name: this.name('cms.region.login') });
  }

  get dashboardRegion(): Locator {
    return this.page.getByRole('region', { name: this.name('cms.region.dashboard') });
  }

  get manageDialog(): Locator {
    return this.page.getByRole('dialog', { name: this.name('cms.dialog.manageLicenses') });
  }

  private get manageView(): Locator {
    return this.manageDialog.locator('[aria-busy]');
  }

  get transferDialog(): Locator {
    return this.page.getByRole('dialog', { name: this.name('cms.dialog.transferToCloud') });
  }

  /** Which of the CMS's two dialogs are open, in one look (`shownDialogs`). */
  private async openDialogs(): Promise<{ manage: boolean; transfer: boolean }> {
    const names = await shownDialogs(this.page);
    const open = (key: LocatorKey) => names.some((name) => nameMatches(name, this.name(key)));
    return { manage: open('cms.dialog.manageLicenses'), transfer: open('cms.dialog.transferToCloud') };
  }

  /** Where the CMS of the SmartServer with `installCode` is. */
  static url(baseUrl: string, installCode: string): string {
    return `${baseUrl}/smartservers/${encodeURIComponent(installCode)}/cms/`;
  }

  /** Logs in through the form; `here` when the tab shows this CMS already, whose form is then used without loading the page again. */
  async logIn(username: string, password: string, here = false): Promise<string> {
    if (here) await leaveSession(this.page.getByRole('button', { name: this.name('cms.button.logOut') }), this.loginRegion);
    else await this.page.goto(CmsPage.url(this.baseUrl, this.installCode));
    await this.loginRegion.getByRole('textbox', { name: this.name('cms.field.username') }).fill(username);
    await this.loginRegion.getByLabel(this.name('cms.field.password'), { exact: true }).fill(password);
    await this.snap(CmsPage.LOGIN_PICTURE);
    await press(this.loginRegion.getByRole('button', { name: this.name('cms.button.logIn') }));
    await successOrRefusal(this.dashboardRegion, this.loginRegion);
    await this.started();
    return storedToken(this.page, CmsPage.sessionKey(this.installCode));
  }

  /** Opens the CMS signed in with the session its login form stores (`token` and `userType` of the login's answer, and the user name). */
  async enter(session: { token: string; username: string; userType: string }): Promise<void> {
    await openSignedIn(this.page, CmsPage.url(this.baseUrl, this.installCode), CmsPage.sessionKey(this.installCode), session);
    await successOrRefusal(this.dashboardRegion, this.loginRegion);
    await this.started();
  }

  /** The dashboard as a login leaves it, with Manage Licenses when it opens by itself. */
  private async started(): Promise<void> {
    await settled(this.dashboardRegion);
    if ((await this.openDialogs()).manage) {
      await settled(this.manageView);
      await this.snap('cms-manage-licenses-opened-at-start-up');
    }
  }

  // ------------------------------------------------------------ dashboard and Devices widget

  /**
   * Closes any open dialog (as Escape does) and has the dashboard read its figures again, with the
   * Devices widget showing the devices in `provisionStates` (every device when none is given);
   * `justLoaded` when the page has just been loaded, and read them already.
   */
  async refreshDashboard(provisionStates: readonly ProvisionState[] = [], justLoaded = false): Promise<Locator> {
    // Manage Licenses reads the dashboard again as it closes: its close event starts the reading.
    let reread = false;
    const open = await this.openDialogs();
    // Transfer to Cloud stands in front of Manage Licenses, so Escape closes it first.
    if (open.transfer) {
      await this.page.keyboard.press('Escape');
      await shown(this.transferDialog, 'hidden');
    }
    if (open.manage) {
      const closed = await closeEventOf(this.manageDialog);
      await this.page.keyboard.press('Escape');
      await shown(this.manageDialog, 'hidden');
      await closed();
      reread = true;
    }
    const filter = this.dashboardRegion.getByRole('group', { name: this.name('cms.group.deviceFilter') });
    let filtered = false;
    // With no box ticked and none wanted (the usual case), one look says nothing is to change.
    if (provisionStates.length > 0 || (await filter.getByRole('checkbox', { checked: true }).count()) > 0) {
      for (const [state, key] of Object.entries(STATE_FILTERS) as [ProvisionState, LocatorKey][]) {
        const box = filter.getByRole('checkbox', { name: this.name(key), exact: true });
        const wanted = provisionStates.includes(state);
        if ((await box.isChecked()) === wanted) continue;
        await box.setChecked(wanted);
        filtered = true;
      }
    }
    // A changed filter box has the page read the figures again; a page loaded this moment shows current ones already,
    // and so does one that read them while the target's change mark was what it is now.
    const mark = await this.marks?.now();
    const current = justLoaded || filtered || reread || (this.marks?.unchanged(this.page, mark) ?? false);
    if (!current) await press(this.dashboardRegion.getByRole('button', { name: this.name('cms.button.refresh') }));
    await settled(this.dashboardRegion);
    this.marks?.forget(this.page);
    await throwShownProblem(this.dashboardRegion);
    this.marks?.read(this.page, mark);
    // The picture of the dashboard is taken once it has devices to show.
    await this.snap(
      'cms-dashboard',
      async () =>
        (await this.dashboardRegion
          .getByRole('table', { name: this.name('cms.table.devices') })
          .locator('tbody tr:not(.empty)')
          .count()) > 0,
    );
    return this.dashboardRegion;
  }

  /**
   * The dashboard's figures, refreshed. `startCms`: as the user finds it on starting the CMS, which
   * tells whether Manage Licenses opens by itself: the page is loaded afresh, unless `justLoaded`
   * (it was loaded this moment, showing its start already); then the dialog is closed and the
   * figures read.
   */
  async dashboard(startCms = false, justLoaded = false): Promise<Dashboard> {
    if (startCms && !justLoaded) {
      await this.page.reload();
      await settled(this.dashboardRegion);
    }
    const opensAtStartup = startCms ? (await this.openDialogs()).manage : undefined;
    const region = await this.refreshDashboard([], startCms || justLoaded);
    const status = region.getByRole('region', { name: this.name('cms.region.licenseStatus') });
    const figures = await readTerms(status.locator('dl'));
    const hint = await status.locator('.maintenance').getAttribute('title');
    const colours = await region
      .getByRole('list', { name: this.name('cms.list.devicesByColour') })
      .getByRole('listitem')
      .allInnerTexts();
    const notes = await region.getByRole('status').allInnerTexts();
    const word = (term: LocatorKey) => figures[this.w(term)]?.toLowerCase();
    return {
      capacity: numberOf(figures[this.w('cms.term.deviceCapacity')]),
      usedCapacity: numberOf(figures[this.w('cms.term.usedCapacity')]),
      definedDevices: numberOf(figures[this.w('cms.term.definedDevices')]),
      licensedDevices: numberOf(figures[this.w('cms.term.licensedDevices')]),
      badge: (await status.getByRole('img', { name: this.name('cms.img.licenseAttention') }).count()) > 0,
      ...(opensAtStartup === undefined ? {} : { manageLicensesOpensAtStartup: opensAtStartup }),
      licenseManagement: !notes.some((note) => /needs no license management/.test(note)),
      ...(figures[this.w('cms.term.scheduler')]
        ? {
            services: {
              devices: word('cms.term.deviceAccess') as 'reachable' | 'unreachable',
              scheduler: word('cms.term.scheduler') as 'running' | 'stopped',
              dataLogging: word('cms.term.dataLogging') as 'running' | 'stopped',
            },
          }
        : {}),
      maintenance: { status: figures[this.w('cms.term.maintenance')], ends: /(\d{4}-\d{2}-\d{2})/.exec(hint ?? '')?.[1] ?? null },
      devicesByColour: Object.fromEntries(
        colours.map((text) => {
          const [colour, count] = text.split(':');
          return [valueFor('deviceColour', colour) ?? colour.trim(), numberOf(count)];
        }),
      ),
    };
  }

  /** The Devices widget's rows; `justLoaded` when the page has just been loaded, and read them already. */
  async devices(provisionStates: readonly ProvisionState[] = [], justLoaded = false): Promise<DeviceSummary[]> {
    return this.readDevices(await this.refreshDashboard(provisionStates, justLoaded));
  }

  private async readDevices(region: Locator): Promise<DeviceSummary[]> {
    const w = this.w;
    return (await readTable(region.getByRole('table', { name: this.name('cms.table.devices') }))).map((row) => ({
      id: numberOf(row[w('cms.column.deviceNumber')]),
      name: row[w('cms.column.deviceName')],
      protocol: (valueFor('protocol', row[w('cms.column.protocol')]) ?? row[w('cms.column.protocol')]) as DeviceSummary['protocol'],
      state: (valueFor('deviceState', row[w('cms.column.state')]) ?? row[w('cms.column.state')]) as DeviceSummary['state'],
      colour: (valueFor('deviceColour', row[w('cms.column.colour')]) ?? row[w('cms.column.colour')]) as DeviceSummary['colour'],
      licensed: row[w('cms.column.license')] === 'Licensed',
      status: {
        state: (valueFor('provisionState', row[w('cms.column.provisionState')]) ?? row[w('cms.column.provisionState')]) as DeviceSummary['status']['state'],
        health: (valueFor('deviceHealth', row[w('cms.column.health')]) ?? row[w('cms.column.health')]) as DeviceSummary['status']['health'],
      },
      lic: { licensed: row[w('cms.column.license')] === 'Licensed' },
    }));
  }

  /**
   * Runs a device action from the device's row. The widget offers only the actions the device's
   * state takes; one that needs a license the device lacks is shown disabled with the reason.
   * `justLoaded` when the page has just been loaded, showing the devices as they are.
   */
  async operateDevice(deviceId: number, action: string, justLoaded = false): Promise<DeviceSummary> {
    const region = await this.refreshDashboard([], justLoaded);
    const table = region.getByRole('table', { name: this.name('cms.table.devices') });
    const rows = await readTable(table);
    const index = rows.findIndex((row) => numberOf(row[this.w('cms.column.deviceNumber')]) === deviceId);
    if (index < 0) throw screenProblem(404, 'device-not-found', `The Devices widget lists no device ${deviceId}.`);
    const row = table.locator('tbody tr').nth(index);
    const actionKey = DEVICE_ACTIONS[action];
    const label = actionKey ? this.w(actionKey) : action;
    const button = row.getByRole('button', { name: actionKey ? this.name(actionKey) : action, exact: true });
    const more = row.getByText(this.name('cms.text.moreActions'));
    if (!(await button.isVisible()) && (await more.count()) > 0) await more.click();
    if ((await button.count()) === 0) {
      // An action the device refuses now is not offered as a button; its row says why instead.
      const why = row.getByText(this.name('cms.text.addCapacity'));
      if ((await why.count()) > 0 && (await why.innerText()).toLowerCase().includes(label.toLowerCase())) {
        throw screenProblem(409, 'device-unlicensed', (await why.innerText()).trim());
      }
      throw screenProblem(
        409,
        'device-state',
        `Device ${rows[index][this.w('cms.column.deviceName')]} is ${rows[index][this.w('cms.column.state')]}; its menu offers no ${label}.`,
      );
    }
    this.marks?.forget(this.page);
    await press(button);
    await settled(region);
    await throwShownProblem(region);
    // The widget reads the devices again after every action, so the row shows the outcome.
    const device = (await this.readDevices(region)).find((d) => d.id === deviceId);
    if (!device) throw new Error(`Device ${deviceId} is gone from the Devices widget after ${label}.`);
    // The page read the whole dashboard again after the action's write, and nothing else writes
    // while a step runs: the mark now is the one it read at.
    this.marks?.read(this.page, await this.marks.now());
    return device;
  }

  // ------------------------------------------------------------ Manage Licenses dialog

  private async viewTitle(): Promise<string> {
    return (await this.manageDialog.getByRole('heading', { level: 2 }).first().innerText()).trim();
  }

  /** Opens Manage Licenses (from the License Status tile) or goes BACK to its main view. */
  async openManageLicenses(): Promise<Locator> {
    // What the dialog does may show on the dashboard without a write (a refusal): its next read refreshes.
    this.marks?.forget(this.page);
    const open = await this.openDialogs();
    if (open.transfer) await press(this.transferDialog.getByRole('button', { name: this.name('cms.button.cancel') }));
    if (open.manage) {
      await settled(this.manageView);
      if ((await this.viewTitle()) !== this.w(MAIN_VIEW.heading)) {
        await press(this.manageDialog.getByRole('button', { name: this.name('cms.button.back') }));
      }
    } else {
      await press(
        this.page.getByRole('region', { name: this.name('cms.region.licenseStatus') }).getByRole('button', { name: this.name('cms.button.manageLicenses') }),
      );
    }
    await settled(this.manageView);
    await this.snap('cms-manage-licenses-refused', async () => (await this.manageDialog.getByRole('alert').count()) > 0);
    await throwShownProblem(this.manageDialog);
    await this.snap('cms-manage-licenses');
    return this.manageDialog;
  }

  /** Shows one view of the dialog, opening it from the main view unless it shows already. */
  async showView(view: ManageView): Promise<Locator> {
    this.marks?.forget(this.page);
    if (view.button && (await this.openDialogs()).manage) {
      await settled(this.manageView);
      if ((await this.viewTitle()) === this.w(view.heading)) {
        await throwShownProblem(this.manageDialog);
        return this.manageDialog;
      }
    }
    const dialog = await this.openManageLicenses();
    if (!view.button) return dialog;
    await press(
      dialog.getByRole('toolbar', { name: this.name('cms.toolbar.licenseActions') }).getByRole('button', { name: this.name(view.button), exact: true }),
    );
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
    const dialog = await this.showView(MAIN_VIEW);
    const w = this.w;
    return (await readTable(dialog.getByRole('table', { name: this.name('cms.table.activatedLicenses') }))).map((row) => ({
      segmentController: row[w('cms.column.segmentController')],
      licenseId: row[w('cms.column.licenseId')],
      kind: (valueFor('licenseKind', row[w('cms.column.type')]) ?? row[w('cms.column.type')]) as ManagedLicense['kind'],
      description: row[w('cms.column.description')],
      status: row[w('cms.column.status')],
      activationDate: row[w('cms.column.activationDate')],
      // The cell holds the note and its Edit note button.
      note: row[w('cms.column.note')].replace(/\s*Edit note$/, '') || null,
    }));
  }

  async customerAccounts(): Promise<CustomerAccountRow[]> {
    const dialog = await this.showView(CUSTOMER_ACCOUNTS_VIEW);
    const table = dialog.getByRole('table', { name: this.name('cms.table.customerAccounts') });
    const w = this.w;
    const rows = await readTable(table);
    return Promise.all(
      rows.map(async (row, i) => {
        const cells = table.locator('tbody tr').nth(i);
        const pending = (await cells.getByRole('button', { name: this.name('cms.button.saveChanges') }).count()) > 0;
        const saved = /Saved:\s*(\S+)/.exec(row[w('cms.column.customerId')])?.[1];
        return {
          segmentController: row[w('cms.column.segmentController')],
          installCode: row[w('cms.column.installCode')],
          customerId: saved && saved !== 'none' ? saved : null,
          pendingCustomerId: pending ? (await cells.getByRole('textbox', { name: this.name('cms.field.customerId') }).inputValue()).trim() : null,
        };
      }),
    );
  }

  /** Types a Customer ID; the Save Changes and Discard Changes buttons appear beside it. */
  async enterCustomerId(customerId: string): Promise<CustomerAccountRow[]> {
    const dialog = await this.showView(CUSTOMER_ACCOUNTS_VIEW);
    const field = dialog.getByRole('textbox', { name: this.name('cms.field.customerId') }).first();
    await field.fill(customerId);
    await field.press('Enter');
    await this.outcome();
    await this.snap('cms-manage-customer-accounts');
    return this.customerAccounts();
  }

  async settleCustomerId(decision: 'save' | 'discard'): Promise<CustomerAccountRow[]> {
    const dialog = await this.showView(CUSTOMER_ACCOUNTS_VIEW);
    const button = dialog.getByRole('button', { name: this.name(decision === 'save' ? 'cms.button.saveChanges' : 'cms.button.discardChanges') }).first();
    if ((await button.count()) === 0) {
      throw screenProblem(409, 'no-pending-change', 'Manage Customer Accounts shows no entered Customer ID to save or discard.');
    }
    await press(button);
    await this.outcome();
    return this.customerAccounts();
  }

  /** Download Licenses from the Cloud lists a page at a time: Show more until every license the cloud offers is listed. */
  private async showEveryOffer(dialog: Locator): Promise<void> {
    const more = dialog.getByRole('button', { name: this.name('cms.button.showMoreOffers') });
    for (let pages = 0; pages < 1000 && (await more.count()) > 0; pages++) {
      await press(more);
      await this.outcome();
    }
  }

  async cloudOffers(): Promise<CloudOffer[]> {
    const dialog = await this.showView(CLOUD_VIEW);
    await this.showEveryOffer(dialog);
    const w = this.w;
    return (await readTable(dialog.getByRole('table', { name: this.name('cms.table.cloudLicenses') }))).map((row) => ({
      segmentController: row[w('cms.column.segmentController')],
      licenseId: row[w('cms.column.licenseId')],
      transferDate: row[w('cms.column.transferDate')],
      model: row[w('cms.column.modelNumber')],
      kind: (valueFor('licenseKind', row[w('cms.column.type')]) ?? row[w('cms.column.type')]) as CloudOffer['kind'],
      description: row[w('cms.column.description')],
    }));
  }

  /** Selects the licenses in Download Licenses from the Cloud and presses ACTIVATE. */
  async activate(licenseIds: string[]): Promise<void> {
    const dialog = await this.showView(CLOUD_VIEW);
    await this.showEveryOffer(dialog);
    for (const id of licenseIds) {
      const box = dialog.getByRole('checkbox', { name: this.name('cms.checkbox.selectLicense', { licenseId: id }) });
      if ((await box.count()) === 0) {
        throw screenProblem(404, 'license-for-this-customer-id-not-found', `Download Licenses from the Cloud does not list license ${id}.`);
      }
      await box.check();
    }
    await this.snap('cms-download-licenses-from-the-cloud');
    await press(dialog.getByRole('button', { name: this.name('cms.button.activate') }));
    await this.outcome();
  }

  /** Transfer to Cloud, confirmed with TRANSFER LICENSES. */
  async transferToCloud(): Promise<void> {
    const dialog = await this.showView(MAIN_VIEW);
    await press(dialog.getByRole('button', { name: this.name('cms.button.transferToCloud') }));
    await shown(this.transferDialog);
    await this.snap('cms-transfer-to-cloud');
    await press(this.transferDialog.getByRole('button', { name: this.name('cms.button.transferLicenses') }));
    await settled(this.manageView);
    if ((await this.openDialogs()).transfer) {
      const refusal = this.transferDialog.getByRole('alert');
      if (await refusal.count()) {
        const error = await problemOf(refusal.first());
        await press(this.transferDialog.getByRole('button', { name: this.name('cms.button.cancel') }));
        throw error;
      }
    }
    await throwShownProblem(this.manageDialog);
  }

  /** Add License: loads an offline activation file from disk into the SmartServer. */
  async addLicense(fileName: string, text: string): Promise<void> {
    const dialog = await this.showView(ADD_LICENSE_VIEW);
    await dialog.getByLabel(this.name('cms.field.licenseFile')).setInputFiles({ name: fileName, mimeType: 'application/json', buffer: Buffer.from(text) });
    await press(dialog.getByRole('button', { name: this.name('cms.button.loadFile') }));
    await this.outcome();
    await this.snap('cms-add-license');
  }

  /** The Note column, edited in place from the license's row. */
  async setNote(licenseId: string, note: string | null): Promise<ManagedLicense> {
    const dialog = await this.showView(MAIN_VIEW);
    const row = { licenseId };
    const edit = dialog.getByRole('button', { name: this.name('cms.button.editNoteOf', row) });
    if ((await edit.count()) === 0) throw screenProblem(404, 'license-not-found', `Manage Licenses does not list license ${licenseId}.`);
    await press(edit);
    await dialog.getByRole('textbox', { name: this.name('cms.field.noteOf', row) }).fill(note ?? '');
    await press(dialog.getByRole('button', { name: this.name('cms.button.saveNoteOf', row) }));
    await this.outcome();
    const license = (await this.manageLicenses()).find((l) => l.licenseId === licenseId);
    if (!license) throw new Error(`License ${licenseId} left Manage Licenses when its note was saved.`);
    return license;
  }

  async notifications(): Promise<NotificationSettings> {
    const dialog = await this.showView(NOTIFICATIONS_VIEW);
    const emails = await dialog.getByLabel(this.name('cms.field.notificationEmails')).inputValue();
    const days = await dialog.getByLabel(this.name('cms.field.notificationDays')).inputValue();
    return {
      emails: emails.split(/\s+/).filter(Boolean),
      daysBefore: days
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(Number),
      renewalConfirmation: await dialog.getByRole('checkbox', { name: this.name('cms.checkbox.renewalConfirmation') }).isChecked(),
    };
  }

  async editNotifications(settings: NotificationSettings): Promise<void> {
    const dialog = await this.showView(NOTIFICATIONS_VIEW);
    await dialog.getByLabel(this.name('cms.field.notificationEmails')).fill(settings.emails.join('\n'));
    await dialog.getByLabel(this.name('cms.field.notificationDays')).fill(settings.daysBefore.join(', '));
    await dialog.getByRole('checkbox', { name: this.name('cms.checkbox.renewalConfirmation') }).setChecked(Boolean(settings.renewalConfirmation));
    await press(dialog.getByRole('button', { name: this.name('cms.button.save') }));
    await this.outcome();
    await this.snap('cms-edit-notifications');
  }
}
