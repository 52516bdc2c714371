import type { PartnerPortal, PartnerSession, SurfaceContext } from 'sslab';
import { counted } from './calls';
import { delegateTo } from './delegate';

/**
 * The partner portal of our staging system. Logging in is ours (our staging's login answers a
 * token as the vendor's does); every other operation behaves as the emulator's, so it goes to
 * sslab's own driver for the surface.
 */
export default function partnerPortal(context: SurfaceContext<PartnerPortal>): PartnerPortal {
  return {
    ...delegateTo(context.api),
    async logIn(email: string, password: string): Promise<PartnerSession> {
      counted('partnerPortal.logIn');
      const answer = await context.fetch(`${context.baseUrl}/partner/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      // A refusal goes through sslab's driver, which turns it into the problem the steps check.
      if (!answer.ok) return context.api.logIn(email, password);
      const { token } = (await answer.json()) as { token: string };
      return { email, token };
    },
  };
}
