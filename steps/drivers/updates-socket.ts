import WebSocket from 'ws';

/**
 * The SmartServer's update WebSocket (UPD:LIC:CLOUD and the like) as a driver sees it. The socket
 * address follows the HTTP base address, except where a target answers HTTP in-process: `inject`
 * cannot upgrade a request to a WebSocket, so that target also listens on loopback and registers
 * the address here.
 */
const socketBases = new Map<string, string>();

export function registerSocketBase(httpBase: string, socketBase: string): void {
  socketBases.set(httpBase.replace(/\/$/, ''), socketBase.replace(/\/$/, ''));
}

export function socketBaseFor(httpBase: string): string {
  const base = httpBase.replace(/\/$/, '');
  return socketBases.get(base) ?? base.replace(/^http/, 'ws');
}

/** Messages of one open socket, in arrival order. */
export interface UpdateWatch {
  /** The next message of `type` not taken yet; fails after `timeoutMs`. */
  next(type: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  close(): void;
}

export function openUpdates(url: string, token: string): Promise<UpdateWatch> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
    const messages: Record<string, unknown>[] = [];
    const waiting: (() => void)[] = [];
    socket.on('message', (data) => {
      messages.push(JSON.parse(data.toString()) as Record<string, unknown>);
      waiting.splice(0).forEach((wake) => wake());
    });
    socket.once('unexpected-response', (_req, res) => reject(new Error(`the update socket was refused with HTTP ${res.statusCode}`)));
    socket.once('error', reject);
    socket.once('open', () =>
      resolve({
        async next(type, timeoutMs = 5_000) {
          const deadline = Date.now() + timeoutMs;
          for (;;) {
            const at = messages.findIndex((m) => m.type === type);
            if (at >= 0) return messages.splice(at, 1)[0];
            const left = deadline - Date.now();
            if (left <= 0) throw new Error(`no ${type} update arrived within ${timeoutMs} ms`);
            await new Promise<void>((wake) => {
              const timer = setTimeout(wake, left);
              waiting.push(() => {
                clearTimeout(timer);
                wake();
              });
            });
          }
        },
        close: () => socket.close(),
      }),
    );
  });
}
