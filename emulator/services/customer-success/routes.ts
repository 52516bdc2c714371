import type { FastifyInstance } from 'fastify';
import type { Emulator } from '../../kernel/emulator';
import { issueMaintenanceFile } from '../licensing-cloud';
import { OfflineActivationFileSchema } from '../customer-portal';
import { maintenanceFileBody, SupportEntitlementSchema } from './schemas';
import { supportEntitlement } from './service';
import { responses } from '../../api-kit/schemas';
import { PUBLIC } from '../../api-kit/security';

/** The vendor's Customer Success desk; internal to the vendor, so it is switched off with the admin API. */
export function customerSuccessRoutes(app: FastifyInstance, emulator: Emulator): void {
  app.post(
    '/backoffice/api/maintenance-files',
    {
      schema: {
        tags: ['backoffice'],
        security: PUBLIC,
        summary: 'Customer Success: issue an offline maintenance activation file for one SmartServer',
        requestBody: maintenanceFileBody,
        response: responses({ 201: OfflineActivationFileSchema }),
      },
    },
    async (req, reply) => {
      const file = issueMaintenanceFile(emulator.ctx, req.body);
      reply.code(201);
      return file;
    },
  );
  app.get<{ Params: { installCode: string } }>(
    '/backoffice/api/support/:installCode',
    {
      schema: {
        tags: ['backoffice'],
        security: PUBLIC,
        summary: 'Customer Success: the support a SmartServer is entitled to (priority while its maintenance is active)',
        response: responses({ 200: SupportEntitlementSchema }),
      },
    },
    async (req) => supportEntitlement(emulator.ctx, req.params.installCode),
  );
}
