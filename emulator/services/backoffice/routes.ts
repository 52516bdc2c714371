import type { FastifyInstance } from 'fastify';
import { placeOrderInSteps } from './service';
import type { Emulator } from '../../kernel/emulator';
import { responses } from '../../api-kit/schemas';
import { orderBody, PlacedOrderSchema } from './schemas';
import { PUBLIC } from '../../api-kit/security';

/** The vendor's order back office; internal to the vendor, so it is switched off with the admin API. */
export function backofficeRoutes(app: FastifyInstance, emulator: Emulator): void {
  app.post(
    '/backoffice/api/orders',
    {
      schema: {
        tags: ['backoffice'],
        security: PUBLIC,
        summary: 'Place a purchase order: licenses go to the partner, and optionally on to the customer project',
        description: 'The first order for a partner email creates the partner account and answers its portal credentials once; later orders reuse the account.',
        requestBody: orderBody,
        response: responses({ 201: PlacedOrderSchema }),
      },
    },
    async (req, reply) => {
      reply.code(201);
      return placeOrderInSteps(emulator.ctx, req.body);
    },
  );
}
