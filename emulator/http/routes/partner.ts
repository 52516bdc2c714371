import type { FastifyInstance } from 'fastify';
import type { Emulator } from '../../core/emulator';
import {
  customerInventory, myInventory, orderDetails, partnerCustomers, partnerLogin, searchLicenses, transferToCustomer,
} from '../../core/partner-portal';
import { optionalString } from '../../core/validate';
import { partnerOf } from '../auth';

const tags = ['partner portal'];

export function partnerRoutes(app: FastifyInstance, emulator: Emulator): void {
  const { ctx } = emulator;
  app.post('/partner/api/session', { schema: { tags, summary: 'Log in with email and password' } }, async (req) => partnerLogin(ctx, req.body));
  app.get('/partner/api/inventory', { schema: { tags, summary: 'My Inventory: every license the partner purchased' } },
    async (req) => myInventory(ctx, partnerOf(emulator, req)));
  app.get('/partner/api/customer-inventory', { schema: { tags, summary: 'Customer Inventory: licenses transferred to customers' } },
    async (req) => customerInventory(ctx, partnerOf(emulator, req)));
  app.get<{ Querystring: { name?: string } }>('/partner/api/customers', { schema: { tags, summary: "The partner's customers with their Customer IDs" } },
    async (req) => partnerCustomers(ctx, partnerOf(emulator, req), optionalString(req.query.name, 'name')));
  app.get<{ Querystring: { customerName?: string; poNumber?: string; onlyAvailable?: string } }>('/partner/api/search', {
    schema: { tags, summary: 'Search by customer name, PO number or nothing; optionally only assets with available activations' },
  }, async (req) => {
    const partnerId = partnerOf(emulator, req);
    return searchLicenses(ctx, partnerId, {
      customerName: optionalString(req.query.customerName, 'customerName'),
      poNumber: optionalString(req.query.poNumber, 'poNumber'),
      onlyAvailable: req.query.onlyAvailable === 'true',
    });
  });
  app.get<{ Params: { licenseId: string } }>('/partner/api/licenses/:licenseId', { schema: { tags, summary: 'Order details of one license' } },
    async (req) => orderDetails(ctx, partnerOf(emulator, req), req.params.licenseId));
  app.post<{ Params: { licenseId: string } }>('/partner/api/licenses/:licenseId/transfers', {
    schema: { tags, summary: 'Transfer a license to an existing or new customer (a new License ID is created)' },
  }, async (req, reply) => {
    const result = transferToCustomer(ctx, partnerOf(emulator, req), req.params.licenseId, req.body);
    reply.code(201);
    return result;
  });
}
