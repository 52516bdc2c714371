/**
 * Every word the browser driver finds an element by, in one map keyed by surface, kind and
 * purpose (`partnerPortal.tab.search`). The words are the vendors' own, from the manuals the
 * source key names (see /work/shared/spec/public-facts.md, "Source key"); `emulator` marks words
 * no manual gives, which the emulator's pages chose. A team whose portal or CMS release words a
 * label differently overrides that entry with `withLocatorOverrides`.
 */

/** How the driver finds the element: by ARIA role and accessible name, by its form label, by a column header (or a term of a description list), or by the words it holds. */
export type FindBy =
  | 'button'
  | 'checkbox'
  | 'combobox'
  | 'dialog'
  | 'form'
  | 'group'
  | 'heading'
  | 'img'
  | 'list'
  | 'option'
  | 'radio'
  | 'region'
  | 'search'
  | 'searchbox'
  | 'tab'
  | 'table'
  | 'tablist'
  | 'tabpanel'
  | 'textbox'
  | 'toolbar'
  | 'label'
  | 'column'
  | 'text';

/** Where the doctor looks for an entry: the page state a user reaches with the manual's steps. */
export type Screen =
  | 'partnerPortal.login'
  | 'partnerPortal.myInventory'
  | 'partnerPortal.foundCustomers'
  | 'partnerPortal.customerInventory'
  | 'partnerPortal.searchResults'
  | 'partnerPortal.orderDetails'
  | 'partnerPortal.accountNotFound'
  | 'partnerPortal.confirmTransfer'
  | 'partnerPortal.transferred'
  | 'customerPortal.login'
  | 'customerPortal.licenses'
  | 'customerPortal.offlineFile'
  | 'customerPortal.fileIssued'
  | 'cms.login'
  | 'cms.dashboard'
  | 'cms.manageLicenses'
  | 'cms.customerAccounts'
  | 'cms.customerIdEntered'
  | 'cms.cloud'
  | 'cms.noteEditing'
  | 'cms.addLicense'
  | 'cms.notifications'
  | 'cms.transferToCloud'
  | 'cms.licensedDevice'
  | 'cms.provisionedDevice'
  | 'emulator.fleet'
  | 'emulator.landing';

/** The manuals the words come from, by the keys of public-facts.md's source list. */
export const MANUALS = {
  '[PP-d]': 'Using the License Partner Portal',
  '[AON]': 'Activating Licenses Online Using the SmartServer CMS',
  '[OLI]': 'Obtaining Licensing Information',
  '[ML]': 'Manage Licenses',
  '[ML7]': 'Manage Licenses, version 7',
  '[ML-d]': 'Manage Licenses, changes',
  '[DSC]': 'Device State Colors',
  '[PDR]': 'Provisioning, Deprovisioning, and Replacing Devices',
  '[DEVS]': 'Devices (REST /iap/devs)',
  '[DSTS]': 'Device Status',
  '[API]': 'Licenses (REST)',
  emulator: 'no manual gives the words; the emulator chose them',
} as const;

export interface LocatorEntry {
  /** The words; `{licenseId}` stands for the row's License ID in names given per row. */
  readonly text: string;
  readonly find: FindBy;
  /** `exact` (the default): the whole name; `start`: the name begins with the words; `contains`: holds them. */
  readonly match: 'exact' | 'start' | 'contains';
  /** The manual the words come from, as public-facts.md keys it (`[PP-d]`), or `emulator`. */
  readonly source: keyof typeof MANUALS;
  readonly screen: Screen;
}

const entry =
  (find: FindBy) =>
  (text: string, source: keyof typeof MANUALS, screen: Screen, match: LocatorEntry['match'] = 'exact'): LocatorEntry => ({ text, find, match, source, screen });

const button = entry('button');
const column = entry('column');
const dialog = entry('dialog');
const label = entry('label');
const region = entry('region');
const tab = entry('tab');
const table = entry('table');
const textbox = entry('textbox');

