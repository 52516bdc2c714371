import {
  arrayOf,
  bool,
  count,
  date,
  enumOf,
  filled,
  installCode,
  int,
  integer,
  nullable,
  object,
  optionalText,
  type StaticOf,
  text,
  timestamp,
  uuid,
} from '../../api-kit/schemas';
import { MAX_FILE_CHARS } from './offline-files';

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

/** A license a SmartServer holds, as it reports it to the cloud (read field by field, each refused by name). */
const HeldLicenseReportSchema = object(
  undefined,
  {
    licenseId: uuid(),
    kind: enumOf(HELD_KINDS),
    capacity: int(0, 1_000_000),
    termYears: nullable(int(1, 10)),
    termEnd: optionalText('the last day of a maintenance term (2027-01-31)', 10),
    activatedAt: filled('when it was activated (a timestamp)', 40),
    mode: enumOf(['online', 'offline']),
  },
  ['termYears', 'termEnd'],
);

/** What a SmartServer tells the cloud about itself when it asks for licenses: the SmartServer machine's state. */
export const SmartServerLicensingSchema = object(undefined, {
  installCode: installCode(),
  edition: enumOf(['standard', 'pi']),
  online: bool(),
  licenses: arrayOf(HeldLicenseReportSchema, { maxItems: 1000 }),
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

export const customerIdParams = object(undefined, { customerId: uuid('the Customer ID saved on the SmartServer') });

const offlineFileText = filled('the text of the file, as the customer portal issued it', MAX_FILE_CHARS);
const licenseIdList = arrayOf(uuid('a License ID'), { maxItems: 100 });

export const cloudBodies = {
  activation: object(undefined, { customerId: uuid(), server: SmartServerLicensingSchema, licenseIds: { ...licenseIdList, minItems: 1 } }),
  offlineFile: object(undefined, { file: offlineFileText }),
  offlineActivation: object(undefined, { file: offlineFileText, server: SmartServerLicensingSchema }),
  returns: object(undefined, { installCode: installCode(), licenseIds: licenseIdList }),
};

export type CloudOffer = StaticOf<typeof CloudOfferListSchema>[number];
export type ActivatedLicense = StaticOf<typeof ActivatedLicenseSchema>;
