import Fastify from 'fastify';
import { interceptInProcess } from '../emulator/runtime/intercept';

/**
 * What one request costs the in-process target before any emulator work: a minimal Fastify route
 * (a GET, and a POST echoing a small JSON body) answered through `app.inject` alone, and through
 * fetch with the in-process interceptor (msw) in front of it, as the suite's drivers reach the
 * emulator. Prints one JSON line of microseconds per request.
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

async function main(): Promise<void> {
  const app = Fastify({ logger: false });
  app.get('/hello', async () => ({ hello: 'world' }));
  app.post('/echo', async (request) => request.body);
  await app.ready();
  const body = JSON.stringify({ poNumber: 'PO-1', lines: [{ model: '72220-10', quantity: 1 }] });
  const injectGet = await perRequest(() => app.inject({ method: 'GET', url: '/hello' }));
  const injectPost = await perRequest(() => app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, payload: body }));
  const interceptor = interceptInProcess(app, ORIGIN);
  const fetchGet = await perRequest(async () => (await fetch(`${ORIGIN}/hello`, { headers: { accept: 'application/json' } })).text());
  const fetchPost = await perRequest(async () =>
    (await fetch(`${ORIGIN}/echo`, { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body })).text(),
  );
  interceptor.close();
  await app.close();
  console.log(JSON.stringify({ requests: REQUESTS, injectGet, injectPost, fetchGet, fetchPost }));
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
