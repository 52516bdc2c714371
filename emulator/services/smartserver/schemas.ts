import { DEVICE_STATES, deviceColour } from '../../../models/device.machine';
import { DEVICE_ORIGINS, FEATURES } from '../../../models/editions';
import {
  arrayOf,
  bool,
  count,
  date,
  email,
  enumOf,
  extend,
  installCode,
  filled,
  int,
  nullable,
  object,
  optionalText,
  orEmpty,
  release,
  type StaticOf,
  text,
  timestamp,
  uuid,
  withDetails,
} from '../../api-kit/schemas';
import { DEVICE_HEALTHS, PROTOCOLS, PROVISION_STATES, USER_TYPES } from '../../kernel/vocabulary';
import { LICENSE_KINDS } from '../partner-portal';

/** The SmartServer's shapes: its record, its CMS (licensing, notifications, releases, features) and its devices. */

const DEVICE_COLOURS = [...new Set(DEVICE_STATES.map(deviceColour))];
/** How the Manage Licenses answers name an install code (without the example the record's schema shows). */
const installCodeText = withDetails(text('a SmartServer install code (17q5t6a)'), { pattern: '^[0-9a-z]{7}$' });

// The SmartServer itself

const smartServerProperties = {
  installCode: installCode(),
  segmentControllerId: text('the segment controller ID'),
  name: text(),
  hostname: text('smartserver-<install code>'),
  version: text('release, e.g. 4.0 or "3.3 Update 1"'),
  edition: enumOf(['standard', 'pi']),
  online: bool('whether it reaches the Internet'),
  customerId: uuid('the saved Customer ID'),
  pendingCustomerId: uuid('a Customer ID entered but not saved yet'),
};
export const SmartServerSchema = object('SmartServer', smartServerProperties, ['customerId', 'pendingCustomerId']);

export const CmsUserCredentialsSchema = object('CmsUserCredentials', { username: text(), userType: enumOf(USER_TYPES), password: text() });

export const CreatedSmartServerSchema = object('CreatedSmartServer', { ...smartServerProperties, users: arrayOf(CmsUserCredentialsSchema) }, [
  'customerId',
  'pendingCustomerId',
]);

export const CmsSessionSchema = object('CmsSession', {
  token: text("bearer token for this SmartServer's CMS"),
  expiresAt: timestamp('when the token stops working (real time)'),
  userType: enumOf(USER_TYPES),
});

export const DashboardSchema = object('Dashboard', {
  installCode: installCode(),
  name: text(),
  version: text(),
  edition: enumOf(['standard', 'pi']),
  online: bool(),
  licenseManagement: bool('false for releases up to 3.2, which need no license'),
  capacity: count('licensed device capacity; capacity and trial licenses add up'),
  usedCapacity: count('the SmartServer itself plus its licensed devices'),
  definedDevices: count('devices defined in the CMS'),
  licensedDevices: count('devices the capacity admits'),
  badge: bool('the red exclamation badge: no capacity, or too little for the devices'),
  manageLicensesOpensAtStartup: bool(),
  maintenance: object(undefined, {
    status: text('Active, "Expires <date>" within 60 days, or Inactive'),
    ends: nullable(date('end of maintenance')),
  }),
  devicesByColour: object(
    undefined,
    Object.fromEntries(DEVICE_COLOURS.map((c) => [c, count(`devices shown ${c}`)])) as Record<string, ReturnType<typeof count>>,
  ),
  services: object(undefined, {
    devices: enumOf(['reachable', 'unreachable'], 'devices are unreachable once no capacity is left'),
    scheduler: enumOf(['running', 'stopped']),
    dataLogging: enumOf(['running', 'stopped']),
  }),
});

// Manage Licenses and Manage Customer Accounts

