import { ApiControlPlane } from '../steps/drivers/api/control-plane';
import { ApiOrderDesk } from '../steps/drivers/api/order-desk';
import type { HttpClient } from '../steps/drivers/http-client';
import type { OrderDesk, OrderLine, PlacedOrder } from '../steps/drivers/surfaces';

/**
 * What a partner's test sets up and no vendor system offers: the suite's own control plane
 * (a fresh start, SmartServers with devices, the virtual clock, faults) and the vendor's order
 * back office (partners, their orders and customers), both through the emulator's REST API.
 */
export class KitControlPlane extends ApiControlPlane implements OrderDesk {
  private readonly orderDesk: ApiOrderDesk;

  constructor(http: HttpClient) {
    super(http);
    this.orderDesk = new ApiOrderDesk(http);
  }

  placeOrder(poNumber: string, partner: { name: string; email: string }, lines: OrderLine[], customer?: string): Promise<PlacedOrder> {
    return this.orderDesk.placeOrder(poNumber, partner, lines, customer);
  }
}
