import { PRODUCTS } from '../../models/catalog';
import { DEVICE_STATES, deviceColour } from '../../models/device.machine';
import { licenseMachine } from '../../models/license.machine';
import { DEVICE_HEALTHS, PROTOCOLS, PROVISION_STATES } from '../kernel/vocabulary';
import { USER_TYPES } from '../kernel/vocabulary';

/**
 * JSON Schemas of the emulator's answers, shared by the routes. Fastify serializes replies with
 * them, so every object keeps `additionalProperties: true`: a property a schema forgets still goes
 * out instead of vanishing. A schema with a `title` becomes a named component of the API document.
 * Enumerations are read from the models, so the document follows the code.
 */
export type JsonSchema = Record<string, unknown>;

/** An object whose properties are all required except those named in `optional`. */
export function object(title: string | undefined, properties: Record<string, JsonSchema>, optional: string[] = []): JsonSchema {
  return {
    ...(title ? { title } : {}),
    type: 'object',
    properties,
    required: Object.keys(properties).filter((name) => !optional.includes(name)),
    additionalProperties: true,
  };
}

export const arrayOf = (items: JsonSchema, extra: JsonSchema = {}): JsonSchema => ({ type: 'array', items, ...extra });
const text = (description?: string): JsonSchema => ({ type: 'string', ...(description ? { description } : {}) });
const nullable = (schema: JsonSchema): JsonSchema => ({ ...schema, type: [schema.type as string, 'null'] });
const count = (description: string): JsonSchema => ({ type: 'integer', minimum: 0, description });
const flag = (description: string): JsonSchema => ({ type: 'integer', enum: [0, 1], description });
const bool = (description?: string): JsonSchema => ({ type: 'boolean', ...(description ? { description } : {}) });
const uuid = (description: string): JsonSchema => ({ type: 'string', format: 'uuid', description });
const date = (description: string): JsonSchema => ({ type: 'string', format: 'date', description });
const timestamp = (description: string): JsonSchema => ({ type: 'string', format: 'date-time', description });
const enumOf = (values: readonly (string | number | boolean)[], description?: string): JsonSchema => ({
  type: typeof values[0],
  enum: [...values],
  ...(description ? { description } : {}),
});

const LICENSE_KINDS = [...new Set(PRODUCTS.map((p) => p.kind))];
// Transient states (left at once through `always`) never show in an answer.
const LICENSE_STATES = Object.entries(licenseMachine.config.states ?? {})
  .filter(([, state]) => !state.always)
  .map(([name]) => name);
const DEVICE_COLOURS = [...new Set(DEVICE_STATES.map(deviceColour))];
const installCode = (): JsonSchema => ({
  type: 'string',
  description: 'the SmartServer install code, 7 lowercase letters and digits (17q5t6a)',
  examples: ['17q5t6a'],
});

/** RFC 9457 problem details: every refusal, with a stable `code` and the field it concerns. */
export const ProblemSchema = object(
  'Problem',
  {
    type: text('URI reference of the problem type: /problems/<code>'),
    title: text('short name of the HTTP status'),
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: text('what was wrong and, where there is one, the way out'),
    code: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', description: 'stable machine-readable reason, e.g. license-retired' },
    field: text('the request field at fault, for bad input (lines[0].model)'),
    instance: text('the request path that was refused'),
  },
  ['field', 'instance'],
);

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** The shared answer for every 4xx and 5xx: problem details. */
export const problemResponse = (description = 'Refused: problem details naming the rule or field') => ({
  description,
  content: { [PROBLEM_MEDIA_TYPE]: { schema: ProblemSchema } },
});

/** A route's response schemas: its success answers plus problem details for every refusal. */
export function responses(success: Record<number, JsonSchema>): Record<string, unknown> {
  return { ...success, '4xx': problemResponse() };
}

/** The security requirement of operations that need a session token from a login. */
export const bearerAuth: Array<Record<string, string[]>> = [{ bearerAuth: [] }];

/** The security requirement of the licensing cloud API, which the emulator's own shards call. */
export const cloudClientAuth: Array<Record<string, string[]>> = [{ cloudClientKey: [] }];

// Accounts and licenses

export const CustomerRefSchema = object('CustomerRef', {
  customerId: uuid('the Customer ID'),
  name: text('the customer/project account name (P2022-0208)'),
});

