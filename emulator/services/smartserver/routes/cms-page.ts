import type { FastifyInstance } from 'fastify';
import { principalOf } from '../../../api-kit/auth';
import { arrayOf, object, responses, text } from '../../../api-kit/schemas';
import { cmsAuth } from '../../../api-kit/security';
import type { Emulator } from '../../../kernel/emulator';
import { deviceMenu } from '../device-menu';
import { requireCmsUser } from '../records';
import { DeviceWithMenuSchema } from '../schemas';

/** What the CMS page reads beyond the public REST paths: the Devices widget with each device's menu. */
export function cmsPageRoutes(app: FastifyInstance, emulator: Emulator): void {
  app.get<{ Params: { installCode: string }; Querystring: { sts?: string } }>(
    '/smartservers/:installCode/cms/api/devices',
    {
      schema: {
        tags: ['smartserver'],
        security: cmsAuth,
        summary: "The CMS Devices widget's data: each device with the actions its state offers and, for a disabled one, the refusal",
        querystring: object(undefined, { sts: text('provision states to show, comma-separated, as /iap/devs takes them') }, ['sts']),
        response: responses({ 200: arrayOf(DeviceWithMenuSchema) }),
      },
    },
    async (request) => {
      requireCmsUser(principalOf(emulator, request), request.params.installCode);
      return deviceMenu(emulator.ctx, request.params.installCode, request.query.sts);
    },
  );
}
