import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Emulator } from '../../kernel/emulator';
import { DashboardSchema } from '../../services/smartserver';
import { SERVICES } from '../../services/registry';
import { fleetOverview, readFleetQuery, SORT_KEYS } from './fleet-overview';
import { wordsModule } from './words-module';
import { linkVersions, tagOf, type VersionedAsset, versionAssets } from './asset-versions';
import { notFound } from '../../kernel/problems';
import { arrayOf, count, type JsonSchema, nullable, object, responses, text } from '../../api-kit/schemas';
import { PUBLIC } from '../../api-kit/security';

/**
 * Where the pages live: plain HTML, one stylesheet and a small ES module per page, no build step.
 * The landing page, the fleet overview and the shared scripts are here; a service's own page is in
 * its `page/` folder.
 */
export const PAGES_DIR = join(__dirname, 'static');
const SHARED_ASSETS_DIR = join(PAGES_DIR, 'ui');
const pageFolderOf = (service: string) => join(__dirname, '..', '..', 'services', service, 'page');

/** Every script and stylesheet a page may load, by file name: the shared ones and each service's page script. */
export function assetFiles(): Map<string, string> {
  const folders = [SHARED_ASSETS_DIR, ...SERVICES.filter((service) => service.pages?.length).map((service) => pageFolderOf(service.name))];
  const files = new Map<string, string>();
  for (const folder of folders) {
    for (const name of readdirSync(folder)) if (extname(name) !== '.html' && MEDIA_TYPES[extname(name)]) files.set(name, join(folder, name));
  }
  return files;
}

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

const plainText = { schema: { type: 'string' } };
const notModified = { description: 'Not modified: the copy the browser holds (its ETag sent in If-None-Match) is current' };
const htmlResponse = responses({ 200: { description: 'An HTML page', content: { 'text/html': plainText } }, 304: notModified });
const assetResponse = responses({
  200: { description: 'A script or the stylesheet', content: { 'text/javascript': plainText, 'text/css': plainText } },
  304: notModified,
});
const tags = ['pages'];
const assetQuery = {
  type: 'object',
  properties: { v: { type: 'string', description: "the asset's version, as the pages link it; with the current one the answer may be kept (immutable)" } },
};

/** The vocabulary module's file name among the assets. */
const WORDS_MODULE = 'words.js';

// The dashboard's figures without what only a CMS session sees.
const {
  manageLicensesOpensAtStartup: _opens,
  services: _services,
  ...FIGURES
} = (DashboardSchema as unknown as { properties: Record<string, JsonSchema> }).properties;
const FleetRowSchema = object('FleetRow', {
  ...FIGURES,
  cmsPath: text("where the SmartServer's CMS page is"),
  group: nullable(text('"fleet / group" it was made in; null when added on its own')),
  customerId: nullable(text('the Customer ID saved on it')),
  customerName: nullable(text("that customer's name")),
  release: text('the release as people say it, "4.3 on SmartServer Pi" for a Pi'),
  attention: arrayOf(text(), { description: 'why it needs attention, in words; empty when it does not' }),
});
const figures = {
  smartServers: count(),
  online: count(),
  badge: count('SmartServers showing the red badge'),
  attention: count('SmartServers needing attention'),
  definedDevices: count(),
  devicesByColour: { type: 'object', additionalProperties: count(), description: 'devices by the colour their icon shows' },
  usedCapacity: count('summed over the SmartServers that manage licenses'),
  capacity: count('licensed capacity, summed likewise'),
};
const choices = arrayOf(object(undefined, { value: text(), label: text(), count: count() }));
const FleetOverviewSchema = object('FleetOverview', {
  summary: object('FleetFigures', figures),
  groups: arrayOf(object(undefined, { ...figures, group: text(), label: text() })),
  choices: object(undefined, { group: choices, customer: choices, release: choices }),
  fleetSize: count(),
  matching: count('SmartServers the filters keep'),
  offset: count(),
  limit: count(),
  rows: arrayOf(FleetRowSchema),
});
const fleetQuerySchema = {
  type: 'object',
  properties: {
    group: { type: 'string', description: 'a group as the choices list it ("fleet / group"), or "none"' },
    customer: { type: 'string', description: 'a Customer ID, or "none"' },
    release: { type: 'string', description: 'a release as the choices list it' },
    connection: { type: 'string', enum: ['online', 'offline'] },
    attention: { type: 'string', enum: ['true', 'false'], description: '"true" keeps the SmartServers that need attention' },
    sort: { type: 'string', enum: [...SORT_KEYS], description: 'attention (the default) lists those needing attention first' },
    order: { type: 'string', enum: ['asc', 'desc'] },
    offset: { type: 'string', description: 'the first row of the page, from 0' },
    limit: { type: 'string', description: 'rows per page, 1 to 500 (50)' },
  },
};

