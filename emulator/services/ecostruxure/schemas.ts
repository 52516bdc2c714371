import { LICENSE_FEATURES, SERVER_PRODUCTS } from '../../../models/ecostruxure/catalog';
import { serverLicenseMachine } from '../../../models/ecostruxure/license.machine';
import { arrayOf, bool, count, enumOf, int, nullable, object, type Schema, type StaticOf, text, withDetails } from '../../api-kit/schemas';

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

const fileBody = object(undefined, { file: object(undefined, { fileName: text(), content: text() }, ['fileName']) });

export const ecxRequestBodies = {
  file: fileBody,
  addEntitlement: object(
    undefined,
    {
      entitlementId: text('the entitlement ID from the entitlement email'),
      certificateFile: object(undefined, { fileName: text(), content: text('the HTML entitlement certificate') }, ['fileName']),
    },
    ['entitlementId', 'certificateFile'],
  ),
  assign: object(
    undefined,
    {
      activationId: text('the activation ID of the license product'),
      feature: text(`a feature code or name: ${LICENSE_FEATURES.map((f) => f.name).join(', ')}`),
      quantity: withDetails(int(1), { default: 1 }),
    },
    ['quantity'],
  ),
  activate: object(
    undefined,
    {
      servers: arrayOf(text('server ID'), { description: 'the servers to activate on; all servers when left out' }),
      licenseIds: arrayOf(text('license ID'), { description: 'only these licenses' }),
    },
    ['servers', 'licenseIds'],
  ),
  issue: object(undefined, {
    soldTo: text(),
    email: text('where the entitlement email goes'),
    products: arrayOf(object(undefined, { name: text(), features: arrayOf(object(undefined, { feature: text(), seats: int(1) })) })),
  }),
  newServer: object(
    undefined,
    {
      name: text(),
      product: enumOf(SERVER_PRODUCTS),
      version: withDetails(text(), { default: '7.0' }),
      internet: withDetails(bool(), { default: true }),
      https: withDetails(bool(), { default: false }),
      certificatesInstalled: withDetails(bool(), { default: false }),
    },
    ['version', 'internet', 'https', 'certificatesInstalled'],
  ),
  network: object(undefined, { internet: bool(), https: bool(), certificatesInstalled: bool() }, ['internet', 'https', 'certificatesInstalled']),
};

export type EcxFile = StaticOf<typeof EcxFileSchema>;
export type EcxLicense = StaticOf<typeof EcxLicenseSchema>;
export type EcxServer = StaticOf<typeof EcxServerSchema>;
export type EcxEntitlement = StaticOf<typeof EcxEntitlementSchema>;
export type EcxIssuedEntitlement = StaticOf<typeof EcxIssuedEntitlementSchema>;
export type EcxNewServer = StaticOf<typeof ecxRequestBodies.newServer>;
