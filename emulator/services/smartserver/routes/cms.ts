import type { FastifyInstance, FastifyRequest, FastifySchema } from 'fastify';
import type { Emulator } from '../../../kernel/emulator';
import { DEVICE_ACTIONS, deviceListAnswer, runDeviceAction } from '../device-operations';
import { activateFromCloud, cloudLicenses, transferToCloud } from '../cloud-licensing';
import { cmsLogin, requireCmsUser, requireOwner } from '../records';
import { customerAccounts, draftCustomerId, requireSegment, saveCustomerId, settleDraft } from '../customer-id';
import { dashboard, manageLicensesList } from '../licensing';
import { manageLicensesJson } from '../licenses-json';
import { requireObject } from '../../../kernel/validate';
import { LoggedOutSchema, logOut, principalOf } from '../../../api-kit/auth';
import {
  ActivationResultSchema,
  stsQuery,
  CloudLicenseListSchema,
  CmsSessionSchema,
  CustomerAccountListSchema,
  DashboardSchema,
  deviceParams,
  DeviceSchema,
  HeldLicenseListSchema,
  installCodeParams,
  manageLicensesLink,
  manageLicensesLinkHeader,
  ReturnResultSchema,
  smartServerBodies,
} from '../schemas';
import { arrayOf, responses, withHeaders, type JsonSchema } from '../../../api-kit/schemas';
import { cmsAuth, PUBLIC } from '../../../api-kit/security';
import { PAGED, pagingOnly, type PagingQuery, sendPage } from '../../../api-kit/paging';
import { readPageRequest } from '../../../kernel/paging';

type Req = FastifyRequest<{ Params: { installCode: string } }>;
const tags = ['smartserver'];

