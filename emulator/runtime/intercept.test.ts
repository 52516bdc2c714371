import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { interceptInProcess, type InProcessInterceptor } from './intercept';

const ORIGIN = 'http://sslab.intercept-test';
let app: FastifyInstance;
let interceptor: InProcessInterceptor;
const refusals: string[] = [];

beforeAll(async () => {
  app = Fastify();
  app.get('/echo', async (request) => ({ url: request.url, auth: request.headers.authorization ?? null }));
  app.post('/echo', async (request, reply) => reply.code(201).header('x-seen', 'yes').send({ body: request.body }));
  app.get('/empty', async (_request, reply) => reply.code(204).send());
  await app.ready();
  interceptor = interceptInProcess(app, `${ORIGIN}/`, { report: (message) => refusals.push(message) });
});

afterAll(async () => {
  interceptor.close();
  await app.close();
});

test('a fetch to the in-process address is answered by the application, path, query, headers and body as sent', async () => {
  const before = interceptor.requestsAnswered();
  const read = await fetch(`${ORIGIN}/echo?sts=provisioned&x=%20y`, { headers: { authorization: 'Bearer t' } });
  expect(read.status).toBe(200);
  expect(await read.json()).toEqual({ url: '/echo?sts=provisioned&x=%20y', auth: 'Bearer t' });

  const write = await fetch(`${ORIGIN}/echo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ licenseIds: ['a', 'b'] }),
  });
  expect(write.status).toBe(201);
  expect(write.headers.get('x-seen')).toBe('yes');
  expect(await write.json()).toEqual({ body: { licenseIds: ['a', 'b'] } });

  const empty = await fetch(`${ORIGIN}/empty`);
  expect(empty.status).toBe(204);
  expect(await empty.text()).toBe('');

  const unknown = await fetch(`${ORIGIN}/nowhere`);
  expect(unknown.status).toBe(404);
  expect(interceptor.requestsAnswered() - before).toBe(4);
});

test('a fetch to any other host is refused rather than sent out', async () => {
  const before = interceptor.requestsAnswered();
  await expect(fetch('http://portal.example.invalid/api')).rejects.toThrow();
  expect(interceptor.requestsAnswered()).toBe(before);
  expect(refusals).toEqual([expect.stringContaining('refused GET http://portal.example.invalid/api')]);
});
