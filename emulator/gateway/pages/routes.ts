import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Emulator } from '../../kernel/emulator';
import { deviceMenu, getSmartServer, requireCmsUser, DashboardSchema, DeviceSchema } from '../../services/smartserver';
import { fleetOverview } from './fleet-overview';
import { notFound } from '../../kernel/problems';
import { principalOf } from '../../api-kit/auth';
import { arrayOf, bearerAuth, object, responses, type JsonSchema } from '../../api-kit/schemas';

/** Where the pages live: plain HTML, one stylesheet and a small ES module per page, no build step. */
export const PAGES_DIR = join(__dirname, 'static');
const ASSETS_DIR = join(PAGES_DIR, 'ui');

const MEDIA_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** The pages talk only to this origin and run only their own scripts. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const text = { schema: { type: 'string' } };
const htmlResponse = responses({ 200: { description: 'An HTML page', content: { 'text/html': text } } });
const assetResponse = responses({ 200: { description: 'A script or the stylesheet', content: { 'text/javascript': text, 'text/css': text } } });
const tags = ['pages'];

/** A titled copy of `base` with more properties, all of them required. */
function extend(base: JsonSchema, title: string, more: Record<string, JsonSchema>): JsonSchema {
  return {
    ...base,
    title,
    properties: { ...(base.properties as Record<string, JsonSchema>), ...more },
    required: [...(base.required as string[]), ...Object.keys(more)],
  };
}

const DeviceWithMenuSchema = extend(DeviceSchema, 'DeviceWithMenu', {
  actions: arrayOf(
    object(
      'DeviceMenuEntry',
      {
        action: { type: 'string', description: 'a device action, as POST .../iap/devs/{id}/do takes it' },
        offered: { type: 'boolean', description: "the device's state takes this action at all" },
        allowed: { type: 'boolean', description: 'the action would run now' },
        refusal: object(undefined, { code: { type: 'string' }, detail: { type: 'string' } }),
      },
      ['refusal'],
    ),
  ),
});
const FleetEntrySchema = extend(DashboardSchema, 'FleetEntry', { cmsPath: { type: 'string', description: "where the SmartServer's CMS page is" } });

/** Pages typed without their trailing slash, sent to the page. */
const SLASHLESS = /^\/(partner|customer|fleet|smartservers\/[^/?#]+\/cms)(\?.*)?$/;

async function sendFile(reply: FastifyReply, path: string): Promise<FastifyReply> {
  const body = await readFile(path);
  return reply
    .type(MEDIA_TYPES[extname(path)] ?? 'application/octet-stream')
    .header('cache-control', 'no-store')
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .send(body);
}

export interface PageRouteOptions {
  /** The fleet overview shows every SmartServer; it is served with the admin API only. */
  fleet: boolean;
}

/**
 * The portals and the CMS as web pages. Every page is static; its script calls the emulator's own
 * REST API from the browser, so the pages hold no rule the API does not already enforce.
 */
export function pageRoutes(app: FastifyInstance, emulator: Emulator, options: PageRouteOptions): void {
  // Only files present at start-up are served, so no request path can reach outside the folder.
  const assets = new Set(readdirSync(ASSETS_DIR).filter((name) => MEDIA_TYPES[extname(name)]));
  const page = (url: string, file: string, summary: string) => {
    app.get(url, { schema: { tags, summary, response: htmlResponse } }, async (_request, reply) => sendFile(reply, join(PAGES_DIR, file)));
  };
  // "/partner" and "/partner/" are different paths to fastify; the bare one is sent on to the page.
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET') return;
    const match = SLASHLESS.exec(request.url);
    if (match) return reply.redirect(`/${match[1]}/${match[2] ?? ''}`, 301);
  });

  page('/', 'index.html', 'Landing page linking to the portals, the CMS of each SmartServer and the fleet overview');
  page('/partner/', 'partner.html', 'The License Partner Portal');
  page('/customer/', 'customer.html', 'The License Customer Portal');

  app.get<{ Params: { installCode: string } }>(
    '/smartservers/:installCode/cms/',
    {
      schema: { tags, summary: "One SmartServer's CMS: dashboard, Devices widget and the Manage Licenses dialog", response: htmlResponse },
    },
    async (request, reply) => {
      getSmartServer(emulator.ctx, request.params.installCode);
      return sendFile(reply, join(PAGES_DIR, 'cms.html'));
    },
  );
  app.get<{ Params: { installCode: string }; Querystring: { sts?: string } }>(
    '/smartservers/:installCode/cms/api/devices',
    {
      schema: {
        tags: ['smartserver'],
        security: bearerAuth,
        summary: "The CMS Devices widget's data: each device with the actions its state offers and, for a disabled one, the refusal",
        querystring: object(undefined, { sts: { type: 'string', description: 'provision states to show, comma-separated, as /iap/devs takes them' } }, ['sts']),
        response: responses({ 200: arrayOf(DeviceWithMenuSchema) }),
      },
    },
    async (request) => {
      requireCmsUser(principalOf(emulator, request), request.params.installCode);
      return deviceMenu(emulator.ctx, request.params.installCode, request.query.sts);
    },
  );

  app.get<{ Params: { file: string } }>(
    '/ui/:file',
    { schema: { tags, summary: "A page's script or the shared stylesheet", response: assetResponse } },
    async (request, reply) => {
      if (!assets.has(request.params.file)) throw notFound('page asset', request.params.file);
      return sendFile(reply, join(ASSETS_DIR, request.params.file));
    },
  );

  if (options.fleet) {
    page('/fleet/', 'fleet.html', 'Fleet overview: every SmartServer with its capacity, badge, maintenance and devices by colour');
    app.get(
      '/fleet/api/overview',
      {
        schema: {
          tags: ['admin'],
          summary: "Every SmartServer with the figures of its dashboard (read-only; the fleet overview page's data)",
          response: responses({ 200: arrayOf(FleetEntrySchema) }),
        },
      },
      async () => fleetOverview(emulator.ctx),
    );
  }
}
