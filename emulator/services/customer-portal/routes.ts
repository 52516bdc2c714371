import type { FastifyInstance } from 'fastify';
import { createOfflineActivationFile, customerLicenses, customerLogin } from './service';
import type { Emulator } from '../../kernel/emulator';
import { customerOf, logOut, LoggedOutSchema } from '../../api-kit/auth';
import { CustomerLicenseSchema, CustomerSessionSchema, customerBodies, OfflineActivationFileSchema } from './schemas';
import { arrayOf, responses } from '../../api-kit/schemas';

const tags = ['customer portal'];
const security = [{ bearerAuth: [] }];

/** The License Customer Portal. */
export function customerRoutes(app: FastifyInstance, emulator: Emulator): void {
  const { ctx } = emulator;
  app.post(
    '/customer/api/session',
    {
      schema: {
        tags,
        summary: 'Log in with a License ID (the EID) or a contact email a partner added',
        requestBody: customerBodies.login,
        response: responses({ 200: CustomerSessionSchema }),
      },
    },
    async (req) => customerLogin(ctx, req.body, req.ip),
  );
  app.delete(
    '/customer/api/session',
    { schema: { tags, security, summary: 'Log out: the session token is refused from now on', response: responses({ 200: LoggedOutSchema }) } },
    async (req) => logOut(emulator, req, (p) => p.kind === 'customer' || customerOf(emulator, req)),
  );
  app.get(
    '/customer/api/licenses',
    {
      schema: { tags, security, summary: "The customer's current licenses", response: responses({ 200: arrayOf(CustomerLicenseSchema) }) },
    },
    async (req) => customerLicenses(ctx, customerOf(emulator, req)),
  );
  app.post<{ Params: { licenseId: string } }>(
    '/customer/api/licenses/:licenseId/offline-activation-files',
    {
      schema: {
        tags,
        security,
        summary: 'Create a device capacity offline activation file for one SmartServer, given its install code',
        requestBody: customerBodies.installCode,
        response: responses({ 201: OfflineActivationFileSchema }),
      },
    },
    async (req, reply) => {
      const file = createOfflineActivationFile(ctx, customerOf(emulator, req), req.params.licenseId, req.body);
      reply.code(201);
      return file;
    },
  );
}
