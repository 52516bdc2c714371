import { count, email, enumOf, nullable, object, type StaticOf, text, timestamp, uuid, date } from '../../api-kit/schemas';
import { LICENSE_KINDS } from '../partner-portal';

/** The License Customer Portal's shapes: a customer's session, its licenses and the offline activation files it writes. */

const installCode = text('a SmartServer install code (17q5t6a)');

export const CustomerSessionSchema = object('CustomerSession', {
  token: text('bearer token for the License Customer Portal'),
  expiresAt: timestamp(),
  customer: object(undefined, { customerId: uuid('the Customer ID'), name: text('the customer project name') }),
});

export const CustomerLicenseSchema = object('CustomerLicense', {
  licenseId: uuid('the License ID'),
  eid: uuid('the same License ID, as the portal calls it (Entitlement ID)'),
  model: text(),
  kind: enumOf(LICENSE_KINDS),
  description: text(),
  capacity: count(),
  status: text('the license machine state'),
  installCode: nullable(installCode),
  activationMode: nullable(enumOf(['online', 'offline'])),
  maintenanceEnds: nullable(date('end of a maintenance term')),
  offlineFileFrom: nullable(enumOf(['customer-portal', 'customer-success'], 'who makes its offline activation file')),
  offlineFileExpiresAt: nullable(
    timestamp(
      'while an unused offline activation file binds the license (status offlineFileIssued): the last moment it can be loaded; after it, the license comes back to the customer',
    ),
  ),
});

/** An offline activation file as a portal hands it over; Customer Success hands over the same. */
export const OfflineActivationFileSchema = object(
  'OfflineActivationFile',
  {
    fileId: uuid('identifies the file; it activates its license once'),
    fileName: text('suggested file name'),
    licenseId: uuid('the License ID the file activates'),
    installCode,
    kind: enumOf(LICENSE_KINDS),
    issuer: enumOf(['customer-portal', 'customer-success']),
    expiresAt: timestamp('the last moment the file can be loaded (virtual time); unused by then, it gives its license back'),
    text: text('the file content: JSON {format: "sslab-offline-activation/1", payload, signature (Ed25519, base64)}'),
    license: CustomerLicenseSchema,
  },
  ['license'],
);

export const customerBodies = {
  login: object(undefined, { eid: uuid('a License ID'), email: email() }, ['eid', 'email']),
  installCode: object(
    undefined,
    { installCode, installCodeAgain: text('the install code typed a second time, as the portal asks; when given, it must equal installCode') },
    ['installCodeAgain'],
  ),
};

/** What withdrawing a license's unused offline activation files answers: the license, back with the customer. */
export const WithdrawnOfflineFilesSchema = object('WithdrawnOfflineFiles', {
  message: text('what was withdrawn, in words'),
  license: CustomerLicenseSchema,
});

export type CustomerLicense = StaticOf<typeof CustomerLicenseSchema>;
export type OfflineActivationFile = StaticOf<typeof OfflineActivationFileSchema>;
