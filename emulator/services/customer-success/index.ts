import type { EmulatedService } from '../../api-kit/service';
import { customerSuccessRoutes } from './routes';

/** The vendor's Customer Success desk: offline maintenance files, and the support a SmartServer is entitled to. */
export const customerSuccess: EmulatedService = {
  name: 'customer-success',
  summary: "The vendor's Customer Success desk, which issues offline maintenance files and tells the support a SmartServer is entitled to.",
  // Its operations sit with the back office's in the document: both are the vendor's internal desks.
  tags: [],
  testOnly: true,
  routes: customerSuccessRoutes,
};

export * from './schemas';
export { supportEntitlement } from './service';