export const DOCUMENTED_LOCATORS = {
  // ------------------------------------------------------------------ License Partner Portal [PP-d]
  'partnerPortal.region.login': region('Log in', 'emulator', 'partnerPortal.login'),
  'partnerPortal.field.email': textbox('Email', '[PP-d]', 'partnerPortal.login'),
  'partnerPortal.field.password': label('Password', '[PP-d]', 'partnerPortal.login'),
  'partnerPortal.button.login': button('LOGIN', '[PP-d]', 'partnerPortal.login'),
  'partnerPortal.button.logOut': button('Log out', 'emulator', 'partnerPortal.myInventory'),
  'partnerPortal.tablist.views': entry('tablist')('Portal views', 'emulator', 'partnerPortal.myInventory'),
  'partnerPortal.tab.myInventory': tab('My Inventory', '[PP-d]', 'partnerPortal.myInventory'),
  'partnerPortal.tab.customerInventory': tab('Customer Inventory', '[PP-d]', 'partnerPortal.myInventory'),
  'partnerPortal.tab.search': tab('Search', '[PP-d]', 'partnerPortal.myInventory'),
  'partnerPortal.table.myInventory': table('My Inventory', '[PP-d]', 'partnerPortal.myInventory'),
  'partnerPortal.table.customerInventory': table('Customer Inventory', '[PP-d]', 'partnerPortal.customerInventory'),
  'partnerPortal.search.findCustomerId': entry('search')('Find a Customer ID', 'emulator', 'partnerPortal.myInventory'),
  'partnerPortal.field.findCustomerName': entry('searchbox')('Customer Name', '[PP-d]', 'partnerPortal.myInventory'),
  'partnerPortal.button.find': button('Find', 'emulator', 'partnerPortal.myInventory'),
  'partnerPortal.table.matchingCustomers': table('Matching customers', 'emulator', 'partnerPortal.foundCustomers'),
  'partnerPortal.column.customerName': column('Customer Name', '[PP-d]', 'partnerPortal.foundCustomers'),
  'partnerPortal.column.contactEmail': column('Contact Email', '[PP-d]', 'partnerPortal.foundCustomers'),
  'partnerPortal.field.searchCustomerName': entry('combobox')('Customer Name', '[PP-d]', 'partnerPortal.searchResults'),
  'partnerPortal.field.poNumber': textbox('PO Number', '[PP-d]', 'partnerPortal.searchResults'),
  'partnerPortal.option.showAllAssets': entry('radio')('Show All Assets', '[PP-d]', 'partnerPortal.searchResults'),
  'partnerPortal.option.showOnlyAvailable': entry('radio')('Show Only Assets with Available Activations', '[PP-d]', 'partnerPortal.searchResults'),
  'partnerPortal.button.search': button('Search', '[PP-d]', 'partnerPortal.searchResults'),
  'partnerPortal.table.searchResults': table('Search results', 'emulator', 'partnerPortal.searchResults'),
  'partnerPortal.column.licenseId': column('License ID', '[PP-d]', 'partnerPortal.myInventory'),
  'partnerPortal.column.modelNumber': column('Model Number', '[PP-d]', 'partnerPortal.myInventory'),
  'partnerPortal.column.type': column('Type', 'emulator', 'partnerPortal.myInventory'),
  'partnerPortal.column.devices': column('Devices', 'emulator', 'partnerPortal.myInventory'),
  'partnerPortal.column.status': column('Status', 'emulator', 'partnerPortal.myInventory'),
  'partnerPortal.column.poNumber': column('PO Number', '[PP-d]', 'partnerPortal.myInventory'),
  'partnerPortal.column.newLicenseId': column('New License ID', '[PP-d]', 'partnerPortal.myInventory'),
  'partnerPortal.column.customer': column('Customer', '[PP-d]', 'partnerPortal.myInventory'),
  'partnerPortal.column.transferred': column('Transferred', '[PP-d]', 'partnerPortal.myInventory'),
  'partnerPortal.column.activated': column('Activated', '[PP-d]', 'partnerPortal.myInventory'),
  'partnerPortal.column.available': column('Available', '[PP-d]', 'partnerPortal.myInventory'),
  'partnerPortal.column.originalLicenseId': column('Original License ID', '[PP-d]', 'partnerPortal.customerInventory'),
  'partnerPortal.column.customerId': column('Customer ID', '[PP-d]', 'partnerPortal.customerInventory'),
  'partnerPortal.column.maintenanceEnds': column('Maintenance Ends', 'emulator', 'partnerPortal.customerInventory'),
  'partnerPortal.region.orderDetails': region('Order Details', '[PP-d]', 'partnerPortal.orderDetails'),
  'partnerPortal.button.backToInventory': button('Back to inventory', 'emulator', 'partnerPortal.orderDetails'),
  'partnerPortal.tablist.orderViews': entry('tablist')('Order Details views', 'emulator', 'partnerPortal.orderDetails'),
  'partnerPortal.tab.transfer': tab('Transfer', '[PP-d]', 'partnerPortal.orderDetails'),
  'partnerPortal.field.transferTo': entry('combobox')('Transfer To', '[PP-d]', 'partnerPortal.orderDetails'),
  'partnerPortal.field.transferCustomerName': entry('combobox')('Customer Name', '[PP-d]', 'partnerPortal.orderDetails'),
  // New customers are not in the drop-down [PP-d]; the emulator offers them as one explicit choice.
  'partnerPortal.option.newCustomer': entry('option')('New customer…', 'emulator', 'partnerPortal.orderDetails'),
  'partnerPortal.field.newCustomerName': textbox('New customer name', 'emulator', 'partnerPortal.orderDetails'),
  'partnerPortal.button.transfer': button('Transfer', '[PP-d]', 'partnerPortal.orderDetails'),
  'partnerPortal.dialog.accountNotFound': dialog('Customer account not found', '[PP-d]', 'partnerPortal.accountNotFound'),
  'partnerPortal.field.contactEmail': label('Contact Email', '[PP-d]', 'partnerPortal.accountNotFound'),
  'partnerPortal.field.contactName': label('Contact Name', 'emulator', 'partnerPortal.accountNotFound'),
  'partnerPortal.field.phone': label('Phone', 'emulator', 'partnerPortal.accountNotFound'),
  'partnerPortal.field.address': label('Address', 'emulator', 'partnerPortal.accountNotFound'),
  'partnerPortal.button.next': button('Next', '[PP-d]', 'partnerPortal.accountNotFound'),
  'partnerPortal.button.cancel': button('Cancel', 'emulator', 'partnerPortal.accountNotFound'),
  'partnerPortal.dialog.confirmTransfer': dialog('Confirm transfer', '[PP-d]', 'partnerPortal.confirmTransfer'),
  'partnerPortal.button.confirmTransfer': button('Transfer', '[PP-d]', 'partnerPortal.confirmTransfer'),
  'partnerPortal.button.back': button('Back', 'emulator', 'partnerPortal.confirmTransfer'),
  'partnerPortal.banner.transferred': entry('text')(' transferred to ', '[PP-d]', 'partnerPortal.transferred', 'contains'),
  // "remains in the system for tracking purposes" [PP-d]: said where a retired license's Transfer form would be, and in the banner.
  'partnerPortal.text.trackingOnly': entry('text')('kept for tracking only', '[PP-d]', 'partnerPortal.transferred', 'contains'),

  // ------------------------------------------------------------------ License Customer Portal [ML], [ML7]
  'customerPortal.region.login': region('Log in', 'emulator', 'customerPortal.login'),
  'customerPortal.button.logOut': button('Log out', 'emulator', 'customerPortal.licenses'),
  'customerPortal.form.eidLogin': entry('form')('Log in with your EID', '[ML7]', 'customerPortal.login'),
  'customerPortal.field.eid': textbox('EID', '[ML7]', 'customerPortal.login'),
  'customerPortal.button.logInWithEid': button('LOG IN WITH EID', 'emulator', 'customerPortal.login'),
  'customerPortal.form.emailLogin': entry('form')('Log in with your email', '[ML7]', 'customerPortal.login'),
  'customerPortal.field.email': textbox('Email', '[ML7]', 'customerPortal.login'),
  'customerPortal.button.logInWithEmail': button('LOG IN WITH EMAIL', 'emulator', 'customerPortal.login'),
  'customerPortal.region.licenses': region('My Licenses', 'emulator', 'customerPortal.licenses'),
  'customerPortal.button.refresh': button('Refresh', 'emulator', 'customerPortal.licenses'),
  'customerPortal.button.showMore': button('Show more', 'emulator', 'customerPortal.licenses', 'start'),
  'customerPortal.table.licenses': table('My licenses', 'emulator', 'customerPortal.licenses'),
  'customerPortal.column.eid': column('EID', '[ML7]', 'customerPortal.licenses'),
  'customerPortal.column.modelNumber': column('Model Number', '[ML7]', 'customerPortal.licenses'),
  'customerPortal.column.type': column('Type', 'emulator', 'customerPortal.licenses'),
  'customerPortal.column.devices': column('Devices', 'emulator', 'customerPortal.licenses'),
  'customerPortal.column.description': column('Description', 'emulator', 'customerPortal.licenses'),
  'customerPortal.column.status': column('Status', 'emulator', 'customerPortal.licenses'),
  'customerPortal.column.installCode': column('Install Code', '[AON]', 'customerPortal.licenses'),
  'customerPortal.column.activation': column('Activation', 'emulator', 'customerPortal.licenses'),
  'customerPortal.column.maintenanceEnds': column('Maintenance Ends', 'emulator', 'customerPortal.licenses'),
  'customerPortal.column.offlineActivation': column('Offline Activation', '[ML]', 'customerPortal.licenses'),
  'customerPortal.button.createOfflineFileFor': button('Create offline activation file for {licenseId}', '[ML]', 'customerPortal.licenses'),
  // A maintenance license's file comes from Customer Success [ML-d]; its row says so where the button would be.
  'customerPortal.text.askCustomerSuccess': entry('text')('Ask Customer Success', '[ML-d]', 'customerPortal.licenses', 'start'),
  'customerPortal.dialog.offlineFile': dialog('Create offline activation file', '[ML]', 'customerPortal.offlineFile'),
  'customerPortal.field.installCode': textbox('Install Code', '[AON]', 'customerPortal.offlineFile'),
  'customerPortal.field.confirmInstallCode': textbox('Confirm Install Code', 'emulator', 'customerPortal.offlineFile'),
  'customerPortal.button.withdrawOfflineFileFor': button('Withdraw offline activation file for {licenseId}', 'emulator', 'customerPortal.fileIssued'),
  'customerPortal.button.createFile': button('CREATE FILE', 'emulator', 'customerPortal.offlineFile'),
  'customerPortal.button.downloadFile': button('DOWNLOAD FILE', 'emulator', 'customerPortal.offlineFile'),
  'customerPortal.button.close': button('CLOSE', 'emulator', 'customerPortal.offlineFile'),

  // ------------------------------------------------------------------ SmartServer CMS [OLI], [AON], [ML7], [DSC], [PDR]
  'cms.region.login': region('Log in', 'emulator', 'cms.login'),
  'cms.field.username': textbox('User name', 'emulator', 'cms.login'),
  'cms.field.password': label('Password', 'emulator', 'cms.login'),
  'cms.button.logIn': button('LOG IN', 'emulator', 'cms.login'),
  'cms.button.logOut': button('Log out', 'emulator', 'cms.dashboard'),
  'cms.region.dashboard': region('Dashboard', '[ML7]', 'cms.dashboard'),
  'cms.button.refresh': button('Refresh', 'emulator', 'cms.dashboard'),
  'cms.region.licenseStatus': region('License Status', '[OLI]', 'cms.dashboard'),
  'cms.term.deviceCapacity': column('Device capacity', '[ML7]', 'cms.dashboard'),
  'cms.term.usedCapacity': column('Used capacity', '[ML7]', 'cms.dashboard'),
  'cms.term.definedDevices': column('Defined devices', '[ML7]', 'cms.dashboard'),
  'cms.term.licensedDevices': column('Licensed devices', 'emulator', 'cms.dashboard'),
  'cms.term.maintenance': column('Maintenance', '[ML7]', 'cms.dashboard'),
  'cms.term.deviceAccess': column('Device access', '[API]', 'cms.dashboard'),
  'cms.term.scheduler': column('Scheduler', '[API]', 'cms.dashboard'),
  'cms.term.dataLogging': column('Data logging', '[API]', 'cms.dashboard'),
  'cms.img.licenseAttention': entry('img')('License attention', '[ML7]', 'cms.dashboard', 'start'),
  'cms.list.devicesByColour': entry('list')('Devices by colour', '[DSC]', 'cms.dashboard'),
  'cms.group.deviceFilter': entry('group')('Show devices that are', '[DEVS]', 'cms.dashboard'),
  'cms.checkbox.provisioned': entry('checkbox')('provisioned', '[DEVS]', 'cms.dashboard'),
  'cms.checkbox.unprovisioned': entry('checkbox')('unprovisioned', '[DEVS]', 'cms.dashboard'),
  'cms.checkbox.provisioning': entry('checkbox')('provisioning', '[DEVS]', 'cms.dashboard'),
  'cms.checkbox.unprovisioning': entry('checkbox')('unprovisioning', '[DEVS]', 'cms.dashboard'),
  'cms.table.devices': table('Devices', '[OLI]', 'cms.dashboard'),
  'cms.column.deviceNumber': column('#', 'emulator', 'cms.dashboard'),
  'cms.column.deviceName': column('Name', 'emulator', 'cms.dashboard'),
  'cms.column.protocol': column('Protocol', '[DEVS]', 'cms.dashboard'),
  'cms.column.state': column('State', 'emulator', 'cms.dashboard'),
  'cms.column.colour': column('Colour', '[DSC]', 'cms.dashboard'),
  'cms.column.license': column('License', '[DSC]', 'cms.dashboard'),
  'cms.column.provisionState': column('Provision State', '[DEVS]', 'cms.dashboard'),
  'cms.column.health': column('Health', '[DSTS]', 'cms.dashboard'),
  'cms.text.moreActions': entry('text')('More actions', 'emulator', 'cms.dashboard'),
  // Purple devices: "adding capacity converts unlicensed devices to licensed" [DSC]; said where the refused actions' buttons would be.
  'cms.text.addCapacity': entry('text')('add capacity', '[DSC]', 'cms.dashboard', 'contains'),
  // Offered once the device is licensed; an unlicensed one shows why instead (cms.text.addCapacity).
  'cms.deviceAction.provision': button('Provision', '[PDR]', 'cms.licensedDevice'),
  'cms.deviceAction.deprovision': button('Deprovision', '[PDR]', 'cms.provisionedDevice'),
  'cms.deviceAction.readDatapoints': button('Read datapoints', '[DSC]', 'cms.provisionedDevice'),
  'cms.deviceAction.writeDatapoints': button('Write datapoints', '[DSC]', 'cms.provisionedDevice'),
  'cms.deviceAction.datapointProperties': button('Datapoint properties', '[DSC]', 'cms.dashboard'),
  'cms.deviceAction.connections': button('Connections', '[DSC]', 'cms.dashboard'),
  'cms.deviceAction.bacnetServer': button('BACnet server', '[DSC]', 'cms.dashboard'),
  'cms.deviceAction.schedule': button('Schedule', '[DSC]', 'cms.dashboard'),
  'cms.deviceAction.sequence': button('Sequence', '[DSC]', 'cms.dashboard'),
  // The button also holds the red badge when capacity runs short, so its name only starts with the words.
  'cms.button.manageLicenses': button('Manage Licenses', '[OLI]', 'cms.dashboard', 'start'),
  'cms.dialog.manageLicenses': dialog('Manage Licenses', '[OLI]', 'cms.manageLicenses'),
  'cms.view.manageLicenses': entry('heading')('Manage Licenses', '[OLI]', 'cms.manageLicenses'),
  'cms.toolbar.licenseActions': entry('toolbar')('License actions', 'emulator', 'cms.manageLicenses'),
  'cms.button.manageCustomerAccounts': button('Manage Customer Accounts', '[AON]', 'cms.manageLicenses'),
  'cms.button.downloadFromCloud': button('Download Licenses from the Cloud', '[AON]', 'cms.manageLicenses'),
  'cms.button.addLicense': button('Add License', '[OLI]', 'cms.manageLicenses'),
  'cms.button.editNotifications': button('Edit Notifications', '[OLI]', 'cms.manageLicenses'),
  'cms.button.transferToCloud': button('Transfer to Cloud', '[AON]', 'cms.manageLicenses'),
  'cms.button.back': button('BACK', '[AON]', 'cms.customerAccounts'),
  'cms.table.activatedLicenses': table('Activated licenses', 'emulator', 'cms.manageLicenses'),
  'cms.column.segmentController': column('Segment Controller', '[OLI]', 'cms.manageLicenses'),
  'cms.column.licenseId': column('License ID', '[OLI]', 'cms.manageLicenses'),
  'cms.column.type': column('Type', 'emulator', 'cms.manageLicenses'),
  'cms.column.description': column('Description', '[OLI]', 'cms.manageLicenses'),
  'cms.column.status': column('Status', '[OLI]', 'cms.manageLicenses'),
  'cms.column.activationDate': column('Activation Date', '[OLI]', 'cms.manageLicenses'),
  'cms.column.note': column('Note', '[OLI]', 'cms.manageLicenses'),
  'cms.button.editNoteOf': button('Edit note of license {licenseId}', '[OLI]', 'cms.manageLicenses'),
  'cms.field.noteOf': textbox('Note of license {licenseId}', '[OLI]', 'cms.noteEditing'),
  'cms.button.saveNoteOf': button('Save note of license {licenseId}', '[OLI]', 'cms.noteEditing'),
  'cms.view.customerAccounts': entry('heading')('Manage Customer Accounts', '[AON]', 'cms.customerAccounts'),
  'cms.table.customerAccounts': table('Customer accounts', '[AON]', 'cms.customerAccounts'),
  'cms.column.installCode': column('Install Code', '[AON]', 'cms.customerAccounts'),
  'cms.column.customerId': column('Customer ID', '[AON]', 'cms.customerAccounts'),
  'cms.field.customerId': textbox('Customer ID', '[AON]', 'cms.customerAccounts'),
  'cms.button.saveChanges': button('Save Changes', '[AON]', 'cms.customerIdEntered'),
  'cms.button.discardChanges': button('Discard Changes', '[AON]', 'cms.customerIdEntered'),
  'cms.view.downloadFromCloud': entry('heading')('Download Licenses from Cloud', '[AON]', 'cms.cloud'),
  'cms.table.cloudLicenses': table('Licenses in the cloud', 'emulator', 'cms.cloud'),
  'cms.column.transferDate': column('Transfer Date', '[AON]', 'cms.cloud'),
  'cms.column.modelNumber': column('Model Number', '[ML7]', 'cms.cloud'),
  'cms.checkbox.selectLicense': entry('checkbox')('Select license {licenseId}', '[AON]', 'cms.cloud'),
  'cms.button.activate': button('ACTIVATE', '[AON]', 'cms.cloud'),
  'cms.button.showMoreOffers': button('Show more', 'emulator', 'cms.cloud', 'start'),
  'cms.view.addLicense': entry('heading')('Add License', '[OLI]', 'cms.addLicense'),
  'cms.field.licenseFile': label('License file', '[OLI]', 'cms.addLicense'),
  'cms.button.loadFile': button('LOAD FILE', 'emulator', 'cms.addLicense'),
  'cms.view.editNotifications': entry('heading')('Edit Notifications', '[ML-d]', 'cms.notifications'),
  'cms.field.notificationEmails': label('Email addresses', '[ML-d]', 'cms.notifications'),
  'cms.field.notificationDays': label('Days before maintenance ends', '[ML-d]', 'cms.notifications'),
  'cms.checkbox.renewalConfirmation': entry('checkbox')('confirmation when maintenance is renewed', '[ML-d]', 'cms.notifications', 'contains'),
  'cms.button.save': button('SAVE', 'emulator', 'cms.notifications'),
  'cms.dialog.transferToCloud': dialog('Transfer to Cloud', '[AON]', 'cms.transferToCloud'),
  'cms.button.transferLicenses': button('TRANSFER LICENSES', '[AON]', 'cms.transferToCloud'),
  'cms.button.cancel': button('CANCEL', 'emulator', 'cms.transferToCloud'),

  // ------------------------------------------------------------------ the emulator's own pages (screenshots only)
  'emulator.region.fleet': region('SmartServers', 'emulator', 'emulator.fleet'),
  'emulator.table.fleet': table('SmartServer fleet', 'emulator', 'emulator.fleet'),
  'emulator.region.landing': region('SmartServer CMS', 'emulator', 'emulator.landing'),
} as const satisfies Record<string, LocatorEntry>;