/** One emulated SmartServer's CMS and its public REST paths (/iap/lic, /iap/devs), under its install code. */
export function smartServerRoutes(app: FastifyInstance, emulator: Emulator): void {
  const { ctx, cloud } = emulator;
  const base = '/smartservers/:installCode';
  const owner = (req: Req) => requireOwner(principalOf(emulator, req), req.params.installCode);
  const user = (req: Req) => requireCmsUser(principalOf(emulator, req), req.params.installCode);
  /** Route options: every operation is addressed by install code and needs a CMS session unless `extra` says otherwise. */
  const op = (summary: string, success: Record<number, JsonSchema>, extra: FastifySchema = {}): { schema: FastifySchema } => ({
    schema: { tags, summary, params: installCodeParams, security: cmsAuth, response: responses(success), ...extra },
  });

  app.post(
    `${base}/login`,
    op('Log in to the CMS', { 200: CmsSessionSchema }, { security: PUBLIC, requestBody: smartServerBodies.cmsLogin }),
    async (req: Req) => cmsLogin(ctx, req.params.installCode, req.body, req.ip),
  );
  app.post(`${base}/logout`, op('Log out of the CMS: the session token is refused from now on', { 200: LoggedOutSchema }), async (req: Req) =>
    logOut(emulator, req, (p) => requireCmsUser(p, req.params.installCode)),
  );
  app.get(`${base}/dashboard`, op('Dashboard: capacity, used capacity, badge, maintenance', { 200: DashboardSchema }), async (req: Req) => {
    return dashboard(ctx, req.params.installCode, user(req).userType);
  });
  app.get(`${base}/iap/lic/status`, op('Licensing status', { 200: DashboardSchema }), async (req: Req) => {
    owner(req);
    return dashboard(ctx, req.params.installCode);
  });
  app.get(`${base}/iap/lic`, op('Manage Licenses: the activated licenses', { 200: HeldLicenseListSchema }), async (req: Req, reply) => {
    owner(req);
    return reply.type('application/json; charset=utf-8').send(manageLicensesJson(manageLicensesList(ctx, req.params.installCode)));
  });
  app.get(`${base}/iap/lic/accounts`, op('Manage Customer Accounts', { 200: CustomerAccountListSchema }), async (req: Req) => {
    owner(req);
    return customerAccounts(ctx, req.params.installCode);
  });
  app.put(
    `${base}/iap/lic/accounts`,
    op(
      'Save the Customer ID of the segment',
      { 200: CustomerAccountListSchema },
      {
        requestBody: smartServerBodies.customerId,
        querystring: {
          type: 'object',
          properties: {
            segmentId: {
              type: 'string',
              pattern: '^([0-9a-z]{7})?$',
              description: 'the segment (install code) the Customer ID is for, as the public API names it; empty or left out: this SmartServer',
            },
          },
        },
      },
    ),
    async (req: Req) => {
      owner(req);
      requireSegment((req.query as { segmentId?: string }).segmentId, req.params.installCode);
      return saveCustomerId(ctx, req.params.installCode, requireObject(req.body, 'body').customerId);
    },
  );
  app.post(
    `${base}/iap/lic/accounts/draft`,
    op('Enter a Customer ID without saving it yet', { 200: CustomerAccountListSchema }, { requestBody: smartServerBodies.customerId }),
    async (req: Req) => {
      owner(req);
      return draftCustomerId(ctx, req.params.installCode, requireObject(req.body, 'body').customerId);
    },
  );
  app.post(`${base}/iap/lic/accounts/draft/save`, op('Save the entered Customer ID', { 200: CustomerAccountListSchema }), async (req: Req) => {
    owner(req);
    return settleDraft(ctx, req.params.installCode, 'save');
  });
  app.delete(`${base}/iap/lic/accounts/draft`, op('Discard the entered Customer ID', { 200: CustomerAccountListSchema }), async (req: Req) => {
    owner(req);
    return settleDraft(ctx, req.params.installCode, 'discard');
  });
  app.get(
    `${base}/iap/lic/cloud`,
    op(
      `Download Licenses from the Cloud: what the saved Customer ID may activate.${PAGED}`,
      { 200: CloudLicenseListSchema },
      { querystring: pagingOnly('licenses') },
    ),
    async (req: Req, reply) => {
      owner(req);
      return sendPage(req, reply, await cloudLicenses(ctx, cloud, req.params.installCode, readPageRequest(req.query as PagingQuery)));
    },
  );
  // The licensing actions answer what they did; the whole table stays at Manage Licenses, which their Link header names.
  app.post(
    `${base}/iap/lic/cloud/download`,
    op(
      'ACTIVATE the selected licenses from the cloud',
      { 200: withHeaders(ActivationResultSchema, manageLicensesLinkHeader) },
      { requestBody: smartServerBodies.activate },
    ),
    async (req: Req, reply) => {
      owner(req);
      const result = await activateFromCloud(ctx, cloud, req.params.installCode, req.body);
      reply.header('link', manageLicensesLink(req.params.installCode));
      return result;
    },
  );
  app.post(
    `${base}/iap/lic/cloud/upload`,
    op('Transfer to Cloud: return every license', { 200: withHeaders(ReturnResultSchema, manageLicensesLinkHeader) }),
    async (req: Req, reply) => {
      owner(req);
      const result = await transferToCloud(ctx, cloud, req.params.installCode);
      reply.header('link', manageLicensesLink(req.params.installCode));
      return result;
    },
  );
  app.get(
    `${base}/iap/devs`,
    op('Devices with their licensing and provisioning state; sts filters by provision state', { 200: arrayOf(DeviceSchema) }, { querystring: stsQuery }),
    async (req: Req, reply) => {
      user(req);
      // Lists run to thousands of devices: written directly rather than through the schema serializer.
      return reply.type('application/json; charset=utf-8').send(deviceListAnswer(ctx, req.params.installCode, (req.query as { sts?: string }).sts));
    },
  );
  app.post<{ Params: { installCode: string; id: string } }>(
    `${base}/iap/devs/:id/do`,
    op(
      'Run a device action (provision, deprovision, read or write datapoints, …)',
      { 200: DeviceSchema },
      {
        params: deviceParams,
        requestBody: smartServerBodies.deviceAction(DEVICE_ACTIONS),
      },
    ),
    async (req) => {
      requireCmsUser(principalOf(emulator, req), req.params.installCode);
      return runDeviceAction(ctx, req.params.installCode, req.params.id, req.body);
    },
  );
}
