import type { CoreContext } from '../../kernel/context';
import { conflict, notFound } from '../../kernel/problems';
import { requireInstallCode, requireUuid } from '../../kernel/validate';
import { getSmartServer } from './records';

/** Manage Customer Accounts: the Customer ID a SmartServer downloads licenses for. */

/** Manage Customer Accounts: the segment controller, its install code and the saved Customer ID. */
export function customerAccounts(ctx: CoreContext, installCode: string) {
  const s = getSmartServer(ctx, installCode);
  return [{ segmentController: s.name, installCode: s.installCode, customerId: s.customerId ?? null, pendingCustomerId: s.pendingCustomerId ?? null }];
}

/** The public API names the segment in `?segmentId=`; a SmartServer answers only for its own segment (its install code). */
export function requireSegment(segmentId: unknown, installCode: string): void {
  if (segmentId === undefined || segmentId === '') return;
  if (requireInstallCode(segmentId, 'segmentId') !== installCode) throw notFound('segment', `${String(segmentId)} on SmartServer ${installCode}`);
}

export function saveCustomerId(ctx: CoreContext, installCode: string, customerId: unknown) {
  const id = requireUuid(customerId, 'customerId');
  getSmartServer(ctx, installCode);
  ctx.db.prepare('UPDATE smartservers SET customer_id = ?, pending_customer_id = NULL WHERE install_code = ?').run(id, installCode);
  return customerAccounts(ctx, installCode);
}

export function draftCustomerId(ctx: CoreContext, installCode: string, customerId: unknown) {
  const id = requireUuid(customerId, 'customerId');
  getSmartServer(ctx, installCode);
  ctx.db.prepare('UPDATE smartservers SET pending_customer_id = ? WHERE install_code = ?').run(id, installCode);
  return customerAccounts(ctx, installCode);
}

export function settleDraft(ctx: CoreContext, installCode: string, decision: 'save' | 'discard') {
  const s = getSmartServer(ctx, installCode);
  if (!s.pendingCustomerId) throw conflict('no-pending-change', 'There is no entered Customer ID to save or discard.');
  if (decision === 'save') return saveCustomerId(ctx, installCode, s.pendingCustomerId);
  ctx.db.prepare('UPDATE smartservers SET pending_customer_id = NULL WHERE install_code = ?').run(installCode);
  return customerAccounts(ctx, installCode);
}
