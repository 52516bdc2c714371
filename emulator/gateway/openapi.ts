import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifySchema } from 'fastify';
import type { ApiTag } from '../api-kit/service';
import { PROBLEM_MEDIA_TYPE, ProblemSchema, problemResponse, type JsonSchema } from '../api-kit/schemas';

/**
 * The API document, built from the routes themselves: an `onRoute` hook collects every route as
 * it is registered (whoever registers it), so the document cannot forget one. Schemas that carry a
 * `title` become named components; everything else stays inline.
 */

export interface CollectedRoute {
  method: string;
  url: string;
  schema: FastifySchema;
  websocket: boolean;
}

export type OpenApiDocument = {
  openapi: string;
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, unknown> };
  tags: { name: string; description?: string; 'x-test-only'?: boolean }[];
} & Record<string, unknown>;

export interface OpenApiOperation {
  operationId: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  parameters?: { name: string; in: 'path' | 'query'; required: boolean; description?: string; schema: JsonSchema }[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
  'x-test-only'?: boolean;
}

/** The API document's areas that belong to no service: the control plane, this document, the pages. */
export const GATEWAY_TAGS: readonly ApiTag[] = [
  {
    name: 'admin',
    description: 'Test-only control plane under /_emulator (reset, virtual clock, fleet). No vendor offers it; `sslab emulator --no-admin` switches it off.',
    testOnly: true,
  },
  { name: 'meta', description: 'This document and its readable page.' },
  { name: 'pages', description: "The screens people use (the portals, each SmartServer's CMS, the fleet overview), built on this API." },
];

const STATUS_WORDS: Record<string, string> = {
  '101': 'Switching to the WebSocket protocol',
  '200': 'OK',
  '201': 'Created',
  '202': 'Accepted',
  '204': 'No content',
  '4XX': 'Refused: problem details naming the rule or field',
  '5XX': 'The emulator failed, or an emulated upstream is unavailable',
};

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** `/smartservers/:installCode/iap/devs/:id(^\\d+)` becomes `/smartservers/{installCode}/iap/devs/{id}`. */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)(\([^)]*\))?/g, '{$1}');
}

function pathParameterNames(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
}

function operationId(method: string, path: string): string {
  const words = path
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1));
  return `${method.toLowerCase()}${words.join('')}`;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Copies a schema for the document: titled subschemas go to components, fastify `$ref`s are re-pointed. */
class SchemaHoister {
  readonly components: Record<string, JsonSchema> = {};
  private readonly serialized = new Map<string, string>();

  constructor(shared: Record<string, unknown>) {
    for (const [id, schema] of Object.entries(shared)) {
      if (!isObject(schema)) continue;
      const { $id: _ignored, ...rest } = schema;
      this.components[componentName(id)] = this.copy(rest, false) as JsonSchema;
    }
  }

