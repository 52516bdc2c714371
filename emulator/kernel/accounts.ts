import { inTransaction, type CoreContext } from './context';
import { hashPassword } from './passwords';
import { conflict, notFound } from './problems';
import { optionalString, requireEmail } from './validate';

export interface Partner {
  id: string;
  name: string;
  email: string;
}

export interface Customer {
  customerId: string;
  name: string;
  partnerId: string;
  contactEmail?: string;
  details: AccountDetails;
}

/** Optional account details a partner may give when it creates a customer account. */
export interface AccountDetails {
  contactEmail?: string;
  contactName?: string;
  phone?: string;
  address?: string;
}

interface CustomerRow {
  id: string;
  partner_id: string;
  name: string;
  contact_email: string | null;
  details: string;
}

const toCustomer = (row: CustomerRow): Customer => ({
  customerId: row.id,
  name: row.name,
  partnerId: row.partner_id,
  contactEmail: row.contact_email ?? undefined,
  details: JSON.parse(row.details) as AccountDetails,
});

export function findPartnerByEmail(ctx: CoreContext, email: string): (Partner & { passwordHash: string }) | undefined {
  const row = ctx.db
    .prepare<[string], { id: string; name: string; email: string; password_hash: string }>(
      'SELECT id, name, email, password_hash FROM partners WHERE email = ?',
    )
    .get(email);
  return row && { id: row.id, name: row.name, email: row.email, passwordHash: row.password_hash };
}

export function createPartner(ctx: CoreContext, name: string, email: string, password: string): Partner {
  const partner = { id: ctx.newId(), name, email };
  ctx.db
    .prepare('INSERT INTO partners (id, name, email, password_hash, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(partner.id, name, email, hashPassword(ctx.crypto, password, ctx.config.passwordCost), ctx.clock.now());
  return partner;
}

export function getPartner(ctx: CoreContext, partnerId: string): Partner {
  const row = ctx.db.prepare<[string], Partner>('SELECT id, name, email FROM partners WHERE id = ?').get(partnerId);
  if (!row) throw notFound('partner', partnerId);
  return row;
}

export function listCustomers(ctx: CoreContext, partnerId: string): Customer[] {
  return ctx.db.prepare<[string], CustomerRow>('SELECT * FROM customers WHERE partner_id = ? ORDER BY name').all(partnerId).map(toCustomer);
}

export function findCustomerByName(ctx: CoreContext, partnerId: string, name: string): Customer | undefined {
  const row = ctx.db.prepare<[string, string], CustomerRow>('SELECT * FROM customers WHERE partner_id = ? AND name = ?').get(partnerId, name);
  return row && toCustomer(row);
}

export function getCustomer(ctx: CoreContext, customerId: string): Customer | undefined {
  const row = ctx.db.prepare<[string], CustomerRow>('SELECT * FROM customers WHERE id = ?').get(customerId);
  return row && toCustomer(row);
}

/** Every customer's name by Customer ID. */
export function customerNames(ctx: CoreContext): Map<string, string> {
  return new Map(
    ctx.db
      .prepare<[], { id: string; name: string }>('SELECT id, name FROM customers')
      .all()
      .map((r) => [r.id, r.name]),
  );
}

export function findCustomerByEmail(ctx: CoreContext, email: string): Customer | undefined {
  const row = ctx.db.prepare<[string], CustomerRow>('SELECT * FROM customers WHERE contact_email = ?').get(email);
  return row && toCustomer(row);
}

export function readAccountDetails(body: Record<string, unknown>, field: string): AccountDetails {
  const contactEmail = body.contactEmail === undefined || body.contactEmail === '' ? undefined : requireEmail(body.contactEmail, `${field}.contactEmail`);
  return {
    contactEmail,
    contactName: optionalString(body.contactName, `${field}.contactName`),
    phone: optionalString(body.phone, `${field}.phone`, 40),
    address: optionalString(body.address, `${field}.address`, 400),
  };
}

/** Creates a customer/project account under a partner; a contact email must be unique across all customers. */
export function createCustomer(ctx: CoreContext, partnerId: string, name: string, details: AccountDetails): Customer {
  return inTransaction(ctx, () => {
    if (findCustomerByName(ctx, partnerId, name)) throw conflict('customer-name-taken', `A customer account named ${name} exists already.`);
    if (details.contactEmail && findCustomerByEmail(ctx, details.contactEmail)) {
      throw conflict('contact-email-taken', `The contact email ${details.contactEmail} belongs to another customer account; contact emails must be unique.`);
    }
    const customer: Customer = { customerId: ctx.newId(), name, partnerId, contactEmail: details.contactEmail, details };
    ctx.db
      .prepare('INSERT INTO customers (id, partner_id, name, contact_email, details, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(customer.customerId, partnerId, name, details.contactEmail ?? null, JSON.stringify(details), ctx.clock.now());
    return customer;
  });
}
