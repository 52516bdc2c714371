import type { EmulatedService } from '../../api-kit/service';
import { customerRoutes } from './routes';

/** The License Customer Portal: a customer's own licenses, and the offline activation files it writes. */
export const customerPortal: EmulatedService = {
  name: 'customer-portal',
  summary: 'The License Customer Portal, where customers see their licenses and write offline activation files.',
  tags: [{ name: 'customer portal', description: "The License Customer Portal: a customer's own licenses and offline activation files." }],
  pages: [{ url: '/customer/', file: 'customer.html', summary: 'The License Customer Portal' }],
  routes: customerRoutes,
};

export * from './schemas';
export { customerLicenses, customerLogin } from './service';
