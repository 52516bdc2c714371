import { LICENSE_FEATURES, SERVER_PRODUCTS } from '../../../models/ecostruxure/catalog';
import { serverLicenseMachine } from '../../../models/ecostruxure/license.machine';
import {
  arrayOf,
  bool,
  count,
  email,
  enumOf,
  filled,
  int,
  nullable,
  object,
  optionalText,
  type Schema,
  type StaticOf,
  text,
  uuid,
  withDetails,
} from '../../api-kit/schemas';

/** JSON Schemas of the EcoStruxure answers and request bodies, for serialization and the API document. */
const nullableText = (description: string) => nullable(text(description));
const FEATURE_CODES = LICENSE_FEATURES.map((f) => f.code);
const LICENSE_STATES = Object.keys(serverLicenseMachine.config.states ?? {});

export const EcxFileSchema = object(
  'EcxFile',
  {
    fileName: text('the name Device Administrator gives the file'),
    content: text('the file text'),
    requestId: text('the request the file belongs to (request and response files only)'),
  },
  ['requestId'],
);

export const EcxLicenseSchema = object('EcxLicense', {
  licenseId: text('the license (UUID): some seats of one feature drawn for one server'),
  entitlementId: text(),
  activationId: text('the activation ID of the license product'),
  product: text('the license product name'),
  feature: enumOf(FEATURE_CODES),
  featureName: text(),
  quantity: withDetails(int(1), { description: 'seats this license takes' }),
  status: enumOf(LICENSE_STATES),
  // Written out rather than `nullable(object(…))`, whose `required` the answers never needed.
  server: { type: ['object', 'null'], properties: { serverId: text(), name: text() }, additionalProperties: true } as Schema<{
    serverId: string;
    name: string;
  } | null>,
  activationMode: nullableText('online or offline, once activated'),
  activatedAt: nullableText('when it was activated'),
  requestId: nullableText('the offline request in progress'),
  returnedAt: nullableText('when its return was completed'),
});

export const EcxServerSchema = object('EcxServer', {
  serverId: text('the server (UUID)'),
  name: text(),
  product: enumOf(SERVER_PRODUCTS),
  version: text(),
  internet: bool('the server reaches the Internet'),
  https: bool('Device Administrator talks HTTPS to it'),
  certificatesInstalled: bool('its certificates are installed'),
  licenses: arrayOf(EcxLicenseSchema, { description: 'licenses assigned, active or being returned' }),
});

export const EcxEntitlementSchema = object('EcxEntitlement', {
  entitlementId: text(),
  soldTo: text(),
  status: enumOf(['emailed', 'inDeviceAdministrator']),
  addedVia: nullableText('certificate-file or entitlement-id'),
  addedAt: nullableText('when Device Administrator added it'),
  products: arrayOf(
    object(undefined, {
      activationId: text(),
      name: text(),
      features: arrayOf(
        object(undefined, {
          feature: enumOf(FEATURE_CODES),
          featureName: text(),
          seats: count('seats the entitlement holds'),
          inUse: count('seats drawn by assigned, active or returning licenses'),
          awaitingReturnConfirmation: count('seats held by offline returns not yet confirmed'),
          free: count('seats left to assign'),
        }),
      ),
    }),
  ),
});

export const EcxIssuedEntitlementSchema = object('EcxIssuedEntitlement', {
  entitlementId: text(),
  products: arrayOf(
    object(undefined, {
      activationId: text(),
      name: text(),
      features: arrayOf(object(undefined, { code: text(), seats: count('seats') })),
    }),
  ),
  email: object(undefined, { to: text(), subject: text(), body: text(), attachment: EcxFileSchema }),
});

export const licensesAnswer = (key: string) => object(undefined, { [key]: arrayOf(EcxLicenseSchema) });
export const LoadedResponseSchema = object(undefined, { requestId: text(), licenses: arrayOf(EcxLicenseSchema) });
export const ConfirmedReturnSchema = object(undefined, { requestId: text(), returned: arrayOf(EcxLicenseSchema) });

export const serverParams = object(undefined, { serverId: text('the server (UUID)') });
export const serverLicenseParams = object(undefined, { serverId: text('the server (UUID)'), licenseId: text('the license (UUID)') });
export const entitlementParams = object(undefined, { entitlementId: text('the entitlement ID (7KQ2-M9XD-43TA-P0LB)') });
export const requestParams = object(undefined, { requestId: text('the return request (UUID), as its files name it') });

