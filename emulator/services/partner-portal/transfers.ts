import { applyLicense } from '../../kernel/machines';
import { newLicense } from '../../../models/apply';
import { successorContext, type LicenseEvent } from '../../../models/license.rules';
import type { Customer } from '../../kernel/accounts';
import type { CoreContext } from '../../kernel/context';
import type { StoredLicense } from '../../kernel/store';

/**
 * Moves a license to a customer: the license machine retires the original ID (kept for tracking)
 * and the transfer creates a successor under a new License ID, owned by the customer.
 */
export function transferLicense(ctx: CoreContext, license: StoredLicense, customer: Customer): StoredLicense {
  const at = ctx.clock.now();
  const event: Extract<LicenseEvent, { type: 'TRANSFER' }> = { type: 'TRANSFER', customerId: customer.customerId, successorId: ctx.newId(), at };
  const retired = applyLicense(license, event);
  const successor = { ...newLicense(successorContext(license.context, event)), poNumber: license.poNumber, createdAt: at };
  ctx.licenses.save(retired, license.poNumber, license.createdAt);
  ctx.licenses.save(successor, license.poNumber, at);
  return successor;
}
