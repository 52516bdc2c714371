import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifySchema } from 'fastify';
import type { ApiTag } from '../api-kit/service';
import { PROBLEM_MEDIA_TYPE, ProblemSchema, type JsonSchema } from '../api-kit/schemas';
import { PUBLIC, SECURITY_SCHEMES } from '../api-kit/security';
import { PROBLEM_CODES, type ProblemCode } from '../kernel/problem-catalogue';
import { operationProblems, problemCodeSchema, problemResponses } from './problem-responses';
import { problemCatalogueRoutes } from './problem-catalogue-routes';

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
  info: { title: string; version: string; description: string; license?: { name: string; identifier: string } };
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
  responses: Record<string, { description: string; headers?: Record<string, unknown>; content?: Record<string, { schema: JsonSchema }> }>;
  'x-test-only'?: boolean;
  /** Every problem code the operation answers with (the responses hold the same, by status). */
  'x-problem-codes'?: ProblemCode[];
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
};

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * `/smartservers/:installCode/iap/devs/:id(^\\d+)` becomes `/smartservers/{installCode}/iap/devs/{id}`;
 * a page's `/partner/` becomes `/partner` (the router takes both).
 */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)(\([^)]*\))?/g, '{$1}').replace(/(.)\/$/, '$1');
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

/**
 * An answer's objects are closed in the document: fastify serializes with the open schemas (so a
 * property a schema forgot still goes out), and the document says no other property comes, which
 * the contract tests then hold every answer to. An object meant to stay open says so with a schema
 * for its other properties (`additionalProperties: {}`).
 */
export function closeObjects(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(closeObjects);
  if (!isObject(value)) return value;
  const out = Object.fromEntries(Object.entries(value).map(([key, v]) => [key, closeObjects(v)]));
  if (isObject(out.properties) && out.additionalProperties === true) out.additionalProperties = false;
  return out;
}

function responseEntry(hoister: SchemaHoister, code: string, definition: unknown) {
  const description =
    (isObject(definition) && typeof definition.description === 'string' ? definition.description : undefined) ?? STATUS_WORDS[code] ?? `HTTP ${code}`;
  if (isObject(definition) && isObject(definition.content)) {
    const content: Record<string, { schema: JsonSchema }> = {};
    for (const [mediaType, entry] of Object.entries(definition.content)) {
      content[mediaType] = { schema: hoister.copy(closeObjects(isObject(entry) ? entry.schema : {})) as JsonSchema };
    }
    return { description, ...(isObject(definition.headers) ? { headers: definition.headers } : {}), content };
  }
  // An answer with no body (204, a redirect) is declared as type null: it has no content to describe.
  if (isObject(definition) && definition.type === 'null') return { description };
  return { description, content: { 'application/json': { schema: hoister.copy(closeObjects(definition)) as JsonSchema } } };
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
  return { required: !route.schema.bodyOptional, content: { 'application/json': { schema: hoister.copy(body) as JsonSchema } } };
}

