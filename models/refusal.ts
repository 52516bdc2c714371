/** Every reason a model refuses an event; the emulator's problem catalogue describes each. */
export type RefusalCode =
  | 'activation-request-pending'
  | 'activation-response-not-ready'
  | 'core-license-required'
  | 'core-needs-pi'
  | 'entitlement-already-added'
  | 'entitlement-not-added'
  | 'entitlement-state'
  | 'feature-already-on-server'
  | 'feature-not-in-product'
  | 'license-active'
  | 'license-already-active'
  | 'license-already-assigned'
  | 'license-bound-offline'
  | 'license-cannot-be-deactivated'
  | 'license-not-active'
  | 'license-not-applicable'
  | 'license-not-assigned'
  | 'license-not-with-customer'
  | 'license-on-another-server'
  | 'license-product-not-in-entitlement'
  | 'license-retired'
  | 'license-returned'
  | 'license-state'
  | 'lon-needs-pi-4.3'
  | 'maintenance-capacity-mismatch'
  | 'maintenance-expired'
  | 'maintenance-required'
  | 'maintenance-term-ended'
  | 'no-activation-request'
  | 'no-license-management'
  | 'no-licenses'
  | 'no-return-request'
  | 'no-seats-asked'
  | 'not-enough-seats'
  | 'offline-file-not-for-core'
  | 'offline-file-not-maintenance'
  | 'offline-file-unknown'
  | 'no-offline-file'
  | 'offline-file-not-expired'
  | 'offline-file-withdrawn'
  | 'offline-maintenance-needs-customer-success'
  | 'one-seat-per-server'
  | 'release-not-for-pi'
  | 'request-mismatch'
  | 'return-in-progress'
  | 'return-not-confirmed'
  | 'return-not-sent-to-server'
  | 'return-response-not-ready'
  | 'server-certificates-missing'
  | 'server-without-internet'
  | 'smartserver-offline'
  | 'smartserver-state';

/**
 * Why a model refused an event, in words a user can act on. `kind` separates a state that
 * forbids the operation right now ("state") from a business rule the request breaks ("rule").
 */
export interface Refusal {
  code: RefusalCode;
  kind: 'state' | 'rule';
  message: string;
}

export const refuse = (code: RefusalCode, kind: Refusal['kind'], message: string): Refusal => ({ code, kind, message });
