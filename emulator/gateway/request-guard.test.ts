import { afterAll, expect, test } from 'vitest';
import { createEmulator } from '../runtime/emulator';
import { serveEmulator, servedHostNames } from '../runtime/serve';
import { buildApp } from './app';
import { hostName } from './request-guard';

/**
 * A browser on the same machine is the way in for a foreign page: a cross-site form or fetch
 * (no preflight for a simple request), and DNS rebinding of a foreign name to 127.0.0.1.
 */
const emulator = createEmulator({ passwordCost: 'fast' });
const app = buildApp(emulator, { allowedHosts: servedHostNames('127.0.0.1', ['lab-server.example']) });
afterAll(async () => {
  await app.close();
  emulator.close();
});

const clockDay = () => emulator.ctx.clock.today();

test('a page of another origin cannot reset the emulator or move its clock, with or without a body', async () => {
  emulator.ctx.clock.advance(3);
  const before = clockDay();
  const reset = await app.inject({ method: 'POST', url: '/_emulator/reset', headers: { host: '127.0.0.1:8080', origin: 'https://evil.example' } });
  expect(reset.statusCode).toBe(403);
  expect(reset.json()).toMatchObject({ code: 'cross-origin-refused', field: 'origin' });
  const advance = await app.inject({
    method: 'POST',
    url: '/_emulator/clock/advance',
    headers: { host: '127.0.0.1:8080', origin: 'http://localhost:9999', 'content-type': 'application/json' },
    payload: '{"days": 30}',
  });
  expect(advance.statusCode).toBe(403);
  const fetchMetadata = await app.inject({
    method: 'POST',
    url: '/_emulator/clock/advance',
    headers: { host: '127.0.0.1:8080', 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
    payload: '{"days": 30}',
  });
  expect(fetchMetadata.statusCode).toBe(403);
  const opaque = await app.inject({ method: 'POST', url: '/_emulator/reset', headers: { host: '127.0.0.1:8080', origin: 'null' } });
  expect(opaque.statusCode).toBe(403);
  expect(clockDay()).toBe(before);
});

test("the emulator's own pages and clients without an Origin still change state", async () => {
  const same = await app.inject({
    method: 'POST',
    url: '/_emulator/clock/advance',
    headers: { host: '127.0.0.1:8080', origin: 'http://127.0.0.1:8080', 'content-type': 'application/json' },
    payload: '{"days": 1}',
  });
  expect(same.statusCode).toBe(200);
  const plain = await app.inject({ method: 'POST', url: '/_emulator/reset', headers: { host: 'localhost:8080' } });
  expect(plain.statusCode).toBe(200);
});

test('a body of any type but JSON is refused before it is read, naming the header', async () => {
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
    const answer = await app.inject({
      method: 'POST',
      url: '/backoffice/api/orders',
      headers: { host: '127.0.0.1', 'content-type': type },
      payload: '{"poNumber":"PO-1"}',
    });
    expect(answer.statusCode, type).toBe(415);
    expect(answer.json()).toMatchObject({ code: 'unsupported-media-type', field: 'content-type' });
  }
  const jsonWithCharset = await app.inject({
    method: 'POST',
    url: '/partner/api/session',
    headers: { host: '127.0.0.1', 'content-type': 'Application/JSON; charset=utf-8' },
    payload: '{"email":"a@b.example","password":"x"}',
  });
  expect(jsonWithCharset.statusCode).toBe(401);
});

test('a request naming a host the emulator was not told to serve is refused, reads included (DNS rebinding)', async () => {
  for (const host of ['rebind.evil.example', 'rebind.evil.example:8080', '127.0.0.1.nip.example']) {
    const answer = await app.inject({ method: 'GET', url: '/_emulator/smartservers', headers: { host } });
    expect(answer.statusCode, host).toBe(421);
    expect(answer.json()).toMatchObject({ code: 'host-not-served', field: 'host' });
    expect(answer.json().detail).toContain('--allow-host');
  }
  for (const host of ['localhost:8080', '127.0.0.1', '[::1]:8080', 'LAB-SERVER.example:80']) {
    const answer = await app.inject({ method: 'GET', url: '/_emulator/smartservers', headers: { host } });
    expect(answer.statusCode, host).toBe(200);
  }
});

test('every answer says nosniff and carries a content security policy; pages keep their own', async () => {
  const json = await app.inject({ method: 'GET', url: '/_emulator/health', headers: { host: 'localhost' } });
  const docs = await app.inject({ method: 'GET', url: '/docs', headers: { host: 'localhost' } });
  const problem = await app.inject({ method: 'GET', url: '/nothing-here', headers: { host: 'localhost' } });
  const page = await app.inject({ method: 'GET', url: '/partner/', headers: { host: 'localhost' } });
  for (const answer of [json, docs, problem, page]) {
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(String(answer.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  }
  // The API reference runs Swagger UI from this origin only.
  expect(String(docs.headers['content-security-policy'])).toContain("script-src 'self'");
  expect(String(docs.headers['content-security-policy'])).not.toContain('http');
  expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
});

test('a served emulator answers its loopback names and refuses others over a real socket', async () => {
  const running = await serveEmulator({ port: 0, passwordCost: 'fast' });
  try {
    expect((await fetch(`${running.url}/_emulator/health`)).status).toBe(200);
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${running.url}/_emulator/health`, { headers: { host: 'attacker.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  } finally {
    await running.stop();
  }
});

test('host names are compared without port, brackets or case', () => {
  expect(hostName('LocalHost:8080')).toBe('localhost');
  expect(hostName('[::1]:80')).toBe('::1');
  expect(hostName('::1')).toBe('::1');
  expect(servedHostNames('0.0.0.0', ['lab'])).toEqual(['localhost', '127.0.0.1', '::1', 'lab']);
});