/**
 * The assets as currently on disk, versioned (asset-versions.ts); versioned again when a file
 * changes, so an edited script reaches the browser with the next page it loads.
 */
function currentAssets(files: ReadonlyMap<string, string>, words: string): () => Map<string, VersionedAsset> {
  let stamp = '';
  let assets = new Map<string, VersionedAsset>();
  return () => {
    const now = [...files.values()].map((path) => statSync(path).mtimeMs).join();
    if (now !== stamp || assets.size === 0) {
      const sources = new Map([...files].map(([name, path]) => [name, readFileSync(path, 'utf8')]));
      sources.set(WORDS_MODULE, words);
      assets = versionAssets(sources);
      stamp = now;
    }
    return assets;
  };
}

/** A page, its links to scripts and stylesheets naming their versions. */
async function sendPage(reply: FastifyReply, path: string, assets: () => Map<string, VersionedAsset>): Promise<FastifyReply> {
  return sendBody(reply, MEDIA_TYPES['.html'], linkVersions(await readFile(path, 'utf8'), assets()), 'no-cache');
}

/** Kept as long as the browser likes: a changed asset is linked under a new address. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * A page or asset with the tag of its bytes. A page, and an asset asked for without its current
 * version, is asked for again on every use (no-cache) and answered 304 when the browser's copy is
 * current, so the browser never shows an old copy; an asset at its versioned address is kept.
 */
function sendBody(reply: FastifyReply, type: string, body: string | Buffer, caching: string): FastifyReply {
  const tag = `"${tagOf(body)}"`;
  reply
    .header('cache-control', caching)
    .header('etag', tag)
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer');
  if (matchesTag(reply.request.headers['if-none-match'], tag)) return reply.code(304).send();
  return reply.type(type).send(body);
}

/** Whether an If-None-Match header names `tag` (or is `*`). */
function matchesTag(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((candidate) => candidate.trim().replace(/^W\//, ''))
    .some((candidate) => candidate === tag || candidate === '*');
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
  const assets = currentAssets(assetFiles(), wordsModule());
  const page = (url: string, file: string, summary: string) => {
    app.get(url, { schema: { tags, security: PUBLIC, summary, response: htmlResponse } }, async (_request, reply) =>
      sendPage(reply, join(PAGES_DIR, file), assets),
    );
  };
  // The application's router takes "/partner" and "/partner/" alike, and the pages' links are absolute.

  page('/', 'index.html', 'Landing page linking to the portals, the CMS of each SmartServer and the fleet overview');

  for (const service of SERVICES) {
    for (const { url, file, summary, check } of service.pages ?? []) {
      app.get<{ Params: Record<string, string> }>(url, { schema: { tags, security: PUBLIC, summary, response: htmlResponse } }, async (request, reply) => {
        check?.(emulator, request.params);
        return sendPage(reply, join(pageFolderOf(service.name), file), assets);
      });
    }
  }

  const sendAsset = (reply: FastifyReply, name: string, version: string | undefined) => {
    const asset = assets().get(name);
    if (!asset) throw notFound('page asset', name);
    return sendBody(reply, MEDIA_TYPES[extname(name)], asset.body, version === asset.version ? IMMUTABLE : 'no-cache');
  };
  app.get<{ Querystring: { v?: string } }>(
    `/ui/${WORDS_MODULE}`,
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: 'The words the pages show for statuses, device states and refusals',
        querystring: assetQuery,
        response: assetResponse,
      },
    },
    async (request, reply) => sendAsset(reply, WORDS_MODULE, request.query.v),
  );

  app.get<{ Params: { file: string }; Querystring: { v?: string } }>(
    '/ui/:file',
    { schema: { tags, security: PUBLIC, summary: "A page's script or the shared stylesheet", querystring: assetQuery, response: assetResponse } },
    async (request, reply) => sendAsset(reply, request.params.file, request.query.v),
  );

  if (options.fleet) {
    page('/fleet/', 'fleet.html', 'Fleet overview: every SmartServer with its capacity, badge, maintenance and devices by colour');
    app.get(
      '/fleet/api/overview',
      {
        schema: {
          tags: ['admin'],
          security: PUBLIC,
          summary: "The fleet overview's data (read-only): figures of the SmartServers the filters keep, per group, and one page of them",
          querystring: fleetQuerySchema,
          response: responses({ 200: FleetOverviewSchema }),
        },
      },
      async (request) => fleetOverview(emulator.ctx, readFleetQuery(request.query as Record<string, unknown>)),
    );
  }
}
