import type { EmulatedService } from '../../api-kit/service';
import { partnerRoutes } from './routes';

/** The License Partner Portal: a partner's inventory, its customers, search, and transfers to customers. */
export const partnerPortal: EmulatedService = {
  name: 'partner-portal',
  summary: 'The License Partner Portal, where partners move purchased licenses to their customers.',
  tags: [{ name: 'partner portal', description: 'The License Partner Portal: inventory, customers, search and transfers.' }],
  pages: [{ url: '/partner/', file: 'partner.html', summary: 'The License Partner Portal' }],
  routes: partnerRoutes,
};

export { type LicenseView, licenseView } from './license-views';
export * from './schemas';
export { customerInventory, myInventory, partnerLogin } from './service';
export { transferLicense } from './transfers';