// What Manage Licenses shows of a license, in its table and in an action's answer alike.
const licenseRowFields = {
  licenseId: uuid('the License ID'),
  kind: enumOf(LICENSE_KINDS),
  description: text('e.g. 1000-device capacity, 3-year maintenance'),
  status: text('Active, or for maintenance "Expiring <date>" / "Expired <date>"'),
  activationDate: date('when it was activated'),
  mode: enumOf(['online', 'offline']),
};

export const HeldLicenseSchema = object('HeldLicense', {
  segmentController: text(),
  ...licenseRowFields,
  note: nullable(text()),
});
export const HeldLicenseListSchema = arrayOf(HeldLicenseSchema);

export const CustomerAccountSchema = object('CustomerAccount', {
  segmentController: text(),
  installCode: installCode(),
  customerId: nullable(uuid('the saved Customer ID')),
  pendingCustomerId: nullable(uuid('a Customer ID entered but not saved')),
});
export const CustomerAccountListSchema = arrayOf(CustomerAccountSchema);

export const CloudLicenseSchema = object('CloudLicense', {
  segmentController: text(),
  licenseId: uuid('the License ID'),
  model: text(),
  kind: enumOf(LICENSE_KINDS),
  capacity: count('devices the license admits or covers'),
  transferDate: date('when it reached the customer'),
  description: text('type, and expiry for maintenance'),
});
export const CloudLicenseListSchema = arrayOf(CloudLicenseSchema);

/** A license an action activated: its Manage Licenses row, and the devices it admits or covers. */
export const ActivatedLicenseSchema = object('ActivatedLicense', {
  ...licenseRowFields,
  capacity: count('devices the license admits (capacity, trial) or covers (maintenance)'),
});

/** Where a SmartServer's licensing stands after an action; the whole table is Manage Licenses (GET …/iap/lic). */
export const LicensingSummarySchema = object('LicensingSummary', {
  licenses: count('licenses the SmartServer holds'),
  capacity: count('licensed capacity: the devices its capacity and trial licenses admit'),
  maintenanceEnds: nullable(date('when its maintenance ends; null without maintenance')),
});

/** Said of the answers below: they hold what the action did, and point to the whole table. */
const MANAGE_LICENSES_LINK = 'The Link header (rel="collection") points to Manage Licenses, the whole table of what the SmartServer holds.';

/** The header the answers of licensing actions carry: where the whole Manage Licenses table is read. */
export const manageLicensesLinkHeader = {
  Link: {
    description: 'Manage Licenses, the whole table of what the SmartServer holds: `</smartservers/{installCode}/iap/lic>; rel="collection"`',
    schema: { type: 'string', pattern: '^</smartservers/[0-9a-z]{7}/iap/lic>; rel="collection"$' },
  },
};

/** The Link header's value for a SmartServer. */
export const manageLicensesLink = (installCode: string) => `</smartservers/${installCode}/iap/lic>; rel="collection"`;

export const ActivationResultSchema = withDetails(
  object('ActivationResult', {
    activated: arrayOf(ActivatedLicenseSchema),
    licensing: LicensingSummarySchema,
  }),
  { description: `The licenses this call activated and where the SmartServer's licensing stands now. ${MANAGE_LICENSES_LINK}` },
);

export const ReturnResultSchema = withDetails(
  object('ReturnResult', {
    returned: arrayOf(uuid('a returned License ID')),
    licensing: LicensingSummarySchema,
  }),
  { description: `The licenses this call gave back to the cloud and where the SmartServer's licensing stands now. ${MANAGE_LICENSES_LINK}` },
);

export const AddLicenseResultSchema = withDetails(
  object('AddLicenseResult', {
    activated: ActivatedLicenseSchema,
    fileId: uuid('the loaded file'),
    licensing: LicensingSummarySchema,
  }),
  { description: `The license the file activated and where the SmartServer's licensing stands now. ${MANAGE_LICENSES_LINK}` },
);

export const NotificationSettingsSchema = object('NotificationSettings', {
  emails: arrayOf(email(), { maxItems: 20 }),
  daysBefore: arrayOf(int(1, 365), { maxItems: 10, description: 'days before the maintenance end, longest first, no repeats' }),
  renewalConfirmation: bool(),
});

