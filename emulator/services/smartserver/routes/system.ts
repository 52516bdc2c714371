import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Emulator } from '../../../kernel/emulator';
import { smartServerFeatures, switchFeature } from '../features';
import { requireCmsUser } from '../records';
import { installRelease, requireSystemAdministrator, resetDatabases, restoreFactorySettings } from '../software';
import { principalOf } from '../../../api-kit/auth';
import { smartServerBodies, ReleaseInstalledSchema, SmartServerFeatureSchema, SystemResetSchema } from '../schemas';
import { arrayOf, responses } from '../../../api-kit/schemas';
import { cmsAuth } from '../../../api-kit/security';

type Req = FastifyRequest<{ Params: { installCode: string } }>;
const tags = ['smartserver'];
const security = cmsAuth;

/** System configuration of one SmartServer: software releases, resets and built-in features. */
export function systemRoutes(app: FastifyInstance, emulator: Emulator): void {
  const { ctx } = emulator;
  const base = '/smartservers/:installCode';
  const administrator = (req: Req) => requireSystemAdministrator(principalOf(emulator, req), req.params.installCode);

  app.post(
    `${base}/software`,
    {
      schema: {
        tags,
        security,
        summary: 'Install a release, or re-image with it ({version, reimage}); upgrades need active maintenance',
        requestBody: smartServerBodies.release,
        response: responses({ 200: ReleaseInstalledSchema }),
      },
    },
    async (req: Req) => {
      administrator(req);
      return installRelease(ctx, req.params.installCode, req.body);
    },
  );
  app.post(
    `${base}/reset-databases`,
    {
      schema: { tags, security, summary: 'Reset Databases: forget the devices, keep the licenses', response: responses({ 200: SystemResetSchema }) },
    },
    async (req: Req) => {
      administrator(req);
      return resetDatabases(ctx, req.params.installCode);
    },
  );
  app.post(
    `${base}/restore-factory-settings`,
    {
      schema: {
        tags,
        security,
        summary: 'Restore Factory Settings: forget devices, notifications and features, keep the licenses',
        response: responses({ 200: SystemResetSchema }),
      },
    },
    async (req: Req) => {
      administrator(req);
      return restoreFactorySettings(ctx, req.params.installCode);
    },
  );
  app.get(
    `${base}/features`,
    {
      schema: {
        tags,
        security,
        summary: 'Built-in features (LON RNI, LON and BACnet routing, scheduler, data logging) and whether they are available',
        response: responses({ 200: arrayOf(SmartServerFeatureSchema) }),
      },
    },
    async (req: Req) => {
      requireCmsUser(principalOf(emulator, req), req.params.installCode);
      return smartServerFeatures(ctx, req.params.installCode);
    },
  );
  app.put<{ Params: { installCode: string; feature: string } }>(
    `${base}/features/:feature`,
    {
      schema: {
        tags,
        security,
        summary: 'Switch a routing feature on or off ({enabled}); needs no capacity license',
        requestBody: smartServerBodies.feature,
        response: responses({ 200: SmartServerFeatureSchema }),
      },
    },
    async (req) => {
      requireSystemAdministrator(principalOf(emulator, req), req.params.installCode);
      return switchFeature(ctx, req.params.installCode, req.params.feature, req.body);
    },
  );
}
