import { createCustomer, findCustomerByName, findPartnerByEmail, listCustomers, readAccountDetails, type Customer } from '../../kernel/accounts';
import { inTransaction, type CoreContext } from '../../kernel/context';
import { licenseView, type LicenseView } from './license-views';
import { dummyPasswordHash, verifyPassword } from '../../kernel/passwords';
import { badInput, notFound, Problem } from '../../kernel/problems';
import { retiredLicenseProblem } from '../../kernel/retired-licenses';
import type { StoredLicense } from '../../kernel/store';
import { DEFAULT_PAGE_SIZE, pageOf, type Page, type PageRequest } from '../../kernel/paging';

const FIRST_PAGE: PageRequest = { limit: DEFAULT_PAGE_SIZE, after: 0 };
import { transferLicense } from './transfers';
import { optionalBoolean, requireEmail, requireObject, requireString, requireUuid } from '../../kernel/validate';

const invalidCredentials = () => new Problem(401, 'invalid-credentials', 'The email address or password is not right.');

/** The License Partner Portal: a partner's inventory, its customers, search and transfers. */
export function partnerLogin(ctx: CoreContext, body: unknown, source = 'local') {
  const input = requireObject(body, 'body');
  const email = requireEmail(input.email, 'email');
  const password = requireString(input.password, 'password', 200);
  return ctx.logins.attempt({ identity: `partner:${email.toLowerCase()}`, source }, async () => {
    const partner = findPartnerByEmail(ctx, email);
    // Verify against a dummy hash when the account is unknown, so timing does not tell which it was.
    const matches = await verifyPassword(ctx.crypto, password, partner?.passwordHash ?? dummyPasswordHash(ctx.crypto, ctx.config.passwordCost));
    const ok = matches && partner !== undefined;
    if (!ok) throw invalidCredentials();
    return { ...ctx.tokens.issue({ kind: 'partner', partnerId: partner.id }), partner: { id: partner.id, name: partner.name, email: partner.email } };
  });
}

const viewsOf = (ctx: CoreContext, page: Page<StoredLicense>): Page<LicenseView> => ({ ...page, items: page.items.map((l) => licenseView(ctx, l)) });

/** Licenses the partner purchased, as placed by its orders (the original License IDs), a page at a time. */
export function myInventory(ctx: CoreContext, partnerId: string, page: PageRequest = FIRST_PAGE): Page<LicenseView> {
  return viewsOf(ctx, ctx.licenses.page("partner_id = ? AND json_extract(context, '$.predecessorId') IS NULL", [partnerId], page));
}

/** Licenses the partner has transferred to its customers, under their current License IDs, a page at a time. */
export function customerInventory(ctx: CoreContext, partnerId: string, page: PageRequest = FIRST_PAGE): Page<LicenseView> {
  return viewsOf(ctx, ctx.licenses.page("partner_id = ? AND customer_id IS NOT NULL AND state <> 'retired'", [partnerId], page));
}

function customerSummaries(ctx: CoreContext, partnerId: string, name?: string) {
  return listCustomers(ctx, partnerId)
    .filter((c) => name === undefined || c.name.toLowerCase().includes(name.toLowerCase()))
    .map(({ customerId, name: customerName, contactEmail }) => ({ customerId, name: customerName, contactEmail }));
}

/**
 * One page of the partner's customers in name order, with how many match in all. A page's position
 * is its place in that order, so a customer added meanwhile may shift the pages after it by one.
 */
export function partnerCustomers(
  ctx: CoreContext,
  partnerId: string,
  name?: string,
  page: PageRequest = FIRST_PAGE,
): Page<ReturnType<typeof customerSummaries>[number]> {
  return pageOf(customerSummaries(ctx, partnerId, name), page);
}

export interface SearchQuery {
  customerName?: string;
  poNumber?: string;
  onlyAvailable?: boolean;
}

/** The Search tab: by customer name, by PO number, or everything; optionally only what can still be activated. */
export function searchLicenses(ctx: CoreContext, partnerId: string, query: SearchQuery, page: PageRequest = FIRST_PAGE): Page<LicenseView> {
  const conditions = ['partner_id = ?'];
  const params: unknown[] = [partnerId];
  if (query.customerName) {
    const customer = findCustomerByName(ctx, partnerId, query.customerName);
    if (!customer) throw notFound('customer account', query.customerName);
    conditions.push('customer_id = ?');
    params.push(customer.customerId);
  }
  if (query.poNumber) {
    conditions.push('po_number = ?');
    params.push(query.poNumber);
  }
  // As licenseView counts a license available (license-views.ts).
  if (query.onlyAvailable) conditions.push("state IN ('inInventory', 'withCustomer')");
  return viewsOf(ctx, ctx.licenses.page(conditions.join(' AND '), params, page));
}

function partnersLicense(ctx: CoreContext, partnerId: string, licenseId: string): StoredLicense {
  const license = ctx.licenses.get(licenseId);
  // Another partner's license answers exactly like an unknown one.
  if (!license || license.context.partnerId !== partnerId) throw notFound('license', licenseId);
  return license;
}

/** Order details of one license, opened on the Transfer tab with "Transfer To: Customer" preselected. */
export function orderDetails(ctx: CoreContext, partnerId: string, licenseId: string) {
  const license = partnersLicense(ctx, partnerId, requireUuid(licenseId, 'licenseId'));
  return {
    license: licenseView(ctx, license),
    transferDefaults: { tab: 'Transfer', transferTo: 'Customer' },
    customers: customerSummaries(ctx, partnerId),
  };
}

/**
 * Transfers a license to a customer by name. An unknown name is refused as "customer account not
 * found" unless the request carries `newAccount` (optional details), which creates the account.
 */
export function transferToCustomer(ctx: CoreContext, partnerId: string, licenseId: string, body: unknown) {
  const id = requireUuid(licenseId, 'licenseId');
  const input = requireObject(body, 'body');
  const customerName = requireString(input.customerName, 'customerName', 120);
  const newAccount = input.newAccount === undefined ? undefined : readAccountDetails(requireObject(input.newAccount, 'newAccount'), 'newAccount');
  optionalBoolean(input.confirm, 'confirm');
  if (input.transferTo !== undefined && input.transferTo !== 'Customer')
    throw badInput('transferTo', 'must be Customer: the portal transfers licenses to customers only');
  if (input.transferTo !== undefined && input.transferTo !== 'Customer') {
    throw new Problem(400, 'invalid-input', 'transferTo: only "Customer" is supported', 'transferTo');
  }
  return inTransaction(ctx, () => {
    const license = partnersLicense(ctx, partnerId, id);
    const retired = retiredLicenseProblem(ctx, license, { partnerId });
    if (retired) throw retired;
    let customer: Customer | undefined = findCustomerByName(ctx, partnerId, customerName);
    let created = false;
    if (!customer) {
      if (!newAccount) {
        throw new Problem(
          404,
          'customer-account-not-found',
          `No customer account named ${customerName} exists. To create it, send the transfer again with newAccount (optional account details such as contactEmail).`,
        );
      }
      customer = createCustomer(ctx, partnerId, customerName, newAccount);
      created = true;
    }
    const successor = transferLicense(ctx, license, customer);
    return {
      message: `License transferred to ${customer.name}.`,
      retiredLicenseId: license.context.licenseId,
      license: licenseView(ctx, successor),
      customer: { customerId: customer.customerId, name: customer.name, created },
    };
  });
}