  copy(value: unknown, hoist = true): unknown {
    if (Array.isArray(value)) return value.map((v) => this.copy(v));
    if (!isObject(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string') out[key] = fastifyRefToComponent(v);
      else if (key === '$id') continue;
      else out[key] = this.copy(v);
    }
    const title = out.title;
    if (!hoist || typeof title !== 'string' || !/^[A-Za-z0-9._-]+$/.test(title)) return out;
    const json = JSON.stringify(out);
    const known = this.serialized.get(title);
    if (known === undefined && !(title in this.components)) {
      this.serialized.set(title, json);
      this.components[title] = out;
    } else if (known !== json) {
      return out; // another schema took this title: keep this one inline rather than guess
    }
    return { $ref: `#/components/schemas/${title}` };
  }
}

const componentName = (id: string) => id.replace(/[^A-Za-z0-9._-]/g, '_');

/** Schemas added with `app.addSchema({ $id })` are referenced as `id#` or `id#/pointer`. */
function fastifyRefToComponent(ref: string): string {
  if (ref.startsWith('#')) return ref;
  const [id, pointer = ''] = ref.split('#');
  return `#/components/schemas/${componentName(id)}${pointer}`;
}

function responseEntry(hoister: SchemaHoister, code: string, definition: unknown) {
  const description =
    (isObject(definition) && typeof definition.description === 'string' ? definition.description : undefined) ?? STATUS_WORDS[code] ?? `HTTP ${code}`;
  if (isObject(definition) && isObject(definition.content)) {
    const content: Record<string, { schema: JsonSchema }> = {};
    for (const [mediaType, entry] of Object.entries(definition.content)) {
      content[mediaType] = { schema: hoister.copy(isObject(entry) ? entry.schema : {}) as JsonSchema };
    }
    return { description, content };
  }
  // An answer with no body (204, a redirect) is declared as type null: it has no content to describe.
  if (isObject(definition) && definition.type === 'null') return { description };
  return { description, content: { 'application/json': { schema: hoister.copy(definition) as JsonSchema } } };
}

function parametersOf(hoister: SchemaHoister, route: CollectedRoute): OpenApiOperation['parameters'] {
  const params: NonNullable<OpenApiOperation['parameters']> = [];
  const pathSchema = isObject(route.schema.params) ? route.schema.params : {};
  const pathProps = isObject(pathSchema.properties) ? pathSchema.properties : {};
  for (const name of pathParameterNames(route.url)) {
    const schema = (isObject(pathProps[name]) ? hoister.copy(pathProps[name]) : { type: 'string' }) as JsonSchema;
    const { description, ...rest } = schema;
    params.push({ name, in: 'path', required: true, ...(typeof description === 'string' ? { description } : {}), schema: rest });
  }
  const query = route.schema.querystring ?? (route.schema as { query?: unknown }).query;
  if (isObject(query) && isObject(query.properties)) {
    const required = Array.isArray(query.required) ? query.required : [];
    for (const [name, raw] of Object.entries(query.properties)) {
      const { description, ...rest } = hoister.copy(raw) as JsonSchema;
      params.push({ name, in: 'query', required: required.includes(name), ...(typeof description === 'string' ? { description } : {}), schema: rest });
    }
  }
  return params.length ? params : undefined;
}

function requestBodyOf(hoister: SchemaHoister, route: CollectedRoute): OpenApiOperation['requestBody'] {
  const body = route.schema.body ?? route.schema.requestBody;
  if (!isObject(body)) return undefined;
  const required = Array.isArray(body.required) && body.required.length > 0;
  return { required, content: { 'application/json': { schema: hoister.copy(body) as JsonSchema } } };
}

function operationOf(hoister: SchemaHoister, route: CollectedRoute, path: string, testOnly: ReadonlySet<string>): OpenApiOperation {
  const { schema } = route;
  const responses: OpenApiOperation['responses'] = {};
  if (route.websocket) responses['101'] = { description: STATUS_WORDS['101'] };
  for (const [rawCode, definition] of Object.entries(isObject(schema.response) ? schema.response : {})) {
    const code = /^[1-5]xx$/i.test(rawCode) ? rawCode.toUpperCase() : rawCode;
    responses[code] = responseEntry(hoister, code, definition);
  }
  responses['4XX'] ??= responseEntry(hoister, '4XX', problemResponse());
  responses['5XX'] ??= responseEntry(hoister, '5XX', problemResponse(STATUS_WORDS['5XX']));
  const tags = schema.tags ?? [];
  const parameters = parametersOf(hoister, route);
  const requestBody = requestBodyOf(hoister, route);
  return {
    operationId: operationId(route.method, path),
    ...(schema.summary ? { summary: schema.summary } : {}),
    ...(schema.description ? { description: schema.description } : {}),
    ...(tags.length ? { tags } : {}),
    ...(schema.security ? { security: schema.security } : {}),
    ...(parameters ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses,
    ...(tags.some((t) => testOnly.has(t)) ? { 'x-test-only': true } : {}),
  };
}

/** Builds the OpenAPI 3.1 document from collected routes (HEAD twins of GET routes are left out). */
export function buildOpenApiDocument(
  routes: readonly CollectedRoute[],
  options: { version: string; sharedSchemas?: Record<string, unknown>; tags?: readonly ApiTag[] },
): OpenApiDocument {
  const hoister = new SchemaHoister(options.sharedSchemas ?? {});
  const known = new Map((options.tags ?? []).map((tag) => [tag.name, tag]));
  const testOnly = new Set([...known.values()].filter((tag) => tag.testOnly).map((tag) => tag.name));
  const gets = new Set(routes.filter((r) => r.method === 'GET').map((r) => r.url));
  const paths: OpenApiDocument['paths'] = {};
  const usedTags = new Set<string>();
  for (const route of routes) {
    if (route.method === 'HEAD' && gets.has(route.url)) continue;
    // @fastify/websocket hides its routes from documentation; this document lists them with their 101.
    if ((route.schema as { hide?: boolean }).hide && !route.websocket) continue;
    const path = openApiPath(route.url);
    const operation = operationOf(hoister, route, path, testOnly);
    (paths[path] ??= {})[route.method.toLowerCase()] = operation;
    for (const tag of operation.tags ?? []) usedTags.add(tag);
  }
  hoister.copy(ProblemSchema); // named even when no route declared it
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: {
      title: 'sslab emulator',
      version: options.version,
      description: [
        'The emulated License Partner Portal, License Customer Portal, licensing cloud and SmartServer fleet.',
        `Every refusal is answered as RFC 9457 problem details (${PROBLEM_MEDIA_TYPE}) with a stable \`code\`; bad input names the \`field\`.`,
        "Operations tagged admin or backoffice (`x-test-only`) are the emulator's own control plane, not vendor APIs.",
      ].join(' '),
    },
    servers: [{ url: '/' }],
    tags: [...usedTags].sort().map((name) => {
      const tag = known.get(name);
      return { name, ...(tag ? { description: tag.description } : {}), ...(tag?.testOnly ? { 'x-test-only': true } : {}) };
    }),
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      schemas: hoister.components,
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A session token from a login: POST /partner/api/session for the partner portal, POST /smartservers/{installCode}/login for a SmartServer CMS.',
        },
        iapSession: {
          type: 'apiKey',
          in: 'cookie',
          name: 'sslab_iap',
          description:
            "The session cookie a SmartServer's login page (/smartservers/{installCode}/user/login.html) sets for its own web pages: HttpOnly, SameSite=Strict, scoped to that SmartServer.",
        },
        cloudClientKey: {
          type: 'apiKey',
          in: 'header',
          name: 'x-cloud-client-key',
          description: 'The key the SmartServer shards of a sharded emulator share with its licensing cloud (derived from their shared token secret).',
        },
      },
    },
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A readable page listing every operation by tag, straight from the document (no build step). */
export function renderDocsPage(doc: OpenApiDocument): string {
  const byTag = new Map<string, { method: string; path: string; op: OpenApiOperation }[]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags?.[0] ?? 'other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)!.push({ method: method.toUpperCase(), path, op });
    }
  }
  const sections = [...byTag.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([tag, ops]) => {
      const { description, 'x-test-only': testOnly } = doc.tags.find((t) => t.name === tag) ?? {};
      const rows = ops
        .map(
          ({ method, path, op }) => `<tr id="${escapeHtml(op.operationId)}">
  <td class="method ${method.toLowerCase()}">${method}</td><td><code>${escapeHtml(path)}</code></td>
  <td>${escapeHtml(op.summary ?? '')}</td><td>${op.security?.length ? 'bearer token' : 'open'}</td>
  <td>${Object.keys(op.responses).map(escapeHtml).join(' ')}</td></tr>`,
        )
        .join('\n');
      return `<section><h2>${escapeHtml(tag)}${testOnly ? ' <small>(test only)</small>' : ''}</h2>
${description ? `<p>${escapeHtml(description)}</p>` : ''}
<table><thead><tr><th>Method</th><th>Path</th><th>Summary</th><th>Auth</th><th>Answers</th></tr></thead>
<tbody>
${rows}
</tbody></table></section>`;
    });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(doc.info.title)} ${escapeHtml(doc.info.version)}: API</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;max-width:80rem}table{border-collapse:collapse;width:100%;margin-bottom:1rem}