export type LocatorKey = keyof typeof DOCUMENTED_LOCATORS;
export type Locators = { readonly [K in LocatorKey]: LocatorEntry };

export const LOCATOR_KEYS = Object.keys(DOCUMENTED_LOCATORS) as LocatorKey[];

/** A refused override: names the key or the rule, and the way out. */
export class LocatorOverrideError extends Error {}

const placeholdersOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/**
 * The effective map: the documented words with each overridden entry's words replaced. Every key
 * must be one of LOCATOR_KEYS, every value non-blank text, and a per-row name must keep its
 * placeholders (`{licenseId}`); anything else is refused with the key and the rule.
 */
export function withLocatorOverrides(overrides: Readonly<Record<string, string>> = {}): Locators {
  const problems: string[] = [];
  const effective: Record<string, LocatorEntry> = { ...DOCUMENTED_LOCATORS };
  for (const [key, text] of Object.entries(overrides)) {
    const documented = (DOCUMENTED_LOCATORS as Record<string, LocatorEntry>)[key];
    if (!documented) {
      const near = closestKeys(key);
      problems.push(`locators: "${key}" is not a locator key${near.length ? `; did you mean ${near.map((k) => `"${k}"`).join(', ')}?` : ''}`);
      continue;
    }
    if (typeof text !== 'string' || text.trim() === '') {
      problems.push(`locators: "${key}" must be the words to find it by, a non-empty string`);
      continue;
    }
    const wanted = placeholdersOf(documented.text);
    if (wanted.join() !== placeholdersOf(text).join()) {
      problems.push(`locators: "${key}" names one element per row and must keep ${wanted.map((p) => `{${p}}`).join(', ')} in its words`);
      continue;
    }
    effective[key] = { ...documented, text };
  }
  if (problems.length > 0) throw new LocatorOverrideError(problems.join('\n'));
  return effective as Locators;
}

