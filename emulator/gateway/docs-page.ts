import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { notFound } from '../kernel/problems';
import { responses } from '../api-kit/schemas';
import { PUBLIC } from '../api-kit/security';

/**
 * `/docs`: the API document rendered by Swagger UI (swagger-ui-dist from npm), every script and
 * stylesheet served from here, so the page works offline and the browser asks nothing of any other
 * host. The viewer shows each operation's parameters, request and response shapes, examples,
 * statuses and links, straight from `/openapi.json`.
 */

const VIEWER_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));
const OWN_DIR = join(__dirname, 'docs');

/** The files the page may load, by the name it asks for. */
const ASSETS: Record<string, { path: string; type: string }> = {
  'swagger-ui-bundle.js': { path: join(VIEWER_DIR, 'swagger-ui-bundle.js'), type: 'text/javascript; charset=utf-8' },
  'swagger-ui.css': { path: join(VIEWER_DIR, 'swagger-ui.css'), type: 'text/css; charset=utf-8' },
  'favicon-32x32.png': { path: join(VIEWER_DIR, 'favicon-32x32.png'), type: 'image/png' },
  'docs.js': { path: join(OWN_DIR, 'docs.js'), type: 'text/javascript; charset=utf-8' },
  'docs.css': { path: join(OWN_DIR, 'docs.css'), type: 'text/css; charset=utf-8' },
};

/** The viewer evaluates no remote code and fetches only this origin; it needs inline styles for its own widgets. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>sslab emulator: API reference</title>
<link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
<link rel="stylesheet" href="/docs/assets/docs.css">
</head>
<body>
<header class="docs-header">
<h1>sslab emulator: API reference</h1>
<p>The document itself: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Every refusal is problem details; what each <code>code</code> means and the way out: <a href="/problems">/problems</a>.</p>
</header>
<main id="api" aria-label="Operations"><noscript>This page needs JavaScript; the same content is in <a href="/openapi.json">/openapi.json</a>.</noscript></main>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/docs.js"></script>
</body>
</html>
`;

const plainText = { schema: { type: 'string' } };

export function docsRoutes(app: FastifyInstance): void {
  const tags = ['meta'];
  const secure = { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
  app.get(
    '/docs',
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: "The API reference: every operation's parameters, request and response shapes, examples, statuses and links",
        response: responses({ 200: { description: 'An HTML page', content: { 'text/html': plainText } } }),
      },
    },
    async (_request, reply) => reply.type('text/html; charset=utf-8').headers(secure).send(PAGE),
  );
  app.get<{ Params: { file: string } }>(
    '/docs/assets/:file',
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: "The API reference's scripts, stylesheets and icon (the viewer from npm, served here)",
        params: {
          type: 'object',
          properties: { file: { type: 'string', enum: Object.keys(ASSETS), description: 'one of the files the page loads' } },
          required: ['file'],
        },
        response: responses({
          200: { description: 'A script, a stylesheet or the icon', content: { 'text/javascript': plainText, 'text/css': plainText, 'image/png': plainText } },
        }),
      },
    },
    async (request, reply) => {
      const asset = ASSETS[request.params.file];
      if (!asset) throw notFound('docs asset', request.params.file);
      return reply
        .type(asset.type)
        .headers({ ...secure, 'cache-control': 'public, max-age=3600' })
        .send(await readFile(asset.path));
    },
  );
}