const PlannedNotificationSchema = object(
  'PlannedNotification',
  {
    kind: enumOf(['expiry-reminder', 'renewal-confirmation']),
    sendOn: date('the day it goes out'),
    to: arrayOf(text()),
    maintenanceEnd: date('the maintenance end it is about'),
    daysBefore: int(1, 365),
  },
  ['daysBefore'],
);

export const NotificationsDueSchema = object('NotificationsDue', {
  today: date('the virtual date'),
  maintenanceEnd: nullable(date('the SmartServer maintenance end')),
  due: arrayOf(PlannedNotificationSchema),
  planned: arrayOf(PlannedNotificationSchema),
});

// Releases, resets and built-in features

export const ReleaseInstalledSchema = object('ReleaseInstalled', {
  installCode: installCodeText,
  from: text(),
  to: text(),
  change: enumOf(['upgrade', 'update', 'same', 'downgrade']),
  reimaged: bool(),
  licensesKept: count(),
  devicesCleared: count(),
});

export const SystemResetSchema = object('SystemReset', {
  installCode: installCodeText,
  reset: enumOf(['databases', 'factory-settings']),
  licensesKept: count(),
  devicesCleared: count(),
});

export const SmartServerFeatureSchema = object(
  'SmartServerFeature',
  {
    feature: enumOf(FEATURES),
    available: bool(),
    reason: text('why it is not available, and the way out'),
    switchable: bool('routing features are switched on and off; services run by themselves'),
    enabled: bool(),
  },
  ['reason'],
);

// Devices

export const DeviceSchema = object('Device', {
  id: withDetails(int(1), { description: 'device number in creation order' }),
  name: text(),
  protocol: enumOf(PROTOCOLS),
  uid: text(),
  state: enumOf(DEVICE_STATES, 'the device machine state'),
  colour: enumOf(DEVICE_COLOURS),
  licensed: bool(),
  status: object(undefined, {
    state: enumOf(PROVISION_STATES, 'provision state, as the public /iap/devs answer words it'),
    health: enumOf([...DEVICE_HEALTHS, 'nascent'], 'nascent until the device is provisioned'),
  }),
  lic: object(undefined, { licensed: bool('whether the capacity admits the device (an emulator extension)') }),
});

/** A device as the CMS Devices widget shows it: with the actions its state offers and, for a disabled one, why. */
export const DeviceWithMenuSchema = extend(DeviceSchema, 'DeviceWithMenu', {
  actions: arrayOf(
    object(
      'DeviceMenuEntry',
      {
        action: text('a device action, as POST .../iap/devs/{id}/do takes it'),
        offered: bool("the device's state takes this action at all"),
        allowed: bool('the action would run now'),
        refusal: object(undefined, { code: text(), detail: text() }),
      },
      ['refusal'],
    ),
  ),
});

export const DeviceCountSchema = object('DeviceCount', { value: count() });

// Path parameters (descriptive: the rules check the values and name them when they refuse)

export const installCodeParams = object(undefined, { installCode: installCode() });
const STATE = `(${PROVISION_STATES.map((state) => state.toUpperCase()).join('|')})`;
/** `?sts=`: provision states in upper case, comma-separated (spaces around each allowed); empty means all. */
export const stsQuery = object(
  undefined,
  {
    sts: withDetails(text(`comma-separated provision states: ${PROVISION_STATES.map((state) => state.toUpperCase()).join(', ')}; empty or left out: all`), {
      pattern: `^(\\s*${STATE}\\s*(,\\s*${STATE}\\s*)*)?$`,
      examples: ['PROVISIONED', 'UNPROVISIONED,PROVISIONING'],
    }),
  },
  ['sts'],
);

export const deviceParams = object(undefined, {
  installCode: installCode(),
  id: withDetails(text('device number from the device list (1 and up)'), { pattern: '^[1-9][0-9]{0,14}$' }),
});