const fileBody = object(undefined, {
  file: object(undefined, { fileName: text('the name the file was saved under (not read)'), content: text('the text of the file, read when it is loaded') }, [
    'fileName',
  ]),
});

const featureName = enumOf(
  LICENSE_FEATURES.flatMap((f) => [f.code, f.name]),
  `a license feature, by code or by name: ${LICENSE_FEATURES.map((f) => f.name).join(', ')}`,
);
const serverIds = (description: string) => arrayOf(uuid(), { minItems: 1, maxItems: 500, uniqueItems: true, description });

export const ecxRequestBodies = {
  file: fileBody,
  // Either the entitlement ID or the certificate file, never both.
  addEntitlement: {
    ...object(
      undefined,
      {
        entitlementId: withDetails(text('the entitlement ID from the entitlement email (7KQ2-M9XD-43TA-P0LB), any case'), {
          pattern: '^\\s*[0-9A-Za-z]{4}(-[0-9A-Za-z]{4}){3}\\s*$',
        }),
        certificateFile: object(undefined, { fileName: text(), content: text('the HTML entitlement certificate') }, ['fileName']),
      },
      ['entitlementId', 'certificateFile'],
    ),
    oneOf: [
      { description: 'by entitlement ID', required: ['entitlementId'], properties: { entitlementId: true, certificateFile: false } },
      { description: 'by certificate file', required: ['certificateFile'], properties: { certificateFile: true, entitlementId: false } },
    ],
  } as Schema<{ entitlementId?: string; certificateFile?: { fileName?: string; content: string } }>,
  assign: object(
    undefined,
    {
      activationId: filled('the activation ID of the license product', 24),
      feature: featureName,
      quantity: withDetails(int(1, 100_000), { default: 1 }),
    },
    ['quantity'],
  ),
  activate: object(
    undefined,
    {
      servers: serverIds('the servers to activate on; all servers when left out'),
      licenseIds: serverIds('only these licenses (their IDs)'),
    },
    ['servers', 'licenseIds'],
  ),
  issue: object(undefined, {
    soldTo: filled('the customer the entitlement is sold to', 120),
    email: email('where the entitlement email goes'),
    products: arrayOf(
      object(undefined, {
        name: filled('the license product name', 120),
        features: arrayOf(object(undefined, { feature: featureName, seats: int(1, 100_000) }), { minItems: 1, maxItems: LICENSE_FEATURES.length }),
      }),
      { minItems: 1, maxItems: 20 },
    ),
  }),
  newServer: object(
    undefined,
    {
      name: filled('unique in Device Administrator', 80),
      product: enumOf(SERVER_PRODUCTS),
      version: withDetails(optionalText('a release number such as 7.0 or 2024', 20), {
        default: '7.0',
        pattern: '^$|^\\s*[0-9]{1,4}(\\.[0-9]{1,3}){0,2}\\s*$',
      }),
      internet: withDetails(bool(), { default: true }),
      https: withDetails(bool(), { default: false }),
      certificatesInstalled: withDetails(bool(), { default: false }),
    },
    ['version', 'internet', 'https', 'certificatesInstalled'],
  ),
  // At least one of the three.
  network: {
    ...object(undefined, { internet: bool(), https: bool(), certificatesInstalled: bool() }, ['internet', 'https', 'certificatesInstalled']),
    anyOf: ['internet', 'https', 'certificatesInstalled'].map((name) => ({ required: [name], properties: { [name]: bool() } })),
  } as Schema<{ internet?: boolean; https?: boolean; certificatesInstalled?: boolean }>,
};

export type EcxFile = StaticOf<typeof EcxFileSchema>;
export type EcxLicense = StaticOf<typeof EcxLicenseSchema>;
export type EcxServer = StaticOf<typeof EcxServerSchema>;
export type EcxEntitlement = StaticOf<typeof EcxEntitlementSchema>;
export type EcxIssuedEntitlement = StaticOf<typeof EcxIssuedEntitlementSchema>;
export type EcxNewServer = StaticOf<typeof ecxRequestBodies.newServer>;
