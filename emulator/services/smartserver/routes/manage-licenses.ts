import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Emulator } from '../../../kernel/emulator';
import { notificationsDue, notificationSettings, saveNotificationSettings } from '../notifications';
import { loadOfflineFile } from '../add-license';
import { requireOwner } from '../records';
import { setLicenseNote } from '../licensing';
import { principalOf } from '../../../api-kit/auth';
import {
  AddLicenseResultSchema,
  HeldLicenseSchema,
  manageLicensesLink,
  manageLicensesLinkHeader,
  NotificationSettingsSchema,
  NotificationsDueSchema,
  smartServerBodies,
} from '../schemas';
import { responses, withHeaders } from '../../../api-kit/schemas';
import { cmsAuth } from '../../../api-kit/security';

type Req = FastifyRequest<{ Params: { installCode: string } }>;
const tags = ['smartserver'];
const security = cmsAuth;

/** Manage Licenses beyond the cloud: Add License (an offline file), the Note column and Edit Notifications. Owner only. */
export function manageLicensesRoutes(app: FastifyInstance, emulator: Emulator): void {
  const { ctx } = emulator;
  const base = '/smartservers/:installCode/iap/lic';
  const owner = (req: Req) => requireOwner(principalOf(emulator, req), req.params.installCode);

  app.post(
    `${base}/files`,
    {
      schema: {
        tags,
        security,
        summary: 'Add License: load an offline activation file (works without Internet)',
        requestBody: smartServerBodies.addLicense,
        response: responses({ 200: withHeaders(AddLicenseResultSchema, manageLicensesLinkHeader) }),
      },
    },
    async (req: Req, reply) => {
      owner(req);
      const result = await loadOfflineFile(ctx, emulator.cloud, req.params.installCode, req.body);
      reply.header('link', manageLicensesLink(req.params.installCode));
      return result;
    },
  );
  app.put<{ Params: { installCode: string; licenseId: string } }>(
    `${base}/:licenseId/note`,
    {
      schema: {
        tags,
        security,
        summary: 'Set or clear the Note of a license in Manage Licenses',
        requestBody: smartServerBodies.note,
        response: responses({ 200: HeldLicenseSchema }),
      },
    },
    async (req) => {
      requireOwner(principalOf(emulator, req), req.params.installCode);
      return setLicenseNote(ctx, req.params.installCode, req.params.licenseId, req.body);
    },
  );
  app.get(
    `${base}/notifications`,
    {
      schema: {
        tags,
        security,
        summary: 'Edit Notifications: recipients and days before maintenance expiry (emulator choice of fields)',
        response: responses({ 200: NotificationSettingsSchema }),
      },
    },
    async (req: Req) => {
      owner(req);
      return notificationSettings(ctx, req.params.installCode);
    },
  );
  app.put(
    `${base}/notifications`,
    {
      schema: {
        tags,
        security,
        summary: 'Save the notification settings',
        requestBody: smartServerBodies.notifications,
        response: responses({ 200: NotificationSettingsSchema }),
      },
    },
    async (req: Req) => {
      owner(req);
      return saveNotificationSettings(ctx, req.params.installCode, req.body);
    },
  );
  app.get(
    `${base}/notifications/due`,
    {
      schema: {
        tags,
        security,
        summary: 'Notifications due on the virtual date, and the whole plan for the current maintenance',
        response: responses({ 200: NotificationsDueSchema }),
      },
    },
    async (req: Req) => {
      owner(req);
      return notificationsDue(ctx, req.params.installCode);
    },
  );
}
