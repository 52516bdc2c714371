import { describeProduct, findProduct } from '../../../models/catalog';
import type { HeldLicense } from '../../../models/smartserver';
import type { CloudLicense } from '../../kernel/ports';
import type { StoredLicense } from '../../kernel/store';

/** How the cloud shows a license: as an offer to download, and as a SmartServer holds it once active. */
export function cloudView(license: StoredLicense): CloudLicense {
  const c = license.context;
  const product = findProduct(c.model);
  const expiry = c.kind === 'maintenance' && c.termEnd ? `, expires ${c.termEnd}` : '';
  return {
    licenseId: c.licenseId,
    model: c.model,
    kind: c.kind,
    capacity: c.capacity,
    transferDate: (c.transferredAt ?? license.createdAt).slice(0, 10),
    description: `${product ? describeProduct(product) : c.model}${expiry}`,
  };
}

export function heldFrom(license: StoredLicense): HeldLicense {
  const c = license.context;
  return {
    licenseId: c.licenseId,
    kind: c.kind,
    capacity: c.capacity,
    termYears: c.termYears,
    termEnd: c.termEnd,
    activatedAt: c.activatedAt!,
    mode: c.activationMode!,
  };
}
