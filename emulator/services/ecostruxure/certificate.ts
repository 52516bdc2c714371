import { findFeature } from '../../../models/ecostruxure/catalog';
import type { EntitlementContext, LicenseProduct } from '../../../models/ecostruxure/entitlement.machine';
import { badInput } from '../../kernel/problems';

/** A file as Device Administrator opens or writes it: its name and its text. */
export interface TextFile {
  fileName: string;
  content: string;
}

/** What an HTML entitlement certificate says about its entitlement. */
export interface CertificateContent {
  entitlementId: string;
  soldTo: string;
  products: LicenseProduct[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
const unescapeHtml = (text: string) => text.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => Object.entries(ESCAPES).find(([, e]) => e === entity)![0]);

export const ENTITLEMENT_ID = /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/;
export const ACTIVATION_ID = /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/;

/**
 * The HTML entitlement certificate that comes with the entitlement email: one table row per
 * license feature of each license product. Cells carry `data-field` names so the file reads
 * back without guessing from the layout.
 */
export function certificateFile(entitlement: EntitlementContext): TextFile {
  const rows = entitlement.products.flatMap((product) =>
    product.features.map((feature) =>
      [
        '      <tr data-field="license">',
        `<td data-field="product">${escapeHtml(product.name)}</td>`,
        `<td data-field="activationId">${escapeHtml(product.activationId)}</td>`,
        `<td data-field="feature" data-code="${escapeHtml(feature.code)}">${escapeHtml(findFeature(feature.code)?.name ?? feature.code)}</td>`,
        `<td data-field="seats">${feature.seats}</td></tr>`,
      ].join(''),
    ),
  );
  const content = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    `<head><meta charset="utf-8"><title>Entitlement Certificate ${escapeHtml(entitlement.entitlementId)}</title></head>`,
    '<body>',
    '  <h1>Entitlement Certificate</h1>',
    '  <p>Add this file in Device Administrator to make its licenses available for assignment.</p>',
    '  <dl>',
    `    <dt>Entitlement ID</dt><dd data-field="entitlementId">${escapeHtml(entitlement.entitlementId)}</dd>`,
    `    <dt>Sold to</dt><dd data-field="soldTo">${escapeHtml(entitlement.soldTo)}</dd>`,
    `    <dt>Issued</dt><dd data-field="issuedAt">${escapeHtml(entitlement.issuedAt.slice(0, 10))}</dd>`,
    '  </dl>',
    '  <table>',
    '    <thead><tr><th>License product</th><th>Activation ID</th><th>License feature</th><th>Seats</th></tr></thead>',
    '    <tbody>',
    ...rows,
    '    </tbody>',
    '  </table>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return { fileName: `Entitlement_${entitlement.entitlementId}.html`, content };
}

function cell(html: string, name: string): { text: string; code?: string } | undefined {
  const match = new RegExp(`<(?:td|dd) data-field="${name}"(?: data-code="([^"]*)")?>([^<]*)</(?:td|dd)>`).exec(html);
  return match ? { text: unescapeHtml(match[2]).trim(), code: match[1] === undefined ? undefined : unescapeHtml(match[1]) } : undefined;
}

/** Reads an HTML entitlement certificate back; a refusal names the part of the file that is wrong. */
export function parseCertificate(content: unknown, field: string): CertificateContent {
  if (typeof content !== 'string' || !/<html[\s>]/i.test(content)) {
    throw badInput(`${field}.content`, 'must be the HTML entitlement certificate file from the entitlement email');
  }
  const entitlementId = cell(content, 'entitlementId')?.text;
  if (!entitlementId) throw badInput(`${field}.entitlementId`, 'the certificate names no entitlement ID');
  if (!ENTITLEMENT_ID.test(entitlementId)) throw badInput(`${field}.entitlementId`, `"${entitlementId}" is not an entitlement ID such as 7KQ2-M9XD-43TA-P0LB`);
  const soldTo = cell(content, 'soldTo')?.text ?? '';

  const rows = [...content.matchAll(/<tr data-field="license">([\s\S]*?)<\/tr>/g)].map((m) => m[1]);
  if (rows.length === 0) throw badInput(`${field}.rows`, 'the certificate lists no license products');
  const products: LicenseProduct[] = [];
  rows.forEach((row, i) => {
    const at = `${field}.rows[${i}]`;
    const name = cell(row, 'product')?.text;
    if (!name) throw badInput(`${at}.product`, 'names no license product');
    const activationId = cell(row, 'activationId')?.text ?? '';
    if (!ACTIVATION_ID.test(activationId)) throw badInput(`${at}.activationId`, `"${activationId}" is not an activation ID such as A1B2-C3D4-E5F6-G7H8-J9K0`);
    const featureCell = cell(row, 'feature');
    const feature = featureCell && findFeature(featureCell.code ?? featureCell.text);
    if (!feature) throw badInput(`${at}.feature`, `"${featureCell?.code ?? featureCell?.text ?? ''}" is not a license feature Device Administrator knows`);
    const seatsText = cell(row, 'seats')?.text ?? '';
    if (!/^[1-9]\d{0,5}$/.test(seatsText)) throw badInput(`${at}.seats`, `"${seatsText}" is not a whole number of seats of at least 1`);
    let product = products.find((p) => p.activationId === activationId);
    if (!product) products.push((product = { activationId, name, features: [] }));
    if (product.features.some((f) => f.code === feature.code))
      throw badInput(`${at}.feature`, `${feature.name} is listed twice for activation ID ${activationId}`);
    product.features.push({ code: feature.code, seats: Number(seatsText) });
  });
  return { entitlementId, soldTo, products };
}
