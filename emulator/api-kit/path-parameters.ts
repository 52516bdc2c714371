import type { FastifyInstance } from 'fastify';
import { installCode, type JsonSchema, uuid } from './schemas';

/**
 * One schema per kind of ID a path can carry, so every route that names a parameter so gets the
 * same format or pattern: fastify refuses a value outside it (400, naming the parameter) and the
 * API document shows it. A route that gives a parameter a narrower schema of its own (an enum, a
 * pattern) keeps it.
 */
export const PATH_PARAMETERS: Record<string, JsonSchema> = {
  installCode: installCode(),
  licenseId: uuid('a License ID'),
  customerId: uuid('a Customer ID'),
  serverId: uuid('an EcoStruxure server ID, as Device Administrator lists it'),
  requestId: uuid('the ID of a return request file'),
  entitlementId: {
    type: 'string',
    pattern: '^[0-9A-Za-z]{4}(-[0-9A-Za-z]{4}){3}$',
    description: 'an entitlement ID as the entitlement email gives it (7KQ2-M9XD-43TA-P0LB), any case',
  },
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A parameter schema that already says more than "a string". */
const narrow = (schema: unknown) => isObject(schema) && ['pattern', 'format', 'enum', 'const'].some((key) => key in schema);

/** Gives every route registered after this call the shared schema of each path parameter it names. */
export function describePathParameters(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const names = [...route.url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]).filter((name) => name in PATH_PARAMETERS);
    if (!names.length) return;
    const schema = (route.schema ??= {});
    const given = isObject(schema.params) ? schema.params : { type: 'object' };
    const properties: Record<string, unknown> = isObject(given.properties) ? { ...given.properties } : {};
    for (const name of names) {
      if (narrow(properties[name])) continue;
      const description = isObject(properties[name]) ? properties[name].description : undefined;
      properties[name] = { ...PATH_PARAMETERS[name], ...(typeof description === 'string' ? { description } : {}) };
    }
    schema.params = { ...given, type: 'object', properties, required: [...new Set([...((given.required as string[]) ?? []), ...names])] };
  });
}
