import type { HttpClient } from '../http-client';
import type { CustomerEntry, LicenseSummary, OrderDetails, PartnerPortal, PartnerSession, SearchQuery, TransferResult } from '../surfaces';

/** The License Partner Portal through its REST API. */
export class ApiPartnerPortal implements PartnerPortal {
  constructor(private readonly http: HttpClient) {}

  async logIn(email: string, password: string): Promise<PartnerSession> {
    const { token } = await this.http.call<{ token: string }>('POST', '/partner/api/session', { body: { email, password } });
    return { email, token };
  }

  /** Every page of My Inventory. */
  myInventory(session: PartnerSession): Promise<LicenseSummary[]> {
    return this.http.all('/partner/api/inventory', session.token);
  }

  /** Every page of Customer Inventory. */
  customerInventory(session: PartnerSession): Promise<LicenseSummary[]> {
    return this.http.all('/partner/api/customer-inventory', session.token);
  }

  /** One page of a partner list (My Inventory, Customer Inventory), with the total and the next page's cursor. */
  page(session: PartnerSession, list: 'inventory' | 'customer-inventory', request: { limit?: number; cursor?: string } = {}) {
    const params = new URLSearchParams();
    if (request.limit !== undefined) params.set('limit', String(request.limit));
    if (request.cursor) params.set('cursor', request.cursor);
    return this.http.page<LicenseSummary>(`/partner/api/${list}${params.size ? `?${params}` : ''}`, session.token);
  }

  transfer(session: PartnerSession, licenseId: string, customerName: string, newAccount?: { contactEmail?: string }): Promise<TransferResult> {
    return this.http.call('POST', `/partner/api/licenses/${encodeURIComponent(licenseId)}/transfers`, {
      token: session.token,
      body: { customerName, transferTo: 'Customer', ...(newAccount ? { newAccount } : {}) },
    });
  }

  search(session: PartnerSession, query: SearchQuery): Promise<LicenseSummary[]> {
    const params = new URLSearchParams();
    if (query.customerName) params.set('customerName', query.customerName);
    if (query.poNumber) params.set('poNumber', query.poNumber);
    if (query.onlyAvailable) params.set('onlyAvailable', 'true');
    return this.http.all(`/partner/api/search?${params}`, session.token);
  }

  customers(session: PartnerSession, name?: string): Promise<CustomerEntry[]> {
    return this.http.all(`/partner/api/customers${name ? `?name=${encodeURIComponent(name)}` : ''}`, session.token);
  }

  orderDetails(session: PartnerSession, licenseId: string): Promise<OrderDetails> {
    return this.http.call('GET', `/partner/api/licenses/${encodeURIComponent(licenseId)}`, { token: session.token });
  }
}