/** Request bodies, for the API document: the rules read and check bodies themselves and name the field they refuse. */
export const smartServerBodies = {
  newSmartServer: object(
    undefined,
    {
      installCode: installCode('the install code to give it; a free one is drawn when left out'),
      name: optionalText('shown in the CMS; smartserver-<install code> when left out', 80),
      version: withDetails(orEmpty(nullable(release())), { default: '4.0' }),
      edition: withDetails(enumOf(['standard', 'pi']), { default: 'standard' }),
      online: withDetails(bool(), { default: true }),
      devices: {
        ...nullable(
          object(
            undefined,
            Object.fromEntries(PROTOCOLS.map((p) => [p, int(0, 100_000, `${p} devices to define`)])) as Record<string, ReturnType<typeof count>>,
            [...PROTOCOLS],
          ),
        ),
        additionalProperties: false,
      },
      users: arrayOf(
        object(
          undefined,
          {
            username: filled('unique among the users of this SmartServer', 60),
            userType: enumOf(USER_TYPES),
            password: optionalText('generated when left out'),
          },
          ['password'],
        ),
        { minItems: 1, maxItems: 20 },
      ),
    },
    ['installCode', 'name', 'version', 'edition', 'online', 'devices', 'users'],
  ),
  cmsLogin: object(undefined, { username: filled(undefined, 60), password: filled() }),
  customerId: object(undefined, { customerId: uuid('a Customer ID') }),
  activate: object(undefined, { licenseIds: arrayOf(uuid('a License ID'), { minItems: 1, maxItems: 100, uniqueItems: true }) }),
  deviceAction: (actions: readonly string[]) => object(undefined, { action: enumOf(actions) }),
  // The cloud reads files of at most 65,536 characters (licensing-cloud/offline-files.ts).
  addLicense: object(undefined, { file: filled('the text of an offline activation file', 65_536) }),
  note: object(undefined, { note: optionalText('up to 200 characters; null or empty clears it') }),
  notifications: object(
    undefined,
    {
      emails: arrayOf(email(), { maxItems: 20, uniqueItems: true }),
      daysBefore: arrayOf(int(1, 365), { maxItems: 10, uniqueItems: true, description: 'days before the maintenance end, longest first, no repeats' }),
      renewalConfirmation: bool(),
    },
    ['renewalConfirmation'],
  ),
  release: object(undefined, { version: release('a release such as 4.1 or "4.0 Update 2"'), reimage: bool() }, ['reimage']),
  newDevice: object(undefined, { name: filled(undefined, 80), protocol: enumOf(PROTOCOLS), origin: enumOf(DEVICE_ORIGINS) }, ['origin']),
  healthReport: enumOf(DEVICE_HEALTHS),
  feature: object(undefined, { enabled: bool() }),
};

export type SmartServer = StaticOf<typeof SmartServerSchema>;
export type CreatedSmartServer = StaticOf<typeof CreatedSmartServerSchema>;
export type NewSmartServer = StaticOf<typeof smartServerBodies.newSmartServer>;
export type Dashboard = StaticOf<typeof DashboardSchema>;
export type HeldLicenseView = StaticOf<typeof HeldLicenseSchema>;
export type CustomerAccount = StaticOf<typeof CustomerAccountSchema>;
export type CloudLicenseOffer = StaticOf<typeof CloudLicenseSchema>;
export type NotificationSettings = StaticOf<typeof NotificationSettingsSchema>;
export type NotificationsDue = StaticOf<typeof NotificationsDueSchema>;
export type PlannedNotification = StaticOf<typeof PlannedNotificationSchema>;
export type ReleaseInstalled = StaticOf<typeof ReleaseInstalledSchema>;
export type SystemReset = StaticOf<typeof SystemResetSchema>;
export type SmartServerFeature = StaticOf<typeof SmartServerFeatureSchema>;
export type Device = StaticOf<typeof DeviceSchema>;