export const CustomerSummarySchema = object(
  'CustomerSummary',
  {
    customerId: uuid('the Customer ID'),
    name: text('the customer/project account name'),
    contactEmail: { type: 'string', format: 'email', description: 'lets the customer log into the customer portal' },
  },
  ['contactEmail'],
);

export const PartnerSchema = object('Partner', {
  id: uuid('the partner account ID'),
  name: text(),
  email: { type: 'string', format: 'email' },
});

export const LicenseSchema = object(
  'License',
  {
    licenseId: uuid('the License ID (the customer portal calls it EID)'),
    model: text('model number, e.g. 72220-200'),
    kind: enumOf(LICENSE_KINDS),
    description: text('what the license grants, as the CMS words it'),
    capacity: count('devices the license admits or covers'),
    poNumber: text('the purchase order that bought it'),
    status: enumOf(LICENSE_STATES, 'the license machine state'),
    customer: CustomerRefSchema,
    predecessorId: uuid('the License ID this one replaced in a transfer'),
    successorId: uuid('the License ID that replaced this one; set once it is retired'),
    transferDate: date('when it reached its customer'),
    maintenanceEnds: date('end of a maintenance term'),
    installCode: installCode(),
    transferred: flag('1 once transferred to a customer'),
    activated: flag('1 while active or bound by an offline file'),
    available: flag('1 while it can still be activated; 0 marks an ID kept for tracking'),
  },
  ['customer', 'predecessorId', 'successorId', 'transferDate', 'maintenanceEnds', 'installCode'],
);
export const LicenseListSchema = arrayOf(LicenseSchema);

export const PlacedOrderSchema = object(
  'PlacedOrder',
  {
    poNumber: text(),
    partner: PartnerSchema,
    credentials: object('PartnerCredentials', { email: { type: 'string', format: 'email' }, password: text() }),
    customer: CustomerRefSchema,
    licenses: LicenseListSchema,
  },
  ['credentials', 'customer'],
);

export const PartnerSessionSchema = object('PartnerSession', {
  token: text('bearer token for the partner portal'),
  expiresAt: timestamp('when the token stops working (real time)'),
  partner: PartnerSchema,
});

export const OrderDetailsSchema = object('OrderDetails', {
  license: LicenseSchema,
  transferDefaults: object(undefined, { tab: enumOf(['Transfer']), transferTo: enumOf(['Customer']) }),
  customers: arrayOf(CustomerSummarySchema),
});

export const TransferResultSchema = object('TransferResult', {
  message: text('the success banner'),
  retiredLicenseId: uuid('the original License ID, now kept for tracking only'),
  license: LicenseSchema,
  customer: object(undefined, { customerId: uuid('the Customer ID'), name: text(), created: bool('true when the transfer created the account') }),
});

// The fleet and the CMS

const smartServerProperties: Record<string, JsonSchema> = {
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

export const CreatedSmartServerSchema = object(
  'CreatedSmartServer',
  {
    ...smartServerProperties,
    users: arrayOf(object('CmsUserCredentials', { username: text(), userType: enumOf(USER_TYPES), password: text() })),
  },
  ['customerId', 'pendingCustomerId'],
);

export const ClockSchema = object('Clock', { now: timestamp('the virtual now'), today: date('the virtual date') });

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
  devicesByColour: object(undefined, Object.fromEntries(DEVICE_COLOURS.map((c) => [c, count(`devices shown ${c}`)]))),
  services: object(undefined, {
    devices: enumOf(['reachable', 'unreachable'], 'devices are unreachable once no capacity is left'),
    scheduler: enumOf(['running', 'stopped']),
    dataLogging: enumOf(['running', 'stopped']),
  }),
});

export const HeldLicenseSchema = object('HeldLicense', {
  segmentController: text(),
  licenseId: uuid('the License ID'),
  kind: enumOf(LICENSE_KINDS),
  description: text('e.g. 1000-device capacity, 3-year maintenance'),
  status: text('Active, or for maintenance "Expiring <date>" / "Expired <date>"'),
  activationDate: date('when it was activated'),
  mode: enumOf(['online', 'offline']),
  note: nullable(text()),
});
export const HeldLicenseListSchema = arrayOf(HeldLicenseSchema);

