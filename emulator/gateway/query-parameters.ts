import type { FastifyInstance } from 'fastify';
import { badInput } from '../kernel/problems';

/** The query parameters a route's schema names. */
function declaredQuery(schema: unknown): string[] {
  const query = (schema as { querystring?: { properties?: Record<string, unknown> } } | undefined)?.querystring;
  return Object.keys(query?.properties ?? {});
}

/** A web page's address carries what its own script reads (filters, where to go after a login): the server reads none of it. */
function isWebPage(schema: unknown): boolean {
  const ok = (schema as { response?: Record<string, { content?: Record<string, unknown> }> } | undefined)?.response?.[200];
  return ok?.content?.['text/html'] !== undefined;
}

/**
 * Refuses a query parameter the operation does not take, naming it, so a misspelt filter
 * (`?customername=`) is a 400 rather than silently ignored and the whole list answered.
 */
export function refuseUnknownQueryParameters(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const given = Object.keys((request.query as Record<string, unknown> | undefined) ?? {});
    if (given.length === 0) return;
    if (isWebPage(request.routeOptions.schema)) return;
    const known = declaredQuery(request.routeOptions.schema);
    const unknown = given.find((name) => !known.includes(name));
    if (unknown === undefined) return;
    throw badInput(
      unknown === '' ? 'query' : unknown,
      known.length
        ? `is not a query parameter of this operation; it takes ${known.join(', ')}`
        : 'is not a query parameter of this operation, which takes none',
    );
  });
}
