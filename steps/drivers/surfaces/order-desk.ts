import type { OrderRequest, PlacedOrder as ApiPlacedOrder } from '../../../emulator/services/backoffice';

export type OrderLine = Required<OrderRequest['lines'][number]>;

/** What an order produced: the licenses, and the partner portal credentials when the partner is new. */
export type PlacedOrder = Pick<ApiPlacedOrder, 'credentials' | 'licenses'>;

/**
 * The vendor's order back office (EnOcean's internal order desk), where a partner's purchase order
 * becomes licenses. Partners have no screen for it; the emulator serves it under /backoffice.
 */
export interface OrderDesk {
  /**
   * Books a purchase order for the partner: one license per unit of each line, in the partner's
   * inventory, or straight with the named customer (whose account opens when it is new). A
   * partner's first order sends it partner portal credentials.
   */
  placeOrder(poNumber: string, partner: { name: string; email: string }, lines: OrderLine[], customer?: string): Promise<PlacedOrder>;
}
