import type { CoreContext } from './context';
import { Problem } from './problems';
import type { StoredLicense } from './store';

/**
 * A License ID a transfer retired is refused the same way on every surface that can be handed one:
 * 409 `license-retired`, naming the License ID that stands for it now (`successorId`). The new ID
 * is told only to whoever may know it; anyone else is answered as for an unknown ID, so a retired
 * ID never leads to another customer's license.
 */

/**
 * Who hands the retired ID in: a partner, a customer, the vendor's own staff (Customer Success), or
 * an anonymous holder of the ID (a login by EID).
 */
export type RetiredIdViewer = { partnerId: string } | { customerId: string } | { vendor: true } | { holderOfTheId: true };

/** The retired License ID's successors, oldest first, through every later transfer. */
function successors(ctx: CoreContext, license: StoredLicense): StoredLicense[] {
  const chain: StoredLicense[] = [];
  let next = license.context.successorId;
  while (next && chain.length < 64) {
    const successor = ctx.licenses.get(next);
    if (!successor) break;
    chain.push(successor);
    next = successor.state === 'retired' ? successor.context.successorId : undefined;
  }
  return chain;
}

/** Whether `viewer` may be told the License ID that replaced `license` (the last of `chain`). */
function mayKnow(viewer: RetiredIdViewer, license: StoredLicense, chain: StoredLicense[]): boolean {
  const current = chain.at(-1)!;
  if ('partnerId' in viewer) return current.context.partnerId === viewer.partnerId;
  if ('customerId' in viewer) return current.context.customerId === viewer.customerId;
  if ('vendor' in viewer) return true;
  // Whoever holds the ID got it from its partner or from the customer that owned it; the new ID may
  // be told only if no link in between belonged to a different customer.
  const owner = current.context.customerId;
  return [license, ...chain].every((link) => link.context.customerId === undefined || link.context.customerId === owner);
}

/** The refusal for a retired License ID as `viewer` may see it, or undefined when the ID is not retired or must look unknown. */
export function retiredLicenseProblem(ctx: CoreContext, license: StoredLicense | undefined, viewer: RetiredIdViewer): RetiredLicense | undefined {
  if (license?.state !== 'retired') return undefined;
  const chain = successors(ctx, license);
  const current = chain.at(-1);
  if (!current || current.state === 'retired' || !mayKnow(viewer, license, chain)) return undefined;
  return new RetiredLicense(license.context.licenseId, current.context.licenseId);
}

/** 409 license-retired, with the License ID to use instead. */
export class RetiredLicense extends Problem {
  constructor(
    readonly retiredId: string,
    readonly successorId: string,
  ) {
    super(409, 'license-retired', `License ${retiredId} was transferred and is kept for tracking only; use its new License ID ${successorId}.`, undefined, {
      successorId,
    });
  }
}
