import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createEmulator } from '../runtime/emulator';
import { buildApp } from './app';
import { compiledOncePerSchema, lazySchemaCompilers } from './lazy-schemas';

/** One route of each kind the compilers see: a body, a coerced query, path parameters and an answer with fields to drop. */
function routes(app: FastifyInstance): FastifyInstance {
  app.post(
    '/orders/:poNumber',
    {
      schema: {
        params: { type: 'object', properties: { poNumber: { type: 'string', pattern: '^PO-\\d+$' } }, required: ['poNumber'] },
        querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1 } }, additionalProperties: false },
        body: {
          type: 'object',
          properties: { quantity: { type: 'integer', minimum: 1 }, model: { type: 'string' } },
          required: ['quantity', 'model'],
          additionalProperties: false,
        },
        response: { 200: { type: 'object', properties: { poNumber: { type: 'string' }, limit: { type: 'integer' }, quantity: { type: 'integer' } } } },
      },
    },
    async (request) => ({ ...(request.params as object), ...(request.query as object), ...(request.body as object), internal: 'dropped' }),
  );
  return app;
}

let eager: FastifyInstance;
let lazy: FastifyInstance;

beforeAll(async () => {
  eager = routes(Fastify());
  lazy = routes(Fastify({ schemaController: lazySchemaCompilers() }));
  await Promise.all([eager.ready(), lazy.ready()]);
});

afterAll(async () => {
  await Promise.all([eager.close(), lazy.close()]);
});

test('schemas compiled on first use answer exactly as those compiled at start: accepted, coerced, refused and serialized alike', async () => {
  const requests = [
    { url: '/orders/PO-1?limit=5', body: { quantity: 2, model: '72220-10' } },
    { url: '/orders/PO-1', body: { quantity: '3', model: '72220-10' } },
    { url: '/orders/PO-1?limit=0', body: { quantity: 2, model: '72220-10' } },
    { url: '/orders/PO-1?limit=x', body: { quantity: 2, model: '72220-10' } },
    { url: '/orders/PO-1?other=1', body: { quantity: 2, model: '72220-10' } },
    { url: '/orders/nope', body: { quantity: 2, model: '72220-10' } },
    { url: '/orders/PO-1', body: { quantity: 0, model: '72220-10' } },
    { url: '/orders/PO-1', body: { quantity: 2 } },
    { url: '/orders/PO-1', body: { quantity: 2, model: 'm', extra: true } },
  ];
  for (const { url, body } of requests) {
    // Twice each: the first request to the lazy application compiles, the second uses what it compiled.
    for (let round = 0; round < 2; round++) {
      const [a, b] = await Promise.all([eager, lazy].map((app) => app.inject({ method: 'POST', url, payload: body })));
      expect({ url, status: b.statusCode, body: b.body }).toEqual({ url, status: a.statusCode, body: a.body });
    }
  }
  const accepted = await lazy.inject({ method: 'POST', url: '/orders/PO-1?limit=5', payload: { quantity: 2, model: '72220-10' } });
  expect(accepted.json()).toEqual({ poNumber: 'PO-1', limit: 5, quantity: 2 });
});

test('a route declaring request headers is refused at start, since the compilers would not lower-case their names', async () => {
  const app = Fastify({ schemaController: lazySchemaCompilers() });
  app.get('/with-headers', { schema: { headers: { type: 'object', properties: { 'X-Key': { type: 'string' } } } } }, async () => ({}));
  await expect(app.ready()).rejects.toThrow(/declares request headers/);
});

test("every schema of the emulator's application compiles: the start-up check fastify makes, which compiling on first use leaves out", async () => {
  const emulator = createEmulator({ passwordCost: 'fast' });
  const app = buildApp(emulator, { compileSchemasOnStart: true });
  try {
    await expect(app.ready()).resolves.toBeDefined();
  } finally {
    await app.close();
    emulator.close();
  }
});

test('schemas that read alike are compiled once and share the function; any difference compiles anew', () => {
  const compiled: unknown[] = [];
  const compile = compiledOncePerSchema(({ schema }) => {
    compiled.push(schema);
    return () => schema;
  });
  const installCode = () => ({ type: 'object', properties: { installCode: { type: 'string' } }, required: ['installCode'] });
  const first = compile({ schema: installCode(), httpPart: 'params' });
  expect(compile({ schema: installCode(), httpPart: 'params' })).toBe(first);
  expect(compile({ schema: { ...installCode(), required: [] }, httpPart: 'params' })).not.toBe(first);
  expect(compiled).toHaveLength(2);
});

test('routes whose schemas read alike answer as their own compiled schemas would, refusals included', async () => {
  const params = () => ({ type: 'object', properties: { id: { type: 'string', pattern: '^S-\\d+$' } }, required: ['id'] });
  const answer = () => ({ 200: { type: 'object', properties: { id: { type: 'string' } } } });
  const twoRoutes = (app: FastifyInstance) => {
    for (const path of ['/a/:id', '/b/:id'])
      app.get(path, { schema: { params: params(), response: answer() } }, async (request) => ({ ...(request.params as object), dropped: true }));
    return app;
  };
  const [own, shared] = [twoRoutes(Fastify()), twoRoutes(Fastify({ schemaController: lazySchemaCompilers() }))];
  try {
    for (const url of ['/a/S-1', '/b/S-2', '/a/x', '/b/y']) {
      const [a, b] = await Promise.all([own, shared].map((app) => app.inject({ method: 'GET', url })));
      expect({ url, status: b.statusCode, body: b.body }).toEqual({ url, status: a.statusCode, body: a.body });
    }
  } finally {
    await Promise.all([own.close(), shared.close()]);
  }
});
