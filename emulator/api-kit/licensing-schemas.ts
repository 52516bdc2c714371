import { DEVICE_ORIGINS, FEATURES } from '../../models/editions';
import { PRODUCTS } from '../../models/catalog';
import { MAX_CLOUD_DELAY_MS } from '../kernel/cloud-faults';
import { DEVICE_HEALTHS, PROTOCOLS } from '../kernel/vocabulary';
import { arrayOf, HeldLicenseListSchema, object, type JsonSchema } from './schemas';

/**
 * Schemas of the customer portal, offline files, notifications, releases, features and fault
 * injection answers. Fastify serializes with them, so only fields every answer carries are
 * required, and every object keeps `additionalProperties: true`.
 */
const text = (description?: string): JsonSchema => ({ type: 'string', ...(description ? { description } : {}) });
const int = (min: number, max?: number, description?: string): JsonSchema => ({
  type: 'integer',
  minimum: min,
  ...(max === undefined ? {} : { maximum: max }),
  ...(description ? { description } : {}),
});
const oneOf = (values: readonly (string | number)[], description?: string): JsonSchema => ({
  type: typeof values[0] === 'number' ? 'integer' : 'string',
  enum: [...values],
  ...(description ? { description } : {}),
});
const orNull = (schema: JsonSchema): JsonSchema => ({
  ...schema,
  type: [schema.type as string, 'null'],
  ...(Array.isArray(schema.enum) ? { enum: [...schema.enum, null] } : {}),
});
const uuid = (description: string): JsonSchema => ({ type: 'string', format: 'uuid', description });
const date = (description: string): JsonSchema => ({ type: 'string', format: 'date', description });
const installCode = text('a SmartServer install code (17q5t6a)');
const LICENSE_KINDS = [...new Set(PRODUCTS.map((p) => p.kind))];

export const CustomerSessionSchema = object('CustomerSession', {
  token: text('bearer token for the License Customer Portal'),
  expiresAt: { type: 'string', format: 'date-time' },
  customer: object(undefined, { customerId: uuid('the Customer ID'), name: text('the customer project name') }),
});

export const CustomerLicenseSchema = object('CustomerLicense', {
  licenseId: uuid('the License ID'),
  eid: uuid('the same License ID, as the portal calls it (Entitlement ID)'),
  model: text(),
  kind: oneOf(LICENSE_KINDS),
  description: text(),
  capacity: int(0),
  status: text('the license machine state'),
  installCode: orNull(installCode),
  activationMode: orNull(oneOf(['online', 'offline'])),
  maintenanceEnds: orNull(date('end of a maintenance term')),
  offlineFileFrom: orNull(oneOf(['customer-portal', 'customer-success'], 'who makes its offline activation file')),
});

export const OfflineActivationFileSchema = object(
  'OfflineActivationFile',
  {
    fileId: uuid('identifies the file; it activates its license once'),
    fileName: text('suggested file name'),
    licenseId: uuid('the License ID the file activates'),
    installCode,
    kind: oneOf(LICENSE_KINDS),
    issuer: oneOf(['customer-portal', 'customer-success']),
    text: text('the file content: JSON {format: "sslab-offline-activation/1", payload, signature (Ed25519, base64)}'),
    license: CustomerLicenseSchema,
  },
  ['license'],
);

export const AddLicenseResultSchema = object('AddLicenseResult', {
  activated: uuid('the License ID the file activated'),
  fileId: uuid('the loaded file'),
  licenses: HeldLicenseListSchema,
});

export const NotificationSettingsSchema = object('NotificationSettings', {
  emails: arrayOf({ type: 'string', format: 'email' }, { maxItems: 20 }),
  daysBefore: arrayOf(int(1, 365), { maxItems: 10, description: 'days before the maintenance end, longest first, no repeats' }),
  renewalConfirmation: { type: 'boolean' },
});

const PlannedNotificationSchema = object(
  'PlannedNotification',
  {
    kind: oneOf(['expiry-reminder', 'renewal-confirmation']),
    sendOn: date('the day it goes out'),
    to: arrayOf(text()),
    maintenanceEnd: date('the maintenance end it is about'),
    daysBefore: int(1, 365),
  },
  ['daysBefore'],
);

export const NotificationsDueSchema = object('NotificationsDue', {
  today: date('the virtual date'),
  maintenanceEnd: orNull(date('the SmartServer maintenance end')),
  due: arrayOf(PlannedNotificationSchema),
  planned: arrayOf(PlannedNotificationSchema),
});

export const ReleaseInstalledSchema = object('ReleaseInstalled', {
  installCode,
  from: text(),
  to: text(),
  change: oneOf(['upgrade', 'update', 'same', 'downgrade']),
  reimaged: { type: 'boolean' },
  licensesKept: int(0),
  devicesCleared: int(0),
});

export const SystemResetSchema = object('SystemReset', {
  installCode,
  reset: oneOf(['databases', 'factory-settings']),
  licensesKept: int(0),
  devicesCleared: int(0),
});

export const SmartServerFeatureSchema = object(
  'SmartServerFeature',
  {
    feature: oneOf(FEATURES),
    available: { type: 'boolean' },
    reason: text('why it is not available, and the way out'),
    switchable: { type: 'boolean', description: 'routing features are switched on and off; services run by themselves' },
    enabled: { type: 'boolean' },
  },
  ['reason'],
);

export const DeviceCountSchema = object('DeviceCount', { value: int(0) });

export const FaultsSchema = object('Faults', {
  cloud: object('CloudFaults', {
    delayMs: int(0, MAX_CLOUD_DELAY_MS, 'wait before each cloud call'),
    failWith: { type: ['integer', 'null'], enum: [503, 504, null], description: 'answer every cloud call with this status' },
  }),
});

/** Request bodies, for the API document only: the core reads and checks bodies itself. */
export const licensingBodies = {
  customerLogin: object(undefined, { eid: uuid('a License ID'), email: { type: 'string', format: 'email' } }, ['eid', 'email']),
  installCode: object(undefined, { installCode }),
  maintenanceFile: object(undefined, { licenseId: uuid('a maintenance License ID'), installCode }),
  addLicense: object(undefined, { file: text('the text of an offline activation file') }),
  note: object(undefined, { note: orNull(text('up to 200 characters; null clears it')) }),
  notifications: object(undefined, NotificationSettingsSchema.properties as Record<string, JsonSchema>, ['renewalConfirmation']),
  release: object(undefined, { version: text('a release such as 4.1 or "4.0 Update 2"'), reimage: { type: 'boolean' } }, ['reimage']),
  newDevice: object(undefined, { name: text(), protocol: oneOf(PROTOCOLS), origin: oneOf(DEVICE_ORIGINS) }, ['origin']),
  healthReport: oneOf(DEVICE_HEALTHS),
  feature: object(undefined, { enabled: { type: 'boolean' } }),
  faults: object(undefined, {
    cloud: orNull(
      object(undefined, { delayMs: int(0, MAX_CLOUD_DELAY_MS), failWith: { type: ['integer', 'null'], enum: [503, 504, null] } }, ['delayMs', 'failWith']),
    ),
  }),
};
