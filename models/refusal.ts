/**
 * Why a model refused an event, in words a user can act on. `kind` separates a state that
 * forbids the operation right now ("state") from a business rule the request breaks ("rule").
 */
export interface Refusal {
  code: string;
  kind: 'state' | 'rule';
  message: string;
}

export const refuse = (code: string, kind: Refusal['kind'], message: string): Refusal => ({ code, kind, message });
