import { PRODUCTS } from '../../../models/catalog';
import { arrayOf, email, enumOf, filled, int, nullable, object, optionalText, type StaticOf, text, withDetails } from '../../api-kit/schemas';
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
    poNumber: filled('purchase order number, unique', 60),
    partner: object(undefined, { email: email(), name: optionalText('the partner company; its email when left out') }, ['name']),
    lines: arrayOf(
      object(
        undefined,
        {
          model: enumOf(
            PRODUCTS.map((p) => p.model),
            'model number from the catalog',
          ),
          quantity: withDetails(nullable(int(1, 1000)), { default: 1, description: '1 when left out or null' }),
        },
        ['quantity'],
      ),
      { minItems: 1, maxItems: 50 },
    ),
    customer: optionalText('customer/project account to transfer the licenses to; created when unknown'),
  },
  ['customer'],
);

export type PlacedOrder = StaticOf<typeof PlacedOrderSchema>;
export type OrderRequest = StaticOf<typeof orderBody>;
