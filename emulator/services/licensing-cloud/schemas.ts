import { arrayOf, bool, count, date, enumOf, integer, object, type StaticOf, text, timestamp, uuid } from '../../api-kit/schemas';

/**
 * The licensing cloud API's shapes, as the emulator's own SmartServer shards call it: offers for a
 * Customer ID, activations, offline files and returns.
 */

export const HELD_KINDS = ['capacity', 'trial', 'maintenance', 'core'] as const;

const uuidValue = { type: 'string', format: 'uuid' } as const;

export const ActivatedLicenseSchema = object(
  'ActivatedLicense',
  {
    licenseId: uuid(),
    kind: enumOf(HELD_KINDS),
    capacity: count(),
    termYears: integer(),
    termEnd: date(),
    activatedAt: timestamp(),
    mode: enumOf(['online', 'offline']),
  },
  ['termYears', 'termEnd'],
);

export const CloudOfferListSchema = arrayOf(
  object('CloudOffer', {
    licenseId: uuid(),
    model: text(),
    kind: text(),
    capacity: count(),
    transferDate: date(),
    description: text(),
  }),
);

/** What a SmartServer tells the cloud about itself when it asks for licenses: the SmartServer machine's state. */
export const SmartServerLicensingSchema = object(undefined, {
  installCode: text(),
  edition: enumOf(['standard', 'pi']),
  online: bool(),
  licenses: arrayOf(ActivatedLicenseSchema),
  maintenanceRule: enumOf(['exact', 'at-least']),
});

export const CloudActivationSchema = object('CloudActivation', { held: arrayOf(ActivatedLicenseSchema) });
export const CloudOfflineActivationSchema = object('CloudOfflineActivation', { held: ActivatedLicenseSchema });
export const CloudReturnSchema = object('CloudReturn', { returned: arrayOf(uuidValue) });
export const CheckedOfflineFileSchema = {
  type: 'object',
  title: 'CheckedOfflineFile',
  description: 'the file as read: format, payload, keyId, signature',
  additionalProperties: true,
};

export const customerIdParams = object(undefined, { customerId: text('the Customer ID saved on the SmartServer') });

export const cloudBodies = {
  activation: object(undefined, { customerId: uuid(), server: SmartServerLicensingSchema, licenseIds: arrayOf(uuidValue) }),
  offlineFile: object(undefined, { file: text('the text of the file') }),
  offlineActivation: object(undefined, { file: text('the text of the file'), server: SmartServerLicensingSchema }),
  returns: object(undefined, { installCode: text(), licenseIds: arrayOf(uuidValue) }),
};

export type CloudOffer = StaticOf<typeof CloudOfferListSchema>[number];
export type ActivatedLicense = StaticOf<typeof ActivatedLicenseSchema>;
