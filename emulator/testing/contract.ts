import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { OpenApiDocument, OpenApiOperation } from '../gateway/openapi';

/** One HTTP exchange as a client saw it. */
export interface Exchange {
  method: string;
  /** Path with query, as sent (`/partner/api/search?poNumber=PO-1`). */
  url: string;
  status: number;
  contentType: string;
  /** The raw body text. */
  body: string;
}

export class ContractViolation extends Error {
  override name = 'ContractViolation';
}

interface Template {
  path: string;
  pattern: RegExp;
  params: number;
}

const COMPONENTS_ID = 'sslab-openapi-components';

/**
 * Prepares a schema of the document for ajv: `#/components/schemas/X` becomes a reference into the
 * registered components, and with `closed` an object that lists its properties admits no others.
 */
function forAjv(value: unknown, closed: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => forAjv(v, closed));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      key === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')
        ? `${COMPONENTS_ID}#/$defs/${v.slice('#/components/schemas/'.length)}`
        : forAjv(v, closed),
    ]),
  );
  if (closed && out.type === 'object' && typeof out.properties === 'object' && out.additionalProperties === true) out.additionalProperties = false;
  return out;
}

/**
 * Checks answers against a served OpenAPI document: the operation must be documented, the status
 * listed (exactly or as a 4XX/5XX range), the media type declared and the body valid against its
 * JSON Schema (2020-12, formats included). Anything else is a ContractViolation naming the gap.
 */
export class ContractChecker {
  // OpenAPI 3.1 schemas may list several types (`type: ['integer', 'string']`).
  private readonly ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  private readonly templates: Template[];
  private readonly compiled = new Map<string, ValidateFunction>();
  /** "METHOD /path/{template} STATUS" of every exchange checked. */
  readonly seen = new Set<string>();

  /**
   * With `closed`, a property that an answer carries but its schema does not list is a violation
   * too, so the document must describe every field, not only admit it.
   */
  constructor(
    readonly document: OpenApiDocument,
    private readonly options: { closed?: boolean } = {},
  ) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: COMPONENTS_ID, $defs: forAjv(document.components.schemas, this.options.closed ?? false) as object });
    this.templates = Object.keys(document.paths)
      .map((path) => ({
        path,
        pattern: new RegExp(
          `^${path
            .split(/\{[^}]+\}/)
            .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
            .join('[^/]+')}/?$`,
        ),
        params: (path.match(/\{/g) ?? []).length,
      }))
      .sort((a, b) => a.params - b.params);
  }

  /** The documented operation for a request, preferring literal path segments over parameters. */
  operation(method: string, url: string): { path: string; operation: OpenApiOperation } {
    const pathname = new URL(url, 'http://127.0.0.1').pathname;
    const verb = method.toLowerCase();
    for (const template of this.templates) {
      const operation = template.pattern.test(pathname) ? this.document.paths[template.path][verb] : undefined;
      if (operation) return { path: template.path, operation };
    }
    throw new ContractViolation(`${method} ${pathname} is not in the API document`);
  }

  /** Validates a request body against the operation's documented request body. */
  checkRequest(method: string, url: string, body: unknown): void {
    const { path, operation } = this.operation(method, url);
    const schema = operation.requestBody?.content['application/json']?.schema;
    if (!schema) throw new ContractViolation(`${method} ${path} takes a body, but the document describes none`);
    this.validate(`${method} ${path} request`, schema, body);
  }

  check(exchange: Exchange): void {
    const { method, url, status } = exchange;
    const { path, operation } = this.operation(method, url);
    const where = `${method} ${path} answered ${status}`;
    const range = `${String(status)[0]}XX`;
    const response = operation.responses[String(status)] ?? operation.responses[range] ?? operation.responses.default;
    if (!response) {
      throw new ContractViolation(
        `${where}, which the document does not list (it lists ${Object.keys(operation.responses).join(', ')}); body: ${exchange.body.slice(0, 300)}`,
      );
    }
    if (status === 401 && !operation.security?.length && /"code"\s*:\s*"unauthenticated"/.test(exchange.body)) {
      throw new ContractViolation(`${where} asking for a session token, yet the document says the operation needs none`);
    }
    this.seen.add(`${method.toUpperCase()} ${path} ${status}`);
    if (!response.content) {
      if (exchange.body.length > 0) throw new ContractViolation(`${where} with a body the document does not describe: ${exchange.body.slice(0, 300)}`);
      return;
    }
    const mediaType = exchange.contentType.split(';')[0].trim().toLowerCase();
    const media = response.content[mediaType];
    if (!media) {
      throw new ContractViolation(`${where} as ${mediaType || 'no media type'}, but the document lists ${Object.keys(response.content).join(', ')}`);
    }
    const isJson = mediaType === 'application/json' || mediaType.endsWith('+json');
    let body: unknown = exchange.body;
    if (isJson) {
      try {
        body = JSON.parse(exchange.body);
      } catch {
        throw new ContractViolation(`${where} with ${mediaType} that is not JSON: ${exchange.body.slice(0, 300)}`);
      }
    }
    this.validate(where, media.schema, body);
  }

  private validate(where: string, schema: unknown, value: unknown): void {
    const key = JSON.stringify(schema);
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(forAjv(schema, this.options.closed ?? false) as object);
      this.compiled.set(key, validate);
    }
    if (!validate(value)) {
      const problems = (validate.errors ?? [])
        .slice(0, 5)
        .map((e) => `${e.instancePath || '(body)'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
      throw new ContractViolation(`${where}: the body does not match the document: ${problems.join('; ')}\nbody: ${JSON.stringify(value).slice(0, 600)}`);
    }
  }
}