td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}.method{font-weight:bold;font-family:monospace}
.get{color:#1565c0}.post{color:#2e7d32}.put{color:#ef6c00}.delete{color:#c62828}small{color:#777;font-weight:normal}
</style></head><body>
<h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1>
<p>${escapeHtml(doc.info.description)}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI ${escapeHtml(doc.openapi)}).</p>
${sections.join('\n')}
</body></html>
`;
}

const freeForm = { type: 'object', additionalProperties: true };
const DOCUMENT_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    openapi: { type: 'string' },
    jsonSchemaDialect: { type: 'string' },
    info: freeForm,
    servers: { type: 'array', items: freeForm },
    tags: { type: 'array', items: freeForm },
    paths: freeForm,
    components: freeForm,
  },
  required: ['openapi', 'info', 'paths', 'components'],
  additionalProperties: true,
};

/**
 * Collects every route registered after this call and serves the document at /openapi.json and a
 * readable page at /docs. Call it before any route is added.
 */
/** `tags` describe the document's areas (from the service registry); the document lists those its operations use. */
export function installOpenApi(app: FastifyInstance, options: { version?: string; tags?: readonly ApiTag[] } = {}): void {
  const routes: CollectedRoute[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      const ws = route as { websocket?: boolean; wsHandler?: unknown };
      routes.push({ method: method.toUpperCase(), url: route.url, schema: route.schema ?? {}, websocket: Boolean(ws.websocket || ws.wsHandler) });
    }
  });
  let built: OpenApiDocument | undefined;
  // Routes cannot be added once the app serves requests, so the first build is the final one.
  const documentOf = () =>
    (built ??= buildOpenApiDocument(routes, { version: options.version ?? packageVersion(), sharedSchemas: app.getSchemas(), tags: options.tags }));
  const tags = ['meta'];
  app.get(
    '/openapi.json',
    {
      schema: { tags, summary: 'This API document (OpenAPI 3.1)', response: { 200: { description: 'The OpenAPI document', ...DOCUMENT_SCHEMA } } },
    },
    async () => documentOf(),
  );
  app.get(
    '/docs',
    {
      schema: {
        tags,
        summary: 'The operations as a readable HTML page',
        response: { 200: { description: 'An HTML page', content: { 'text/html': { schema: { type: 'string' } } } } },
      },
    },
    async (_request, reply) => reply.type('text/html; charset=utf-8').send(renderDocsPage(documentOf())),
  );
}
