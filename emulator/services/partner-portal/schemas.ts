import { PRODUCTS } from '../../../models/catalog';
import { licenseMachine } from '../../../models/license.machine';
import {
  arrayOf,
  bool,
  count,
  date,
  email,
  enumOf,
  filled,
  flag,
  installCode,
  object,
  optionalText,
  orEmpty,
  type StaticOf,
  text,
  timestamp,
  uuid,
} from '../../api-kit/schemas';

/** The License Partner Portal's shapes: partners, their customers, licenses, transfers. */

export const LICENSE_KINDS = [...new Set(PRODUCTS.map((p) => p.kind))];
// Transient states (left at once through `always`) never show in an answer.
const LICENSE_STATES = Object.entries(licenseMachine.config.states ?? {})
  .filter(([, state]) => !state.always)
  .map(([name]) => name);

export const CustomerRefSchema = object('CustomerRef', {
  customerId: uuid('the Customer ID'),
  name: text('the customer/project account name (P2022-0208)'),
});

export const CustomerSummarySchema = object(
  'CustomerSummary',
  {
    customerId: uuid('the Customer ID'),
    name: text('the customer/project account name'),
    contactEmail: email('lets the customer log into the customer portal'),
  },
  ['contactEmail'],
);

export const PartnerSchema = object('Partner', {
  id: uuid('the partner account ID'),
  name: text(),
  email: email(),
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

export const licenseIdParams = object(undefined, { licenseId: uuid('a License ID') });

/** Request bodies, for the API document: the service reads and checks bodies itself and names the field it refuses. */
export const partnerBodies = {
  login: object(undefined, { email: email(), password: filled() }),
  transfer: object(
    undefined,
    {
      customerName: filled('an existing customer name, or a new one together with newAccount', 120),
      transferTo: enumOf(['Customer'], 'the portal transfers licenses to customers only'),
      confirm: bool(),
      newAccount: object(
        undefined,
        {
          contactEmail: orEmpty(email('unique across all customers; lets the customer log into the customer portal')),
          contactName: optionalText(undefined, 200),
          phone: optionalText(undefined, 40),
          address: optionalText(undefined, 400),
        },
        ['contactEmail', 'contactName', 'phone', 'address'],
      ),
    },
    ['transferTo', 'confirm', 'newAccount'],
  ),
};

export type License = StaticOf<typeof LicenseSchema>;
export type CustomerSummary = StaticOf<typeof CustomerSummarySchema>;
export type OrderDetails = StaticOf<typeof OrderDetailsSchema>;
export type TransferResult = StaticOf<typeof TransferResultSchema>;
export type TransferRequest = StaticOf<typeof partnerBodies.transfer>;
