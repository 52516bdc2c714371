import { PRODUCTS } from '../../../models/catalog';
import { arrayOf, email, enumOf, object, type StaticOf, text, withDetails, int } from '../../api-kit/schemas';
import { CustomerRefSchema, LicenseListSchema, PartnerSchema } from '../partner-portal';

/** The order back office's shapes: a purchase order in, the partner's new licenses out. */

export const PlacedOrderSchema = object(
  'PlacedOrder',
  {
    poNumber: text(),
    partner: PartnerSchema,
    credentials: object('PartnerCredentials', { email: email(), password: text() }),
    customer: CustomerRefSchema,
    licenses: LicenseListSchema,
  },
  ['credentials', 'customer'],
);

export const orderBody = object(
  undefined,
  {
    poNumber: text('purchase order number, unique'),
    partner: object(undefined, { email: email(), name: text() }, ['name']),
    lines: arrayOf(
      object(
        undefined,
        {
          model: enumOf(
            PRODUCTS.map((p) => p.model),
            'model number from the catalog',
          ),
          quantity: withDetails(int(1, 1000), { default: 1 }),
        },
        ['quantity'],
      ),
      { minItems: 1, maxItems: 50 },
    ),
    customer: text('customer/project account to transfer the licenses to; created when unknown'),
  },
  ['customer'],
);

export type PlacedOrder = StaticOf<typeof PlacedOrderSchema>;
export type OrderRequest = StaticOf<typeof orderBody>;