function operationOf(hoister: SchemaHoister, route: CollectedRoute, path: string, testOnly: ReadonlySet<string>): OpenApiOperation {
  const { schema } = route;
  const responses: OpenApiOperation['responses'] = {};
  if (route.websocket) responses['101'] = { description: STATUS_WORDS['101'] };
  // The routes' own 4xx and 5xx ranges serve fastify's serializer; the document lists each refusal.
  for (const [code, definition] of Object.entries(isObject(schema.response) ? schema.response : {})) {
    if (!/^[1-5]xx$/i.test(code)) responses[code] = responseEntry(hoister, code, definition);
  }
  const tags = schema.tags ?? [];
  const parameters = parametersOf(hoister, route);
  const requestBody = requestBodyOf(hoister, route);
  const problems = operationProblems({
    method: route.method,
    path,
    url: route.url,
    security: schema.security,
    websocket: route.websocket,
  });
  Object.assign(responses, problemResponses(problems));
  if (route.websocket) {
    responses.default = {
      description:
        'A malformed WebSocket handshake (a missing or wrong Sec-WebSocket-Key or Sec-WebSocket-Version, say) is refused by the WebSocket library itself, with its status and a short text.',
      content: { 'text/html': { schema: { type: 'string' } } },
    };
  }
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
    'x-problem-codes': problems,
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
  hoister.copy(closeObjects(ProblemSchema)); // named even when no route declared it
  const answering = operationsByProblem(paths);
  hoister.components.ProblemCode = problemCodeSchema((code) => answering.get(code) ?? []);
  const problem = hoister.components.Problem as { properties: Record<string, JsonSchema> };
  hoister.components.Problem = {
    ...problem,
    properties: {
      ...problem.properties,
      title: { type: 'string', description: "the problem code's title, in plain words a page can show" },
      code: { $ref: '#/components/schemas/ProblemCode' },
    },
  };
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: {
      title: 'sslab emulator',
      version: options.version,
      license: { name: 'MIT', identifier: 'MIT' },
      description: [
        'The emulated License Partner Portal, License Customer Portal, licensing cloud and SmartServer fleet.',
        `Every refusal is answered as RFC 9457 problem details (${PROBLEM_MEDIA_TYPE}) with a stable \`code\`; bad input names the \`field\`.`,
        'A JSON body that carries a `__proto__` key, or a `constructor` key holding `prototype`, is refused as malformed (400) whatever the schema.',
        'Each operation lists every status it answers; the problem catalogue at /problems (and `ProblemCode` below) gives each code its title, meaning, way out and the operations that answer it.',
        'A method a path does not serve is answered 405 with an `Allow` header.',
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
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}

/** For each problem code, the operations ("METHOD /path") that answer it. */
export function operationsByProblem(paths: OpenApiDocument['paths']): Map<ProblemCode, string[]> {
  const answering = new Map<ProblemCode, string[]>(PROBLEM_CODES.map((code) => [code, []]));
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      for (const code of operation['x-problem-codes'] ?? []) answering.get(code)?.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return answering;
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
  // The document may carry more top-level fields (webhooks, x- extensions).
  additionalProperties: {},
};

/**
 * Collects every route registered after this call and serves the document at /openapi.json (the
 * page at /docs renders it). Call it before any route is added.
 *
 * `tags` describe the document's areas (from the service registry); the document lists those its
 * operations use. `complete` adds what the routes cannot say themselves (examples, links).
 */
export function installOpenApi(
  app: FastifyInstance,
  options: { version?: string; tags?: readonly ApiTag[]; complete?: (document: OpenApiDocument) => OpenApiDocument } = {},
): void {
  const routes: CollectedRoute[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      const ws = route as { websocket?: boolean; wsHandler?: unknown };
      routes.push({ method: method.toUpperCase(), url: route.url, schema: route.schema ?? {}, websocket: Boolean(ws.websocket || ws.wsHandler) });
    }
  });
  let built: OpenApiDocument | undefined;
  let answering: Map<ProblemCode, string[]> | undefined;
  // Routes cannot be added once the app serves requests, so the first build is the final one.
  const documentOf = () => {
    if (built) return built;
    const document = buildOpenApiDocument(routes, { version: options.version ?? packageVersion(), sharedSchemas: app.getSchemas(), tags: options.tags });
    built = options.complete ? options.complete(document) : document;
    return built;
  };
  const tags = ['meta'];
  app.get(
    '/openapi.json',
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: 'This API document (OpenAPI 3.1)',
        response: { 200: { description: 'The OpenAPI document', ...DOCUMENT_SCHEMA } },
      },
    },
    async () => documentOf(),
  );
  problemCatalogueRoutes(app, (code) => (answering ??= operationsByProblem(documentOf().paths)).get(code) ?? []);
}
