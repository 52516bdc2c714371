import { newLicense } from '../../../models/apply';
import { findProduct, PRODUCTS } from '../../../models/catalog';
import { createCustomer, createPartner, findCustomerByName, findPartnerByEmail, type Partner } from '../../kernel/accounts';
import { inTransaction, type CoreContext } from '../../kernel/context';
import { licenseView, type LicenseView, transferLicense } from '../partner-portal';
import { generatePassword } from '../../kernel/passwords';
import { badInput, conflict } from '../../kernel/problems';
import type { StoredLicense } from '../../kernel/store';
import { requireArray, requireEmail, requireInt, requireObject, requireString, optionalString } from '../../kernel/validate';

export interface OrderLine {
  model: string;
  quantity: number;
}

export interface PlacedOrder {
  poNumber: string;
  partner: Partner;
  /** Portal credentials, present only when the order created the partner account. */
  credentials?: { email: string; password: string };
  customer?: { customerId: string; name: string };
  licenses: LicenseView[];
}

function readLines(value: unknown): OrderLine[] {
  return requireArray(value, 'lines', 1, 50).map((raw, i) => {
    const line = requireObject(raw, `lines[${i}]`);
    const model = requireString(line.model, `lines[${i}].model`, 40);
    if (!findProduct(model)) {
      throw badInput(`lines[${i}].model`, `unknown model number ${model}; known: ${PRODUCTS.map((p) => p.model).join(', ')}`);
    }
    return { model, quantity: requireInt(line.quantity ?? 1, `lines[${i}].quantity`, 1, 1000) };
  });
}

/**
 * The order administrator's desk: a purchase order looks up or creates the partner account,
 * places every ordered license in its inventory, and may transfer them on to the customer project.
 */
export function placeOrder(ctx: CoreContext, body: unknown): PlacedOrder {
  const input = requireObject(body, 'body');
  const poNumber = requireString(input.poNumber, 'poNumber', 60);
  const partnerInput = requireObject(input.partner, 'partner');
  const email = requireEmail(partnerInput.email, 'partner.email');
  const partnerName = optionalString(partnerInput.name, 'partner.name') ?? email;
  const lines = readLines(input.lines);
  const customerName = optionalString(input.customer, 'customer');

  return inTransaction(ctx, () => {
    if (ctx.db.prepare('SELECT 1 FROM orders WHERE po_number = ?').get(poNumber)) {
      throw conflict('order-exists', `Purchase order ${poNumber} was placed already.`);
    }
    let partner: Partner | undefined = findPartnerByEmail(ctx, email);
    let credentials: PlacedOrder['credentials'];
    if (!partner) {
      const password = generatePassword(ctx.crypto);
      partner = createPartner(ctx, partnerName, email, password);
      credentials = { email, password };
    }
    const customer = customerName ? (findCustomerByName(ctx, partner.id, customerName) ?? createCustomer(ctx, partner.id, customerName, {})) : undefined;
    ctx.db
      .prepare('INSERT INTO orders (po_number, partner_id, customer_id, lines, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(poNumber, partner.id, customer?.customerId ?? null, JSON.stringify(lines), ctx.clock.now());

    const placed: StoredLicense[] = [];
    for (const line of lines) {
      const product = findProduct(line.model)!;
      for (let n = 0; n < line.quantity; n++) {
        const license = {
          ...newLicense({
            licenseId: ctx.newId(),
            model: product.model,
            kind: product.kind,
            capacity: product.capacity,
            termYears: product.termYears,
            partnerId: partner.id,
          }),
          poNumber,
          createdAt: ctx.clock.now(),
        };
        ctx.licenses.save(license, poNumber, license.createdAt);
        placed.push(customer ? transferLicense(ctx, license, customer) : license);
      }
    }
    return {
      poNumber,
      partner: { id: partner.id, name: partner.name, email: partner.email },
      credentials,
      customer: customer && { customerId: customer.customerId, name: customer.name },
      licenses: placed.map((l) => licenseView(ctx, l)),
    };
  });
}
