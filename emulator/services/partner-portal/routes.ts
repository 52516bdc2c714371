import type { FastifyInstance } from 'fastify';
import { readPageRequest } from '../../kernel/paging';
import { PAGED, pagingQuery, type PagingQuery, sendPage } from '../../api-kit/paging';
import type { Emulator } from '../../kernel/emulator';
import { customerInventory, myInventory, orderDetails, partnerCustomers, partnerLogin, searchLicenses, transferToCustomer } from './service';
import { optionalString } from '../../kernel/validate';
import { LoggedOutSchema, logOut, partnerOf } from '../../api-kit/auth';
import { arrayOf, enumOf, type JsonSchema, object, responses } from '../../api-kit/schemas';
import { PUBLIC, partnerAuth } from '../../api-kit/security';
import {
  CustomerSummarySchema,
  LicenseListSchema,
  licenseIdParams,
  OrderDetailsSchema,
  PartnerSessionSchema,
  partnerBodies,
  TransferResultSchema,
} from './schemas';

const tags = ['partner portal'];
const security = partnerAuth;
/** Query parameters: text that may be left out or empty; what is given holds a character that is not a space. */
const query = (properties: Record<string, string | JsonSchema>) =>
  object(
    undefined,
    Object.fromEntries(
      Object.entries(properties).map(([name, described]) => [
        name,
        typeof described === 'string' ? { type: 'string', maxLength: 200, pattern: '^$|\\S', description: described } : described,
      ]),
    ),
    Object.keys(properties),
  );

/** The query of a list that can grow: a page size and where the page starts. */
const PAGING = pagingQuery('licenses');

export function partnerRoutes(app: FastifyInstance, emulator: Emulator): void {
  const { ctx } = emulator;
  app.post(
    '/partner/api/session',
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: 'Log in with email and password',
        requestBody: partnerBodies.login,
        response: responses({ 200: PartnerSessionSchema }),
      },
    },
    async (req) => partnerLogin(ctx, req.body, req.ip),
  );
  app.delete(
    '/partner/api/session',
    { schema: { tags, security, summary: 'Log out: the session token is refused from now on', response: responses({ 200: LoggedOutSchema }) } },
    async (req) => logOut(emulator, req, (p) => p.kind === 'partner' || partnerOf(emulator, req)),
  );
  app.get<{ Querystring: PagingQuery }>(
    '/partner/api/inventory',
    {
      schema: {
        tags,
        security,
        summary: `My Inventory: every license the partner purchased.${PAGED}`,
        querystring: query(PAGING),
        response: responses({ 200: LicenseListSchema }),
      },
    },
    async (req, reply) => sendPage(req, reply, myInventory(ctx, partnerOf(emulator, req), readPageRequest(req.query))),
  );
  app.get<{ Querystring: PagingQuery }>(
    '/partner/api/customer-inventory',
    {
      schema: {
        tags,
        security,
        summary: `Customer Inventory: licenses transferred to customers.${PAGED}`,
        querystring: query(PAGING),
        response: responses({ 200: LicenseListSchema }),
      },
    },
    async (req, reply) => sendPage(req, reply, customerInventory(ctx, partnerOf(emulator, req), readPageRequest(req.query))),
  );
  app.get<{ Querystring: { name?: string } & PagingQuery }>(
    '/partner/api/customers',
    {
      schema: {
        tags,
        security,
        summary: `The partner's customers with their Customer IDs, in name order.${PAGED}`,
        querystring: query({ name: 'part of the customer name, any case', ...pagingQuery('customers') }),
        response: responses({ 200: arrayOf(CustomerSummarySchema) }),
      },
    },
    async (req, reply) =>
      sendPage(req, reply, partnerCustomers(ctx, partnerOf(emulator, req), optionalString(req.query.name, 'name'), readPageRequest(req.query))),
  );
  app.get<{ Querystring: { customerName?: string; poNumber?: string; onlyAvailable?: string } & PagingQuery }>(
    '/partner/api/search',
    {
      schema: {
        tags,
        security,
        summary: `Search by customer name, PO number or nothing; optionally only assets with available activations.${PAGED}`,
        querystring: query({
          customerName: 'an existing customer name',
          poNumber: 'a purchase order number',
          onlyAvailable: enumOf(['true', 'false'], 'true lists only licenses that can still be activated'),
          ...PAGING,
        }),
        response: responses({ 200: LicenseListSchema }),
      },
    },
    async (req, reply) => {
      const partnerId = partnerOf(emulator, req);
      const search = {
        customerName: optionalString(req.query.customerName, 'customerName'),
        poNumber: optionalString(req.query.poNumber, 'poNumber'),
        // The query schema admits only true and false.
        onlyAvailable: req.query.onlyAvailable === 'true',
      };
      return sendPage(req, reply, searchLicenses(ctx, partnerId, search, readPageRequest(req.query)));
    },
  );
  app.get<{ Params: { licenseId: string } }>(
    '/partner/api/licenses/:licenseId',
    {
      schema: { tags, security, summary: 'Order details of one license', params: licenseIdParams, response: responses({ 200: OrderDetailsSchema }) },
    },
    async (req) => orderDetails(ctx, partnerOf(emulator, req), req.params.licenseId),
  );
  app.post<{ Params: { licenseId: string } }>(
    '/partner/api/licenses/:licenseId/transfers',
    {
      schema: {
        tags,
        security,
        summary: 'Transfer a license to an existing or new customer (a new License ID is created)',
        params: licenseIdParams,
        requestBody: partnerBodies.transfer,
        response: responses({ 201: TransferResultSchema }),
      },
    },
    async (req, reply) => {
      const result = transferToCustomer(ctx, partnerOf(emulator, req), req.params.licenseId, req.body);
      reply.code(201);
      return result;
    },
  );
}
