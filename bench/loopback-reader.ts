import { Agent, request } from 'node:http';

/**
 * A bare HTTP client for timing one server's answers: node:http over one kept-alive connection,
 * so a figure is the server's work and the loopback, not a fetch implementation's own overhead.
 */
export interface LoopbackReader {
  get(path: string, token?: string): Promise<{ status: number; body: string }>;
  post(path: string, body: unknown, token?: string): Promise<{ status: number; body: string }>;
  close(): void;
}

export function readOverLoopback(base: URL): LoopbackReader {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const send = (method: string, path: string, body?: unknown, token?: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        {
          agent,
          host: base.hostname,
          port: base.port,
          method,
          path,
          headers: {
            accept: 'application/json',
            ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  return {
    get: (path, token) => send('GET', path, undefined, token),
    post: (path, body, token) => send('POST', path, body, token),
    close: () => agent.destroy(),
  };
}
