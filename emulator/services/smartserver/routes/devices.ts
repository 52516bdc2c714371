import type { FastifyInstance } from 'fastify';
import { addDevice, deviceCount } from '../device-operations';
import type { Emulator } from '../../../kernel/emulator';
import { requireCmsUser } from '../records';
import { principalOf } from '../../../api-kit/auth';
import { DeviceCountSchema, smartServerBodies, DeviceSchema } from '../schemas';
import { responses } from '../../../api-kit/schemas';
import { cmsAuth } from '../../../api-kit/security';

const tags = ['smartserver'];
const security = cmsAuth;
/** Documented as free text: the core checks the values and names `sts` when it refuses one. */
const stsParameter = { type: 'string', description: 'comma-separated provision states: PROVISIONED, UNPROVISIONED, PROVISIONING, UNPROVISIONING' };

/** Adding and counting devices under /iap/devs (the listing and actions are with the other SmartServer routes). */
export function deviceRoutes(app: FastifyInstance, emulator: Emulator): void {
  const { ctx } = emulator;
  const base = '/smartservers/:installCode/iap/devs';
  app.get<{ Params: { installCode: string }; Querystring: { sts?: string } }>(
    `${base}/count`,
    {
      schema: {
        tags,
        security,
        summary: 'How many devices, optionally only in the provision states of sts: {value: n}',
        querystring: { type: 'object', properties: { sts: stsParameter } },
        response: responses({ 200: DeviceCountSchema }),
      },
    },
    async (req) => {
      requireCmsUser(principalOf(emulator, req), req.params.installCode);
      return deviceCount(ctx, req.params.installCode, req.query.sts);
    },
  );
  app.post<{ Params: { installCode: string } }>(
    base,
    {
      schema: {
        tags,
        security,
        summary: 'Create, discover or import a device ({name, protocol, origin}); allowed for unlicensed devices',
        requestBody: smartServerBodies.newDevice,
        response: responses({ 201: DeviceSchema }),
      },
    },
    async (req, reply) => {
      requireCmsUser(principalOf(emulator, req), req.params.installCode);
      const device = addDevice(ctx, req.params.installCode, req.body);
      reply.code(201);
      return device;
    },
  );
}
