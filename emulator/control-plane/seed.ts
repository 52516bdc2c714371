import { createCustomer, createPartner, findCustomerByName, findPartnerByEmail } from '../kernel/accounts';
import { placeOrder } from '../services/backoffice';
import { inTransaction, type CoreContext } from '../kernel/context';
import { badInput, notFound } from '../kernel/problems';
import { createSmartServer, saveCustomerId } from '../services/smartserver';
import { transferLicense } from '../services/partner-portal';
import { optionalString, requireArray, requireEmail, requireObject, requireString, requireUuid } from '../kernel/validate';

/**
 * Data an emulator starts with and returns to on every reset: the accounts, licenses and
 * SmartServers that a real system would already hold. It lets the suite run its scenarios
 * that need no back office against an emulator whose admin API is off, exactly as it would
 * against the real services. The same shape is documented in features/fixtures/readme.md.
 */
export interface SeedData {
  partners?: { name: string; email: string; password: string }[];
  customers?: { partner: string; name: string; customerId: string; contactEmail?: string }[];
  licenses?: { partner: string; poNumber: string; model: string; licenseId: string; transferredTo?: { customer: string; licenseId: string } }[];
  smartServers?: Record<string, unknown>[];
}

/** A context whose next IDs are the given ones, so seeded records keep the IDs the fixture names. */
function withIds(ctx: CoreContext, ids: string[]): CoreContext {
  const queue = [...ids];
  return { ...ctx, newId: () => queue.shift() ?? ctx.newId() };
}

function list(value: unknown, field: string): unknown[] {
  return value === undefined ? [] : requireArray(value, field, 0, 10_000);
}

/** Applies a seed in one transaction through the same services the API uses; a bad field is named. */
export function applySeed(ctx: CoreContext, raw: unknown): void {
  const seed = requireObject(raw, 'seed');
  inTransaction(ctx, () => {
    list(seed.partners, 'partners').forEach((value, i) => {
      const p = requireObject(value, `partners[${i}]`);
      createPartner(
        ctx,
        requireString(p.name, `partners[${i}].name`),
        requireEmail(p.email, `partners[${i}].email`),
        requireString(p.password, `partners[${i}].password`),
      );
    });
    const partnerId = (email: unknown, field: string) => {
      const partner = findPartnerByEmail(ctx, requireEmail(email, field));
      if (!partner) throw notFound('seeded partner', String(email));
      return partner;
    };
    list(seed.customers, 'customers').forEach((value, i) => {
      const c = requireObject(value, `customers[${i}]`);
      const partner = partnerId(c.partner, `customers[${i}].partner`);
      const contactEmail = c.contactEmail === undefined ? undefined : requireEmail(c.contactEmail, `customers[${i}].contactEmail`);
      createCustomer(withIds(ctx, [requireUuid(c.customerId, `customers[${i}].customerId`)]), partner.id, requireString(c.name, `customers[${i}].name`), {
        contactEmail,
      });
    });
    const licenses = list(seed.licenses, 'licenses').map((value, i) => {
      const l = requireObject(value, `licenses[${i}]`);
      return {
        field: `licenses[${i}]`,
        partner: partnerId(l.partner, `licenses[${i}].partner`),
        poNumber: requireString(l.poNumber, `licenses[${i}].poNumber`),
        model: requireString(l.model, `licenses[${i}].model`),
        licenseId: requireUuid(l.licenseId, `licenses[${i}].licenseId`),
        transferredTo: l.transferredTo === undefined ? undefined : requireObject(l.transferredTo, `licenses[${i}].transferredTo`),
      };
    });
    for (const poNumber of new Set(licenses.map((l) => l.poNumber))) {
      const lines = licenses.filter((l) => l.poNumber === poNumber);
      const { partner } = lines[0];
      placeOrder(
        withIds(
          ctx,
          lines.map((l) => l.licenseId),
        ),
        {
          poNumber,
          partner: { name: partner.name, email: partner.email },
          lines: lines.map((l) => ({ model: l.model, quantity: 1 })),
        },
      );
    }
    for (const l of licenses.filter((x) => x.transferredTo)) {
      const to = l.transferredTo!;
      const customerName = requireString(to.customer, `${l.field}.transferredTo.customer`);
      const customer = findCustomerByName(ctx, l.partner.id, customerName);
      if (!customer) throw badInput(`${l.field}.transferredTo.customer`, `no customer ${customerName} of partner ${l.partner.email} in the seed`);
      transferLicense(withIds(ctx, [requireUuid(to.licenseId, `${l.field}.transferredTo.licenseId`)]), ctx.licenses.get(l.licenseId)!, customer);
    }
    list(seed.smartServers, 'smartServers').forEach((value, i) => {
      const s = requireObject(value, `smartServers[${i}]`);
      const { customerId, ...spec } = s;
      const created = createSmartServer(ctx, spec);
      const saved = optionalString(customerId, `smartServers[${i}].customerId`);
      if (saved) saveCustomerId(ctx, created.installCode, saved);
    });
  });
}
