import { describeProduct, findProduct } from '../../../models/catalog';
import type { CoreContext } from '../../kernel/context';
import { getCustomer } from '../../kernel/accounts';
import type { StoredLicense } from '../../kernel/store';

/** A license as the portals list it. */
export interface LicenseView {
  licenseId: string;
  model: string;
  kind: string;
  description: string;
  capacity: number;
  poNumber: string;
  status: string;
  customer?: { customerId: string; name: string };
  predecessorId?: string;
  successorId?: string;
  transferDate?: string;
  maintenanceEnds?: string;
  installCode?: string;
  transferred: 0 | 1;
  activated: 0 | 1;
  available: 0 | 1;
}

export function licenseView(ctx: CoreContext, license: StoredLicense): LicenseView {
  const c = license.context;
  const product = findProduct(c.model);
  const customer = c.customerId ? getCustomer(ctx, c.customerId) : undefined;
  return {
    licenseId: c.licenseId,
    model: c.model,
    kind: c.kind,
    description: product ? describeProduct(product) : c.model,
    capacity: c.capacity,
    poNumber: license.poNumber,
    status: license.state,
    customer: customer && { customerId: customer.customerId, name: customer.name },
    predecessorId: c.predecessorId,
    successorId: c.successorId,
    transferDate: c.transferredAt?.slice(0, 10),
    maintenanceEnds: c.termEnd,
    installCode: c.installCode,
    transferred: license.state === 'retired' || c.customerId !== undefined ? 1 : 0,
    activated: license.state === 'active' || license.state === 'offlineFileIssued' ? 1 : 0,
    available: license.state === 'inInventory' || license.state === 'withCustomer' ? 1 : 0,
  };
}