/** The known keys nearest to `key`: same surface first, then by edit distance. */
export function closestKeys(key: string, count = 3): LocatorKey[] {
  const wanted = key.toLowerCase();
  const lastWord = wanted.split('.').pop() ?? wanted;
  return LOCATOR_KEYS.map((candidate) => {
    const known = candidate.toLowerCase();
    const distance = Math.min(editDistance(wanted, known), editDistance(lastWord, known.split('.').pop() ?? known) + 2);
    return { candidate, distance };
  })
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, count)
    .filter(({ distance }) => distance <= Math.max(3, wanted.length / 4))
    .map(({ candidate }) => candidate);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/** The words of an entry, with a per-row name's placeholders filled in. */
export function wordsOf(entry: LocatorEntry, values: Readonly<Record<string, string>> = {}): string {
  return entry.text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What Playwright's `name` (or `hasText`) option takes for the entry: the words for an exact
 * name, a pattern for a name that starts with or holds them, or for a per-row name whose row is
 * not given (any License ID).
 */
export function nameOf(entry: LocatorEntry, values?: Readonly<Record<string, string>>): string | RegExp {
  const filled = values ? wordsOf(entry, values) : entry.text;
  const perRow = /\{\w+\}/.test(filled);
  if (!perRow && entry.match === 'exact') return filled;
  const body = filled
    .split(/\{\w+\}/)
    .map(escapeRegExp)
    .join('.+');
  if (entry.match === 'contains') return new RegExp(body);
  return new RegExp(entry.match === 'start' ? `^${body}` : `^${body}$`);
}
