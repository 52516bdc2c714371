import type { HttpClient } from '../http-client';
import type { OrderDesk, OrderLine, PlacedOrder } from '../surfaces';

/** The order back office through its REST API. */
export class ApiOrderDesk implements OrderDesk {
  constructor(private readonly http: HttpClient) {}

  placeOrder(poNumber: string, partner: { name: string; email: string }, lines: OrderLine[], customer?: string): Promise<PlacedOrder> {
    return this.http.call('POST', '/backoffice/api/orders', { body: { poNumber, partner, lines, customer } });
  }
}
