import { describeProduct, findProduct } from '../../../models/catalog';
import { getCustomer, findCustomerByEmail, type Customer } from '../../kernel/accounts';
import { inTransaction, type CoreContext } from '../../kernel/context';
import { issueOfflineFile, withdrawOfflineFiles, type IssuedOfflineFile } from '../licensing-cloud';
import { badInput, notFound, Problem } from '../../kernel/problems';
import { retiredLicenseProblem } from '../../kernel/retired-licenses';
import type { StoredLicense } from '../../kernel/store';
import { firstPage, type Page, type PageRequest } from '../../kernel/paging';
import { requireEmail, requireInstallCode, requireObject, requireUuid } from '../../kernel/validate';

/**
 * The License Customer Portal: a customer logs in with a License ID (which the portal calls the
 * EID) or with a contact email a partner added, sees the licenses it owns, and creates device
 * capacity offline activation files for SmartServers without Internet.
 */
const invalidCredentials = () => new Problem(401, 'invalid-credentials', 'The EID or email address is not right.');

/** A customer's license as the portal lists it. */
export interface CustomerLicenseView {
  licenseId: string;
  /** The same value: the portal calls the License ID the EID (Entitlement ID). */
  eid: string;
  model: string;
  kind: string;
  description: string;
  capacity: number;
  status: string;
  installCode: string | null;
  activationMode: 'online' | 'offline' | null;
  maintenanceEnds: string | null;
  /** Who makes its offline activation file: this portal, Customer Success, or nobody. */
  offlineFileFrom: 'customer-portal' | 'customer-success' | null;
  /** While an unused offline file binds it: until when the file can be loaded. */
  offlineFileExpiresAt: string | null;
}

function customerLicenseView(license: StoredLicense): CustomerLicenseView {
  const c = license.context;
  const product = findProduct(c.model);
  return {
    licenseId: c.licenseId,
    eid: c.licenseId,
    model: c.model,
    kind: c.kind,
    description: product ? describeProduct(product) : c.model,
    capacity: c.capacity,
    status: license.state,
    installCode: c.installCode ?? null,
    activationMode: c.activationMode ?? null,
    maintenanceEnds: c.termEnd ?? null,
    offlineFileFrom: c.kind === 'capacity' || c.kind === 'trial' ? 'customer-portal' : c.kind === 'maintenance' ? 'customer-success' : null,
    offlineFileExpiresAt: license.state === 'offlineFileIssued' ? (c.offlineFileExpiresAt ?? null) : null,
  };
}

/**
 * Logs in with `{eid}` or `{email}`; whichever is wrong, the answer is the same and tells nothing.
 * The EID or email is itself the secret, so each guess names a new identity: what stops guessing
 * is the limit per source address (`source`), which a guesser keeps, and which the guesser's own
 * successful logins do not clear.
 */
export function customerLogin(ctx: CoreContext, body: unknown, source = 'local') {
  const input = requireObject(body, 'body');
  const hasEid = input.eid !== undefined && input.eid !== '';
  const hasEmail = input.email !== undefined && input.email !== '';
  if (!hasEid && !hasEmail) throw badInput('eid', 'is required: give eid (a License ID) or email (a contact email added by your partner)');
  if (hasEid && hasEmail) throw badInput('email', 'give eid (a License ID) or email (a contact email added by your partner), not both');
  const eid = hasEid ? requireUuid(input.eid, 'eid') : undefined;
  const email = hasEid ? undefined : requireEmail(input.email, 'email');
  const identity = eid ? `customer:eid:${eid.toLowerCase()}` : `customer:email:${email!.toLowerCase()}`;
  return ctx.logins.attempt({ identity, source }, () => {
    let customer: Customer | undefined;
    if (eid) {
      const license = ctx.licenses.get(eid);
      // A retired License ID was replaced by a transfer; only the current one logs in, and the
      // refusal names it when whoever holds the old ID may know it.
      const retired = retiredLicenseProblem(ctx, license, { holderOfTheId: true });
      if (retired) throw retired;
      if (license && license.state !== 'retired' && license.context.customerId) customer = getCustomer(ctx, license.context.customerId);
    } else {
      customer = findCustomerByEmail(ctx, email!);
    }
    if (!customer) throw invalidCredentials();
    return { ...ctx.tokens.issue({ kind: 'customer', customerId: customer.customerId }), customer: { customerId: customer.customerId, name: customer.name } };
  });
}

/** The customer's current licenses; retired License IDs and other customers' licenses never show. */
/** One page of the customer's current licenses, oldest first, with how many there are in all. */
export function customerLicenses(ctx: CoreContext, customerId: string, request: PageRequest = firstPage()): Page<CustomerLicenseView> {
  const page = ctx.licenses.page("customer_id = ? AND state <> 'retired'", [customerId], request);
  return { ...page, items: page.items.map(customerLicenseView) };
}

function customersLicense(ctx: CoreContext, customerId: string, licenseId: string): StoredLicense {
  const license = ctx.licenses.get(licenseId);
  const retired = retiredLicenseProblem(ctx, license, { customerId });
  if (retired) throw retired;
  // Another customer's license answers exactly like an unknown one.
  if (!license || license.context.customerId !== customerId || license.state === 'retired') throw notFound('license', licenseId);
  return license;
}

/**
 * Creates a device capacity offline activation file for one SmartServer, given its install code.
 * Maintenance files come from Customer Success; the license machine refuses them here.
 */
export function createOfflineActivationFile(
  ctx: CoreContext,
  customerId: string,
  licenseId: string,
  body: unknown,
): IssuedOfflineFile & { license: CustomerLicenseView } {
  const id = requireUuid(licenseId, 'licenseId');
  const input = requireObject(body, 'body');
  const installCode = requireInstallCode(input.installCode, 'installCode');
  // A file binds its license to the code typed; the portal asks for it twice so a typo is caught before that.
  if (input.installCodeAgain !== undefined && input.installCodeAgain !== installCode) {
    throw badInput('installCodeAgain', `must repeat installCode (${installCode}) exactly; the two install codes differ`);
  }
  return inTransaction(ctx, () => {
    const file = issueOfflineFile(ctx, customersLicense(ctx, customerId, id), installCode, 'customer-portal');
    return { ...file, license: customerLicenseView(ctx.licenses.get(id)!) };
  });
}

/**
 * Withdraws the license's unused offline activation files (say, made for a mistyped install code):
 * the license is free again for another file or an online activation, and the files no longer load.
 */
export function withdrawOfflineActivationFiles(ctx: CoreContext, customerId: string, licenseId: string) {
  const id = requireUuid(licenseId, 'licenseId');
  return inTransaction(ctx, () => {
    const license = customersLicense(ctx, customerId, id);
    const installCode = license.context.installCode;
    const released = withdrawOfflineFiles(ctx, license, 'customer-portal');
    return {
      message: `The offline activation file of license ${id} for install code ${installCode} was withdrawn; it no longer loads, and the license is free again.`,
      license: customerLicenseView(released),
    };
  });
}
