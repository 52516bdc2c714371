/**
 * The words a person reads on the pages, for the values the API hands over as identifiers: a
 * license's state, a device's state and colour, a refusal's code. One place for all of them, so
 * the pages (which receive these tables as a script) and the browser driver (which reads the
 * words back into values) agree, and so the problem titles can later come from the problem
 * catalogue instead of the table below.
 *
 * A word may hold `{name}` placeholders, filled from the record shown (`File issued for
 * {installCode}`); a record without that value shows the words before the placeholder only.
 */

/** A license's state, as the partner and customer portals show it in the Status column. */
export const LICENSE_STATUS_WORDS = {
  inInventory: 'Available',
  withCustomer: 'With customer',
  offlineFileIssued: 'File issued for {installCode}',
  active: 'Activated on {installCode}',
  retired: 'Retired — kept for tracking',
} as const;

export const LICENSE_KIND_WORDS = {
  capacity: 'Device capacity',
  trial: 'Trial',
  maintenance: 'Maintenance',
  core: 'Core',
} as const;

export const ACTIVATION_MODE_WORDS = {
  online: 'Online',
  offline: 'Offline (file)',
} as const;

/** A device's state in the Devices widget (DOC [DSC]: the colours and what each means). */
export const DEVICE_STATE_WORDS = {
  unlicensed: 'Unlicensed',
  unprovisioned: 'Not provisioned',
  provisioning: 'Being provisioned',
  'provisioned.normal': 'Provisioned',
  'provisioned.marginal': 'Provisioned, marginal health',
  'provisioned.suspect': 'Provisioned, not communicating',
  'provisioned.down': 'Provisioned, down',
} as const;

export const DEVICE_COLOUR_WORDS = {
  purple: 'Purple',
  blue: 'Blue',
  'blue-spinner': 'Blue with green spinner',
  green: 'Green',
  'green-red-ring': 'Green with red ring',
  yellow: 'Yellow',
  red: 'Red',
} as const;

export const PROVISION_STATE_WORDS = {
  unprovisioned: 'Unprovisioned',
  provisioning: 'Provisioning',
  provisioned: 'Provisioned',
  unprovisioning: 'Unprovisioning',
} as const;

export const DEVICE_HEALTH_WORDS = {
  normal: 'Normal',
  marginal: 'Marginal',
  suspect: 'Suspect',
  down: 'Down',
  nascent: 'Not reported yet',
} as const;

export const PROTOCOL_WORDS = {
  lon: 'LON',
  bacnet: 'BACnet',
  modbus: 'Modbus',
} as const;

/** The tables the pages and the driver look words up in, by name. */
export const WORD_TABLES = {
  licenseStatus: LICENSE_STATUS_WORDS,
  licenseKind: LICENSE_KIND_WORDS,
  activationMode: ACTIVATION_MODE_WORDS,
  deviceState: DEVICE_STATE_WORDS,
  deviceColour: DEVICE_COLOUR_WORDS,
  provisionState: PROVISION_STATE_WORDS,
  deviceHealth: DEVICE_HEALTH_WORDS,
  protocol: PROTOCOL_WORDS,
} as const;
export type WordTable = keyof typeof WORD_TABLES;

/**
 * The title a refusal shows, by its problem code: what happened, in a sentence's first words.
 * Codes not listed take the title of their status below.
 */
export const PROBLEM_TITLES: Readonly<Record<string, string>> = {
  'invalid-input': 'Check what was entered',
  'invalid-credentials': 'Those login details are not right',
  unauthenticated: 'Please log in again',
  'too-many-attempts': 'Too many tries; wait before trying again',
  'owner-only': 'Only the Owner may do this',
  'partner-only': 'Only a partner may do this',
  'customer-only': 'Only a customer may do this',
  'license-retired': 'This License ID is kept for tracking only',
  'contact-email-taken': 'That contact email belongs to another customer',
  'customer-name-taken': 'That customer name is taken',
  'customer-account-not-found': 'No customer account has that name',
  'license-not-found': 'No such license',
  'license-for-this-customer-id-not-found': 'The cloud holds no such license for this Customer ID',
  'customer-id-not-found': 'No customer account has that Customer ID',
  'smartserver-not-found': 'No such SmartServer',
  'device-not-found': 'No such device',
  'license-active': 'The license is active on a SmartServer',
  'license-already-active': 'The license is active already',
  'license-bound-offline': 'An offline file was issued for this license',
  'license-elsewhere': 'The license is active on another SmartServer',
  'license-not-with-customer': 'The license has not been transferred to a customer',
  'smartserver-offline': 'The SmartServer has no Internet connection',
  'maintenance-expired': 'Maintenance has expired',
  'maintenance-term-ended': 'Maintenance has ended',
  'maintenance-required': 'Maintenance is not active',
  'maintenance-capacity-mismatch': 'The maintenance license does not match the capacity',
  'device-unlicensed': 'The device is unlicensed: add capacity',
  'device-state': 'Not possible in the device’s state',
  'no-customer-id': 'Save a Customer ID first',
  'no-pending-change': 'Nothing entered to save or discard',
  'nothing-to-activate': 'Select a license to activate',
  'no-licenses-to-return': 'No license to transfer to the cloud',
  'offline-file-foreign': 'The file was made for another SmartServer',
  'offline-file-replayed': 'The file was loaded already',
  'offline-file-unknown': 'The licensing cloud never issued this file',
  'offline-file-expired': 'The file has expired',
  'offline-file-tampered': 'The file was changed after it was signed',
  'offline-maintenance-needs-customer-success': 'Maintenance files come from Customer Success',
  'no-license-management': 'This release needs no license management',
  'core-license-required': 'The SmartServer Pi needs its Core license',
  'cloud-unavailable': 'The licensing cloud is unavailable',
  'cloud-timeout': 'The licensing cloud did not answer in time',
  'feature-unavailable': 'The feature is not available',
  unreachable: 'No answer from the emulator',
  'page-error': 'The page failed',
};

