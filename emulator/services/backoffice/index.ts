import type { EmulatedService } from '../../api-kit/service';
import { backofficeRoutes } from './routes';

/** The vendor's order back office: purchase orders become a partner's licenses (and its portal account). */
export const backoffice: EmulatedService = {
  name: 'backoffice',
  summary: "The vendor's order desk, which turns purchase orders into partner licenses.",
  tags: [
    {
      name: 'backoffice',
      description: "The vendor's internal order desk, which turns purchase orders into partner licenses. Emulated for tests; switched off with the admin API.",
      testOnly: true,
    },
  ],
  testOnly: true,
  routes: backofficeRoutes,
};

export * from './schemas';
export { placeOrder, placeOrderInSteps, withdrawUnfinishedOrders } from './service';
