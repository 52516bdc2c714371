import { applyEntitlementEvent, newEntitlement } from '../../../models/ecostruxure/apply';
import { findFeature, LICENSE_FEATURES } from '../../../models/ecostruxure/catalog';
import type { EntitlementSource, LicenseProduct } from '../../../models/ecostruxure/entitlement.machine';
import { inTransaction, type CoreContext } from '../../kernel/context';
import { badInput, Problem, refusalsAsProblems, ruleBroken } from '../../kernel/problems';
import { requireArray, requireEmail, requireInt, requireObject, requireString } from '../../kernel/validate';
import { certificateFile, ENTITLEMENT_ID, parseCertificate, type CertificateContent } from './certificate';
import { ecoStruxureStore, type EcoStruxureStore } from './store';
import { entitlementView } from './views';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const groups = (ctx: CoreContext, count: number) =>
  Array.from({ length: count }, () => [...ctx.crypto.randomBytes(4)].map((b) => ALPHABET[b % ALPHABET.length]).join('')).join('-');

function readProducts(value: unknown): Omit<LicenseProduct, 'activationId'>[] {
  return requireArray(value, 'products', 1, 20).map((raw, i) => {
    const product = requireObject(raw, `products[${i}]`);
    const features = requireArray(product.features, `products[${i}].features`, 1, LICENSE_FEATURES.length).map((rawFeature, j) => {
      const at = `products[${i}].features[${j}]`;
      const line = requireObject(rawFeature, at);
      const feature = findFeature(requireString(line.feature, `${at}.feature`, 60));
      if (!feature) throw badInput(`${at}.feature`, `unknown license feature; known: ${LICENSE_FEATURES.map((f) => f.name).join(', ')}`);
      return { code: feature.code, seats: requireInt(line.seats, `${at}.seats`, 1, 100_000) };
    });
    if (new Set(features.map((f) => f.code)).size !== features.length) throw badInput(`products[${i}].features`, 'must not name a feature twice');
    return { name: requireString(product.name, `products[${i}].name`, 120), features };
  });
}

/**
 * The vendor's side of a sale: the License Activation Server records a new entitlement and the
 * entitlement email goes out with its HTML certificate attached.
 */
export function issueEntitlement(ctx: CoreContext, body: unknown) {
  const input = requireObject(body, 'body');
  const soldTo = requireString(input.soldTo, 'soldTo', 120);
  const email = requireEmail(input.email, 'email');
  const products = readProducts(input.products).map((p) => ({ ...p, activationId: groups(ctx, 5) }));
  return inTransaction(ctx, () => {
    const store = ecoStruxureStore(ctx.db);
    const entitlement = newEntitlement({ entitlementId: groups(ctx, 4), soldTo, email, issuedAt: ctx.clock.now(), products });
    store.saveEntitlement(entitlement);
    const c = entitlement.context;
    return {
      entitlementId: c.entitlementId,
      products: c.products,
      email: {
        to: email,
        subject: `Your EcoStruxure entitlement ${c.entitlementId}`,
        body: `Entitlement ${c.entitlementId} for ${soldTo} holds ${products.length} license product(s). Add it in Device Administrator with the attached certificate file or with the entitlement ID.`,
        attachment: certificateFile(c),
      },
    };
  });
}

function knownEntitlement(store: EcoStruxureStore, entitlementId: string) {
  const entitlement = store.entitlement(entitlementId);
  if (!entitlement) {
    throw new Problem(
      404,
      'entitlement-not-found',
      `The License Activation Server knows no entitlement ${entitlementId}; check the ID in the entitlement email.`,
      'entitlementId',
    );
  }
  return entitlement;
}

/** The certificate must describe the entitlement the License Activation Server holds, seat for seat. */
function checkCertificate(certificate: CertificateContent, held: readonly LicenseProduct[]): void {
  const rows = certificate.products.flatMap((p) => p.features.map((f) => ({ activationId: p.activationId, ...f })));
  rows.forEach((row, i) => {
    const product = held.find((p) => p.activationId === row.activationId);
    if (!product) {
      throw ruleBroken(
        'certificate-mismatch',
        `Activation ID ${row.activationId} is not part of entitlement ${certificate.entitlementId}; the file was altered or belongs to another entitlement.`,
        `certificateFile.rows[${i}].activationId`,
      );
    }
    const seats = product.features.find((f) => f.code === row.code)?.seats;
    if (seats !== row.seats) {
      throw ruleBroken(
        'certificate-mismatch',
        `The certificate gives ${row.seats} seat(s) of ${row.code} for ${row.activationId}, the License Activation Server ${seats ?? 'none'}; use the file from the entitlement email.`,
        `certificateFile.rows[${i}].seats`,
      );
    }
  });
  const listed = held.reduce((n, p) => n + p.features.length, 0);
  if (rows.length !== listed) {
    throw ruleBroken(
      'certificate-mismatch',
      `The certificate lists ${rows.length} license feature(s) where entitlement ${certificate.entitlementId} holds ${listed}; use the file from the entitlement email.`,
      'certificateFile.rows',
    );
  }
}

/** Add Entitlement in Device Administrator: from the HTML certificate file, or from the entitlement ID. */
export function addEntitlement(ctx: CoreContext, body: unknown) {
  const input = requireObject(body, 'body');
  const hasId = input.entitlementId !== undefined;
  const hasFile = input.certificateFile !== undefined;
  if (!hasId && !hasFile) throw badInput('entitlementId', 'is required: give entitlementId, or certificateFile (the certificate from the entitlement email)');
  if (hasId && hasFile) throw badInput('certificateFile', 'give entitlementId or certificateFile, not both');
  let entitlementId: string;
  let via: EntitlementSource;
  let certificate: CertificateContent | undefined;
  if (hasFile) {
    certificate = parseCertificate(requireObject(input.certificateFile, 'certificateFile').content, 'certificateFile');
    entitlementId = certificate.entitlementId;
    via = 'certificate-file';
  } else {
    entitlementId = requireString(input.entitlementId, 'entitlementId', 19).toUpperCase();
    if (!ENTITLEMENT_ID.test(entitlementId))
      throw badInput('entitlementId', 'must be an entitlement ID such as 7KQ2-M9XD-43TA-P0LB, as the entitlement email gives it');
    via = 'entitlement-id';
  }
  return inTransaction(ctx, () => {
    const store = ecoStruxureStore(ctx.db);
    const entitlement = knownEntitlement(store, entitlementId);
    if (certificate) checkCertificate(certificate, entitlement.context.products);
    const added = refusalsAsProblems(() => applyEntitlementEvent(entitlement, { type: 'ADD', via, at: ctx.clock.now() }));
    store.saveEntitlement(added, 'ADD');
    return entitlementView(store, added);
  });
}

/** The entitlements Device Administrator holds, with the seats of each license feature. */
export function listEntitlements(ctx: CoreContext) {
  const store = ecoStruxureStore(ctx.db);
  return store
    .entitlements()
    .filter((e) => e.state === 'inDeviceAdministrator')
    .map((e) => entitlementView(store, e));
}

/** What the License Activation Server answers for an entitlement ID: its order information. */
export function orderInformation(ctx: CoreContext, entitlementId: string) {
  const store = ecoStruxureStore(ctx.db);
  const id = requireString(entitlementId, 'entitlementId', 19).toUpperCase();
  return entitlementView(store, knownEntitlement(store, id));
}
