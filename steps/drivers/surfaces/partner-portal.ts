import type { CustomerSummary, OrderDetails as ApiOrderDetails, TransferResult as ApiTransferResult } from '../../../emulator/services/partner-portal';
import type { LicenseSummary } from './types';

export interface PartnerSession {
  email: string;
  token: string;
}

/** What a transfer answers; the license as the portal's lists show it. */
export type TransferResult = Omit<ApiTransferResult, 'message' | 'license'> & Partial<Pick<ApiTransferResult, 'message'>> & { license: LicenseSummary };

export interface SearchQuery {
  customerName?: string;
  poNumber?: string;
  onlyAvailable?: boolean;
}

export type CustomerEntry = CustomerSummary;

/** A license's order details; the license as the portal's lists show it. */
export type OrderDetails = Omit<ApiOrderDetails, 'license'> & { license: LicenseSummary };

/**
 * EnOcean's License Partner Portal: where a partner sees the licenses it bought and hands them to
 * its customers.
 */
export interface PartnerPortal {
  /** Signs the partner in with the credentials its first order sent; a wrong password is refused. */
  logIn(email: string, password: string): Promise<PartnerSession>;
  /** The My Inventory tab: the licenses the partner holds, retired originals of transferred ones included. */
  myInventory(session: PartnerSession): Promise<LicenseSummary[]>;
  /** The Customer Inventory tab: the licenses the partner has handed to its customers. */
  customerInventory(session: PartnerSession): Promise<LicenseSummary[]>;
  /**
   * Transfers a license to a customer by name. The license gets a new License ID and the old one
   * is kept for tracking only; `newAccount` opens the customer's account (with a contact email).
   */
  transfer(session: PartnerSession, licenseId: string, customerName: string, newAccount?: { contactEmail?: string }): Promise<TransferResult>;
  /** The Search tab: licenses by customer name or PO number, optionally only those with activations left. */
  search(session: PartnerSession, query: SearchQuery): Promise<LicenseSummary[]>;
  /** The partner's customers with their Customer IDs; with a name, those found by typing it in My Inventory. */
  customers(session: PartnerSession, name?: string): Promise<CustomerEntry[]>;
  /** Opens a license's order details: the license, the Transfer tab's defaults and the customers to pick from. */
  orderDetails(session: PartnerSession, licenseId: string): Promise<OrderDetails>;
}
