import type { FastifyInstance } from 'fastify';
import { createOfflineActivationFile, customerLicenses, customerLogin, withdrawOfflineActivationFiles } from './service';
import type { Emulator } from '../../kernel/emulator';
import { customerOf, LoggedOutSchema, logOut } from '../../api-kit/auth';
import { CustomerLicenseSchema, CustomerSessionSchema, customerBodies, OfflineActivationFileSchema, WithdrawnOfflineFilesSchema } from './schemas';
import { arrayOf, responses } from '../../api-kit/schemas';
import { customerAuth, PUBLIC } from '../../api-kit/security';
import { PAGED, pagingOnly, type PagingQuery, sendPage } from '../../api-kit/paging';
import { readPageRequest } from '../../kernel/paging';

const tags = ['customer portal'];
const security = customerAuth;

/** The License Customer Portal. */
export function customerRoutes(app: FastifyInstance, emulator: Emulator): void {
  const { ctx } = emulator;
  app.post(
    '/customer/api/session',
    {
      schema: {
        tags,
        security: PUBLIC,
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
      schema: {
        tags,
        security,
        summary: `The customer's current licenses.${PAGED}`,
        querystring: pagingOnly('licenses'),
        response: responses({ 200: arrayOf(CustomerLicenseSchema) }),
      },
    },
    async (req, reply) => sendPage(req, reply, customerLicenses(ctx, customerOf(emulator, req), readPageRequest(req.query as PagingQuery))),
  );
  app.post<{ Params: { licenseId: string } }>(
    '/customer/api/licenses/:licenseId/offline-activation-files',
    {
      schema: {
        tags,
        security,
        summary: 'Create a device capacity offline activation file for one SmartServer, given its install code',
        description:
          "Issuing a file binds the license to the install code given (status offlineFileIssued): until the file is loaded with Add License on that SmartServer, the license cannot be activated online, transferred, or given a file for another install code. The binding ends when the file is loaded (the license is then active there), when the customer withdraws the file (DELETE on this path), or when the file expires unused: it can be loaded until its expiresAt, 30 days after it was issued by the emulator's clock, and then the license comes back. Asking again for the same install code gives another file and moves expiresAt on. Check the install code before sending it: a file made for a mistyped code loads nowhere until it is withdrawn or expires.",
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
  app.delete<{ Params: { licenseId: string } }>(
    '/customer/api/licenses/:licenseId/offline-activation-files',
    {
      schema: {
        tags,
        security,
        summary: "Withdraw the license's unused offline activation file",
        description:
          'For a file made for the wrong install code, or no longer needed: the license leaves offlineFileIssued and is free again (for another file or an online activation), and every unused file issued for it stops loading (409 offline-file-withdrawn on Add License). A file that was loaded already cannot be withdrawn; return the license to the cloud instead.',
        response: responses({ 200: WithdrawnOfflineFilesSchema }),
      },
    },
    async (req) => withdrawOfflineActivationFiles(ctx, customerOf(emulator, req), req.params.licenseId),
  );
}
