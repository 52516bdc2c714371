import { LICENSE_FEATURES, SERVER_PRODUCTS } from '../../../models/ecostruxure/catalog';
import { serverLicenseMachine } from '../../../models/ecostruxure/license.machine';
import { arrayOf, object, type JsonSchema } from '../../api-kit/schemas';

/** JSON Schemas of the EcoStruxure answers and request bodies, for serialization and the API document. */
const text = (description?: string): JsonSchema => ({ type: 'string', ...(description ? { description } : {}) });
const nullable = (type: string, description: string): JsonSchema => ({ type: [type, 'null'], description });
const bool = (description: string): JsonSchema => ({ type: 'boolean', description });
const count = (description: string): JsonSchema => ({ type: 'integer', minimum: 0, description });
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
  feature: { type: 'string', enum: FEATURE_CODES },
  featureName: text(),
  quantity: { type: 'integer', minimum: 1, description: 'seats this license takes' },
  status: { type: 'string', enum: LICENSE_STATES },
  server: { type: ['object', 'null'], properties: { serverId: text(), name: text() }, additionalProperties: true },
  activationMode: nullable('string', 'online or offline, once activated'),
  activatedAt: nullable('string', 'when it was activated'),
  requestId: nullable('string', 'the offline request in progress'),
  returnedAt: nullable('string', 'when its return was completed'),
});

export const EcxServerSchema = object('EcxServer', {
  serverId: text('the server (UUID)'),
  name: text(),
  product: { type: 'string', enum: [...SERVER_PRODUCTS] },
  version: text(),
  internet: bool('the server reaches the Internet'),
  https: bool('Device Administrator talks HTTPS to it'),
  certificatesInstalled: bool('its certificates are installed'),
  licenses: arrayOf(EcxLicenseSchema, { description: 'licenses assigned, active or being returned' }),
});

export const EcxEntitlementSchema = object('EcxEntitlement', {
  entitlementId: text(),
  soldTo: text(),
  status: { type: 'string', enum: ['emailed', 'inDeviceAdministrator'] },
  addedVia: nullable('string', 'certificate-file or entitlement-id'),
  addedAt: nullable('string', 'when Device Administrator added it'),
  products: arrayOf(
    object(undefined, {
      activationId: text(),
      name: text(),
      features: arrayOf(
        object(undefined, {
          feature: { type: 'string', enum: FEATURE_CODES },
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
      quantity: { type: 'integer', minimum: 1, default: 1 },
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
    products: arrayOf(object(undefined, { name: text(), features: arrayOf(object(undefined, { feature: text(), seats: { type: 'integer', minimum: 1 } })) })),
  }),
  newServer: object(
    undefined,
    {
      name: text(),
      product: { type: 'string', enum: [...SERVER_PRODUCTS] },
      version: { type: 'string', default: '7.0' },
      internet: { type: 'boolean', default: true },
      https: { type: 'boolean', default: false },
      certificatesInstalled: { type: 'boolean', default: false },
    },
    ['version', 'internet', 'https', 'certificatesInstalled'],
  ),
  network: object(undefined, { internet: { type: 'boolean' }, https: { type: 'boolean' }, certificatesInstalled: { type: 'boolean' } }, [
    'internet',
    'https',
    'certificatesInstalled',
  ]),
};
