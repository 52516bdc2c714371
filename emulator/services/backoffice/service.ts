import { newLicense } from '../../../models/apply';
import { findProduct, PRODUCTS } from '../../../models/catalog';
import { createCustomer, createPartner, type Customer, findCustomerByName, findPartnerByEmail, type Partner } from '../../kernel/accounts';
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

/** Licenses placed per transaction when an order is placed in steps; between steps other requests are served. */
export const LICENSES_PER_STEP = 500;

/** The meta key that marks an order whose licenses are still being placed; left behind only by a crash. */
const placingKey = (poNumber: string) => `order-placing:${poNumber}`;

interface OpenedOrder {
  poNumber: string;
  lines: OrderLine[];
  partner: Partner;
  credentials?: PlacedOrder['credentials'];
  customer?: Customer;
}

function readOrder(body: unknown) {
  const input = requireObject(body, 'body');
  const poNumber = requireString(input.poNumber, 'poNumber', 60);
  const partnerInput = requireObject(input.partner, 'partner');
  const email = requireEmail(partnerInput.email, 'partner.email');
  const partnerName = optionalString(partnerInput.name, 'partner.name') ?? email;
  const lines = readLines(input.lines);
  const customerName = optionalString(input.customer, 'customer');
  return { poNumber, email, partnerName, lines, customerName };
}

/** The order's row, its partner account (created with credentials when new) and its customer project. Runs inside a transaction. */
function openOrder(ctx: CoreContext, order: ReturnType<typeof readOrder>): OpenedOrder {
  const { poNumber, email, partnerName, lines, customerName } = order;
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
  return { poNumber, lines, partner, credentials, customer };
}

/** Places `count` licenses of one model for the order (and transfers them to its customer project). Runs inside a transaction. */
function placeLicenses(ctx: CoreContext, order: OpenedOrder, model: string, count: number): StoredLicense[] {
  const product = findProduct(model)!;
  const placed: StoredLicense[] = [];
  for (let n = 0; n < count; n++) {
    const license = {
      ...newLicense({
        licenseId: ctx.newId(),
        model: product.model,
        kind: product.kind,
        capacity: product.capacity,
        termYears: product.termYears,
        partnerId: order.partner.id,
      }),
      poNumber: order.poNumber,
      createdAt: ctx.clock.now(),
    };
    ctx.licenses.save(license, order.poNumber, license.createdAt);
    placed.push(order.customer ? transferLicense(ctx, license, order.customer) : license);
  }
  return placed;
}

function answer(ctx: CoreContext, order: OpenedOrder, placed: StoredLicense[]): PlacedOrder {
  return {
    poNumber: order.poNumber,
    partner: { id: order.partner.id, name: order.partner.name, email: order.partner.email },
    credentials: order.credentials,
    customer: order.customer && { customerId: order.customer.customerId, name: order.customer.name },
    licenses: placed.map((l) => licenseView(ctx, l)),
  };
}

/** Takes back an order whose placing did not finish: its licenses, the order, and the partner account it created. */
function withdrawOrder(ctx: CoreContext, poNumber: string, createdPartnerId?: string): void {
  inTransaction(ctx, () => {
    ctx.db.prepare('DELETE FROM licenses WHERE po_number = ?').run(poNumber);
    ctx.db.prepare('DELETE FROM orders WHERE po_number = ?').run(poNumber);
    if (createdPartnerId && !ctx.db.prepare('SELECT 1 FROM orders WHERE partner_id = ?').get(createdPartnerId)) {
      ctx.db.prepare('DELETE FROM customers WHERE partner_id = ?').run(createdPartnerId);
      ctx.db.prepare('DELETE FROM partners WHERE id = ?').run(createdPartnerId);
    }
    ctx.db.prepare('DELETE FROM meta WHERE key = ?').run(placingKey(poNumber));
  });
}

/**
 * Orders a crash left half placed (their marker is still in the meta table) are taken back whole
 * when the emulator starts again: an order was never answered until all of it was placed.
 */
export function withdrawUnfinishedOrders(ctx: CoreContext): string[] {
  const rows = ctx.db.prepare<[], { key: string; value: string }>("SELECT key, value FROM meta WHERE key LIKE 'order-placing:%'").all();
  for (const { key, value } of rows) withdrawOrder(ctx, key.slice('order-placing:'.length), value || undefined);
  return rows.map((r) => r.key.slice('order-placing:'.length));
}

/**
 * The order administrator's desk: a purchase order looks up or creates the partner account,
 * places every ordered license in its inventory, and may transfer them on to the customer project.
 */
export function placeOrder(ctx: CoreContext, body: unknown): PlacedOrder {
  const order = readOrder(body);
  return inTransaction(ctx, () => {
    const opened = openOrder(ctx, order);
    const placed = opened.lines.flatMap((line) => placeLicenses(ctx, opened, line.model, line.quantity));
    return answer(ctx, opened, placed);
  });
}

/**
 * The same order placed in bounded steps: up to 50 lines of 1,000 licenses would hold one
 * transaction (and every other request) for seconds, so licenses are placed LICENSES_PER_STEP at
 * a time, each step its own transaction, letting other requests in between. The order is still
 * all or nothing: a step that fails takes the whole order back, and a crash in the middle leaves a
 * marker that the next start acts on (withdrawUnfinishedOrders). Small orders take one step.
 */
export async function placeOrderInSteps(
  ctx: CoreContext,
  body: unknown,
  pause: () => Promise<void> = () => new Promise((r) => setTimeout(r, 0)),
): Promise<PlacedOrder> {
  const order = readOrder(body);
  const total = order.lines.reduce((sum, line) => sum + line.quantity, 0);
  if (total <= LICENSES_PER_STEP) return placeOrder(ctx, body);
  const opened = inTransaction(ctx, () => {
    const o = openOrder(ctx, order);
    ctx.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(placingKey(o.poNumber), o.credentials ? o.partner.id : '');
    return o;
  });
  const placed: StoredLicense[] = [];
  try {
    for (const line of opened.lines) {
      for (let done = 0; done < line.quantity; done += LICENSES_PER_STEP) {
        await pause();
        const count = Math.min(LICENSES_PER_STEP, line.quantity - done);
        placed.push(...inTransaction(ctx, () => placeLicenses(ctx, opened, line.model, count)));
      }
    }
    inTransaction(ctx, () => ctx.db.prepare('DELETE FROM meta WHERE key = ?').run(placingKey(opened.poNumber)));
  } catch (error) {
    withdrawOrder(ctx, opened.poNumber, opened.credentials ? opened.partner.id : undefined);
    throw error;
  }
  return answer(ctx, opened, placed);
}
