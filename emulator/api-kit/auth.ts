import type { FastifyRequest } from 'fastify';
import type { Emulator } from '../kernel/emulator';
import { forbidden } from '../kernel/problems';
import type { Principal } from '../kernel/tokens';
import { object } from './schemas';

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}

export function principalOf(emulator: Emulator, request: FastifyRequest): Principal {
  return emulator.ctx.tokens.verify(bearerToken(request));
}

/** The answer to a logout. */
export const LoggedOutSchema = object('LoggedOut', { loggedOut: { type: 'boolean', const: true } });

/**
 * Ends the session of the request's token, server-side: the token is refused from now on, even
 * before it would have expired. `check` refuses a token of the wrong kind first.
 */
export function logOut(emulator: Emulator, request: FastifyRequest, check: (principal: Principal) => void): { loggedOut: true } {
  const token = bearerToken(request);
  check(emulator.ctx.tokens.verify(token));
  emulator.ctx.tokens.logOut(token);
  return { loggedOut: true };
}

export function partnerOf(emulator: Emulator, request: FastifyRequest): string {
  const p = principalOf(emulator, request);
  if (p.kind !== 'partner') throw forbidden('partner-only', 'This operation belongs to the License Partner Portal; log in as a partner.');
  return p.partnerId;
}

export function customerOf(emulator: Emulator, request: FastifyRequest): string {
  const p = principalOf(emulator, request);
  if (p.kind !== 'customer') throw forbidden('customer-only', 'This operation belongs to the License Customer Portal; log in as a customer.');
  return p.customerId;
}
