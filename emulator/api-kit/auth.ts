import type { FastifyRequest } from 'fastify';
import type { Emulator } from '../kernel/emulator';
import { forbidden } from '../kernel/problems';
import type { Principal } from '../kernel/tokens';

export function principalOf(emulator: Emulator, request: FastifyRequest): Principal {
  const header = request.headers.authorization;
  const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
  return emulator.ctx.tokens.verify(token);
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