export const CustomerAccountListSchema = arrayOf(
  object('CustomerAccount', {
    segmentController: text(),
    installCode: installCode(),
    customerId: nullable(uuid('the saved Customer ID')),
    pendingCustomerId: nullable(uuid('a Customer ID entered but not saved')),
  }),
);

export const CloudLicenseListSchema = arrayOf(
  object('CloudLicense', {
    segmentController: text(),
    licenseId: uuid('the License ID'),
    model: text(),
    kind: enumOf(LICENSE_KINDS),
    capacity: count('devices the license admits or covers'),
    transferDate: date('when it reached the customer'),
    description: text('type, and expiry for maintenance'),
  }),
);

export const ActivationResultSchema = object('ActivationResult', {
  activated: arrayOf(uuid('an activated License ID')),
  licenses: HeldLicenseListSchema,
});

export const ReturnResultSchema = object('ReturnResult', {
  returned: arrayOf(uuid('a returned License ID')),
  licenses: HeldLicenseListSchema,
});

export const DeviceSchema = object('Device', {
  id: { type: 'integer', minimum: 1, description: 'device number in creation order' },
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

// Path and query parameters (descriptive: the core checks the values and names them when it refuses)

export const installCodeParams = object(undefined, { installCode: installCode() });
export const deviceParams = object(undefined, { installCode: installCode(), id: { type: 'string', description: 'device number from the device list' } });
export const licenseIdParams = object(undefined, { licenseId: { type: 'string', description: 'a License ID (UUID)' } });

// Request bodies, for the document only (see route-docs.ts)

export const requestBodies = {
  setClock: object(undefined, { now: { type: 'string', description: 'ISO date (2026-01-31) or timestamp', examples: ['2026-03-01'] } }),
  advanceClock: object(undefined, { days: { type: 'integer', minimum: 0, maximum: 36500 } }),
  newSmartServer: object(
    undefined,
    {
      installCode: installCode(),
      name: text(),
      version: { type: 'string', default: '4.0' },
      edition: { ...enumOf(['standard', 'pi']), default: 'standard' },
      online: { type: 'boolean', default: true },
      devices: object(undefined, Object.fromEntries(PROTOCOLS.map((p) => [p, count(`${p} devices to define`)])), [...PROTOCOLS]),
      users: arrayOf(object(undefined, { username: text(), userType: enumOf(USER_TYPES), password: text('generated when left out') }, ['password']), {
        minItems: 1,
        maxItems: 20,
      }),
    },
    ['installCode', 'name', 'version', 'edition', 'online', 'devices', 'users'],
  ),
  connection: object(undefined, { online: { type: 'boolean', default: true } }, ['online']),
  order: object(
    undefined,
    {
      poNumber: text('purchase order number, unique'),
      partner: object(undefined, { email: { type: 'string', format: 'email' }, name: text() }, ['name']),
      lines: arrayOf(
        object(
          undefined,
          {
            model: enumOf(
              PRODUCTS.map((p) => p.model),
              'model number from the catalog',
            ),
            quantity: { type: 'integer', minimum: 1, maximum: 1000, default: 1 },
          },
          ['quantity'],
        ),
        { minItems: 1, maxItems: 50 },
      ),
      customer: text('customer/project account to transfer the licenses to; created when unknown'),
    },
    ['customer'],
  ),
  login: object(undefined, { email: { type: 'string', format: 'email' }, password: text() }),
  transfer: object(
    undefined,
    {
      customerName: text('an existing customer name, or a new one together with newAccount'),
      transferTo: enumOf(['Customer']),
      confirm: bool(),
      newAccount: object(
        undefined,
        {
          contactEmail: { type: 'string', format: 'email', description: 'unique across all customers' },
          contactName: text(),
          phone: text(),
          address: text(),
        },
        ['contactEmail', 'contactName', 'phone', 'address'],
      ),
    },
    ['transferTo', 'confirm', 'newAccount'],
  ),
  cmsLogin: object(undefined, { username: text(), password: text() }),
  customerId: object(undefined, { customerId: uuid('a Customer ID') }),
  activate: object(undefined, { licenseIds: arrayOf(uuid('a License ID'), { minItems: 1, maxItems: 100, uniqueItems: true }) }),
  deviceAction: (actions: readonly string[]) => object(undefined, { action: enumOf(actions) }),
};
