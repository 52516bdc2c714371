import type { CustomerPortal, SurfaceContext } from 'sslab';
import { counted } from './calls';
import { delegateTo } from './delegate';

/** The customer portal of our staging system: sslab's driver for it, with our own count of what it did. */
export default function customerPortal(context: SurfaceContext<CustomerPortal>): CustomerPortal {
  const api = context.api;
  return {
    ...delegateTo(api),
    async licenses(session) {
      counted('customerPortal.licenses');
      return api.licenses(session);
    },
  };
}
