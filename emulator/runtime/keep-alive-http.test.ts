import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { exchange, keepAliveFetch } from './keep-alive-http';

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** A loopback server that echoes what it got and counts the connections it accepted. */
async function echoServer(options: { keepAliveTimeout?: number; answerMs?: number } = {}) {
  const stats = { connections: 0 };
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      setTimeout(() => {
        res.setHeader('set-cookie', ['a=1', 'b=2']);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ method: req.method, url: req.url, header: req.headers['x-probe'], body: Buffer.concat(chunks).toString('utf8') }));
      }, options.answerMs ?? 0);
    });
  });
  server.keepAliveTimeout = options.keepAliveTimeout ?? 5000;
  server.on('connection', () => (stats.connections += 1));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stats };
}

test('one connection carries one request after another, and each answer comes back whole with its headers', async () => {
  const { url, stats } = await echoServer();
  for (let i = 0; i < 5; i++) {
    const answer = await exchange(`${url}/shard/${i}?q=1`, {
      method: 'POST',
      headers: { 'x-probe': `p${i}`, 'content-type': 'text/plain' },
      body: `body ${i}`,
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(JSON.parse(answer.body.toString('utf8'))).toEqual({ method: 'POST', url: `/shard/${i}?q=1`, header: `p${i}`, body: `body ${i}` });
  }
  expect(stats.connections).toBe(1);
});

test('a kept connection the server closed while it was idle is replaced, and the request still goes through', async () => {
  const { url, stats } = await echoServer({ keepAliveTimeout: 1 });
  await exchange(`${url}/first`, { method: 'GET' });
  await new Promise((resolve) => setTimeout(resolve, 50));
  const second = await exchange(`${url}/second`, { method: 'GET' });
  expect(JSON.parse(second.body.toString('utf8'))).toMatchObject({ url: '/second' });
  expect(stats.connections).toBe(2);
});

test('the fetch-shaped call answers a Response, fails as fetch does when nothing listens, and stops at its time-out', async () => {
  const { url } = await echoServer({ answerMs: 300 });
  const response = await keepAliveFetch(`${url}/cloud`, { method: 'PUT', headers: { 'x-probe': 'cloud' }, body: '{"a":1}' });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json');
  expect(await response.json()).toEqual({ method: 'PUT', url: '/cloud', header: 'cloud', body: '{"a":1}' });

  await expect(keepAliveFetch(`${url}/slow`, { signal: AbortSignal.timeout(50) })).rejects.toMatchObject({ name: 'TimeoutError' });

  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  await expect(keepAliveFetch(`http://127.0.0.1:${port}/`)).rejects.toThrow(TypeError);
});
