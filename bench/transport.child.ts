import Fastify from 'fastify';
import { injectTransport } from '../emulator/runtime/inject-transport';
import { interceptInProcess } from '../emulator/runtime/intercept';

/**
 * What one request costs before any emulator work: a minimal Fastify route (a GET, and a POST
 * echoing a small JSON body) answered through `app.inject` alone; through the fetch-shaped
 * in-process transport the suite's drivers use; and through the global fetch with msw in front of
 * it, the partners' interception kit's way. Prints one JSON line of microseconds per request.
 */
const ORIGIN = 'http://sslab.transport-bench';
const REQUESTS = Number(process.env.BENCH_TRANSPORT_REQUESTS ?? 2_000);
const WARM_UP = 300;

async function perRequest(send: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARM_UP; i++) await send();
  const started = performance.now();
  for (let i = 0; i < REQUESTS; i++) await send();
  return ((performance.now() - started) / REQUESTS) * 1000;
}

type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

async function main(): Promise<void> {
  const app = Fastify({ logger: false });
  app.get('/hello', async () => ({ hello: 'world' }));
  app.post('/echo', async (request) => request.body);
  await app.ready();
  const body = JSON.stringify({ poNumber: 'PO-1', lines: [{ model: '72220-10', quantity: 1 }] });
  const get = (send: Fetch) => perRequest(async () => (await send(`${ORIGIN}/hello`, { headers: { accept: 'application/json' } })).text());
  const post = (send: Fetch) =>
    perRequest(async () =>
      (await send(`${ORIGIN}/echo`, { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body })).text(),
    );

  const injectGet = await perRequest(() => app.inject({ method: 'GET', url: '/hello' }));
  const injectPost = await perRequest(() => app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, payload: body }));
  const transport = injectTransport(app, ORIGIN).fetch;
  const transportGet = await get(transport);
  const transportPost = await post(transport);
  const interceptor = interceptInProcess(app, ORIGIN);
  const mswGet = await get(fetch);
  const mswPost = await post(fetch);
  interceptor.close();
  await app.close();
  console.log(JSON.stringify({ requests: REQUESTS, injectGet, injectPost, transportGet, transportPost, mswGet, mswPost }));
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
