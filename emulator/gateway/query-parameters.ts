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

/** The first query parameter `schema` does not name, if any (a web page takes whatever its script reads). */
function unknownQueryParameter(query: unknown, schema: unknown): string | undefined {
  const given = Object.keys((query as Record<string, unknown> | undefined) ?? {});
  if (given.length === 0 || isWebPage(schema)) return undefined;
  const known = declaredQuery(schema);
  return given.find((name) => !known.includes(name));
}

/**
 * Refuses a query parameter the operation does not take, naming it, so a misspelt filter
 * (`?customername=`) is a 400 rather than silently ignored and the whole list answered.
 */
export function refuseUnknownQueryParameters(app: FastifyInstance): void {
  // A hook that calls `done` rather than returning a promise: it runs on every request.
  app.addHook('preValidation', (request, _reply, done) => {
    const unknown = unknownQueryParameter(request.query, request.routeOptions.schema);
    if (unknown === undefined) return done();
    const known = declaredQuery(request.routeOptions.schema);
    throw badInput(
      unknown === '' ? 'query' : unknown,
      known.length
        ? `is not a query parameter of this operation; it takes ${known.join(', ')}`
        : 'is not a query parameter of this operation, which takes none',
    );
  });
}