/** Titles by status, for codes PROBLEM_TITLES does not list; none is a bare HTTP reason phrase. */
export const STATUS_TITLES: Readonly<Record<string, string>> = {
  '0': 'No answer',
  '400': 'Check what was entered',
  '401': 'Please log in',
  '403': 'Not allowed for this user',
  '404': 'Nothing by that name or ID here',
  '409': 'Not possible now',
  '413': 'Too much to send at once',
  '414': 'The address is too long',
  '415': 'Sent in a form the emulator does not read',
  '422': 'Not allowed by the licensing rules',
  '426': 'A newer release is needed',
  '429': 'Too many tries; wait before trying again',
  '500': 'The emulator failed',
  '501': 'Not emulated',
  '503': 'The service is not answering',
  '504': 'The service did not answer in time',
};

/** A field the API names in a refusal, as the pages label it. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  email: 'Email',
  password: 'Password',
  eid: 'EID',
  username: 'User name',
  customerName: 'Customer Name',
  customerId: 'Customer ID',
  contactEmail: 'Contact Email',
  contactName: 'Contact Name',
  phone: 'Phone',
  address: 'Address',
  installCode: 'Install Code',
  licenseId: 'License ID',
  licenseIds: 'License IDs',
  note: 'Note',
  emails: 'Email addresses',
  daysBefore: 'Days before maintenance ends',
  file: 'License file',
  poNumber: 'PO Number',
  transferTo: 'Transfer To',
};

/**
 * Rules the API words for programs (`email: must not be empty`), said
 * for a person: a pattern over the rule and its replacement, `{label}` being the field's label.
 * Kept as pattern text so the pages receive them with the tables.
 */
export const RULE_REWORDINGS: readonly (readonly [pattern: string, words: string])[] = [
  ['^is required: give eid .*$', 'Enter the EID (a License ID) or the email address your partner added.'],
  ['^give eid .*, not both$', 'Enter the EID or the email address, not both.'],
  ['^is required\\b.*$', '{label} is required.'],
  ['^must not be (empty|only blanks)$', '{label} is required.'],
  ['^must NOT have fewer than 1 characters?$', '{label} is required.'],
  ["^must have required property '(\\w+)'$", 'Something required is missing.'],
  ['^must NOT have more than (\\d+) characters$', '{label} can be at most $1 characters long.'],
  ['^must be a UUID such as (.*)$', '{label} must look like $1.'],
  ['^must be (.*)$', '{label} must be $1.'],
  ['^must match pattern .*$', '{label} is not in the expected form.'],
  ['^(.*)$', '{label}: $1'],
];

/** Fills a word's placeholders; a missing value drops the placeholder and what follows it. */
export function fillWords(words: string, values: Readonly<Record<string, unknown>> = {}): string {
  const missing = [...words.matchAll(/\{(\w+)\}/g)].find((m) => values[m[1]] === undefined || values[m[1]] === null || values[m[1]] === '');
  const kept = missing ? words.slice(0, missing.index).replace(/\s+\w+\s*$/, '') : words;
  return kept.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));
}

/** The words for `value` in a table; an unknown value is shown as it came. */
export function wordsFor(table: WordTable, value: string | null | undefined, values: Readonly<Record<string, unknown>> = {}): string {
  if (value === null || value === undefined) return '';
  const words = (WORD_TABLES[table] as Record<string, string>)[value];
  return words === undefined ? value : fillWords(words, values);
}

/**
 * The value whose words a page shows, the inverse of `wordsFor` (placeholders match any text):
 * undefined when no entry of the table reads so.
 */
export function valueFor<T extends WordTable>(table: T, shown: string): keyof (typeof WORD_TABLES)[T] | undefined {
  const text = shown.trim();
  for (const [value, words] of Object.entries(WORD_TABLES[table]) as [string, string][]) {
    if (text === words || text === fillWords(words)) return value as keyof (typeof WORD_TABLES)[T];
    const pattern = words
      .split(/\{\w+\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.+');
    if (new RegExp(`^${pattern}$`).test(text)) return value as keyof (typeof WORD_TABLES)[T];
  }
  return undefined;
}

/** Everything the pages need to word what they show, as one plain object (served as /ui/words.js). */
export function pageVocabulary() {
  return {
    tables: WORD_TABLES,
    problemTitles: PROBLEM_TITLES,
    statusTitles: STATUS_TITLES,
    fieldLabels: FIELD_LABELS,
    ruleRewordings: RULE_REWORDINGS,
  };
}
