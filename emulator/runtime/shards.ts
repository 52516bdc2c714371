import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TransitionCount } from '../kernel/coverage';
import type { Emulator } from '../kernel/emulator';
import { fleetMembership } from '../control-plane/fleets/store';
import { Problem } from '../kernel/problems';
import { isProblemCode } from '../kernel/problem-catalogue';
import { parseJson } from '../services/licensing-cloud';
import type { ShardAnswer, Shards } from '../control-plane/fleets/deployment';
import { exchange, type HttpExchange } from './keep-alive-http';

/**
 * A sharded emulator: one process serves the portals and the licensing cloud, N shard processes
 * serve the SmartServers (shard i of N holds the fleet positions i, i+N, …). The portal-and-cloud
 * process is the front door: clients use its one URL for everything, and it passes each request
 * for a SmartServer (/smartservers/{code}/…, /_emulator/smartservers/{code}/…,
 * /backoffice/api/support/{code}) on to the shard that serves it, WebSockets included. Admin operations that concern every process (reset, the
 * virtual clock, faults, coverage, the SmartServer list) reach every shard through it too.
 */

export class ShardDirectory implements Shards {
  /** Where SmartServers made through the front door went; forgotten on reset. */
  private readonly placed = new Map<string, number>();
  private turn = 0;

  /**
   * @param urls base URLs of the shards, by index
   * @param seeded where the seed's SmartServers are (the seed's SmartServer k is on shard k mod N)
   */
  constructor(
    readonly urls: readonly string[],
    private readonly emulator: Emulator,
    private readonly seeded: ReadonlyMap<string, number> = new Map(),
  ) {
    if (urls.length === 0) throw new Error('a sharded emulator needs at least one shard URL');
  }

  get count(): number {
    return this.urls.length;
  }

  /** Whether an install code is in use anywhere this directory knows of. */
  knows(installCode: string): boolean {
    return this.placed.has(installCode) || this.seeded.has(installCode) || fleetMembership(this.emulator.ctx, installCode) !== undefined;
  }

  place(installCode: string, shard: number): void {
    this.placed.set(installCode, shard);
  }

  forgetPlaced(): void {
    this.placed.clear();
  }

  /** The shard serving a SmartServer: from the records, else by asking each shard; undefined when none has it. */
  async locate(installCode: string): Promise<number | undefined> {
    const known = this.placed.get(installCode) ?? this.seeded.get(installCode) ?? fleetMembership(this.emulator.ctx, installCode)?.shard ?? undefined;
    if (known !== undefined) return known;
    const answers = await Promise.all(
      this.urls.map((_, i) => this.call(i, 'GET', `/_emulator/smartservers/${encodeURIComponent(installCode)}`).catch(() => undefined)),
    );
    const found = answers.findIndex((a) => a?.status === 200);
    if (found < 0) return undefined;
    this.place(installCode, found);
    return found;
  }

  /** The shard for a new SmartServer: each in turn. */
  nextShard(): number {
    const shard = this.turn % this.count;
    this.turn += 1;
    return shard;
  }

  /** A random install code nobody uses yet (a shard alone cannot know the others' codes). */
  freeInstallCode(): string {
    const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
    for (;;) {
      const code = `17q${[...randomBytes(4)].map((b) => alphabet[b % alphabet.length]).join('')}`;
      if (!this.knows(code)) return code;
    }
  }

  async call(shard: number, method: string, path: string, body?: unknown): Promise<ShardAnswer> {
    let answer: HttpExchange;
    try {
      answer = await exchange(`${this.urls[shard]}${path}`, {
        method,
        headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new Problem(
        503,
        'shard-unavailable',
        `Shard ${shard} of the emulator (${this.urls[shard]}) cannot be reached; start it again or bring the fleet up anew.`,
      );
    }
    return { status: answer.status, body: parseJson(answer.body.toString('utf8')) };
  }

  /** Sends the same request to every shard; the first refusal (other than those `accept`ed) is raised as it came. */
  async broadcast(method: string, path: string, body?: unknown, accept: readonly number[] = []): Promise<ShardAnswer[]> {
    const answers = await Promise.all(this.urls.map((_, i) => this.call(i, method, path, body)));
    const refused = answers.find((a) => a.status >= 300 && !accept.includes(a.status));
    if (refused) throw asProblem(refused);
    return answers;
  }
}

/** A shard's problem answer, raised again here so the client sees it as the shard gave it. */
export function asProblem(answer: ShardAnswer): Problem {
  const p = (answer.body ?? {}) as { code?: string; detail?: string; field?: string; successorId?: string };
  const status = [400, 401, 403, 404, 409, 422, 429, 501, 503, 504].includes(answer.status) ? (answer.status as Problem['status']) : 503;
  const extensions = typeof p.successorId === 'string' ? { successorId: p.successorId } : undefined;
  return new Problem(status, isProblemCode(p.code) ? p.code : 'shard-failed', p.detail ?? `A shard answered ${answer.status}.`, p.field, extensions);
}

/** Paths that concern one SmartServer, which its shard answers: its CMS and REST paths, its admin paths, and Customer Success's look at its support. */
const SMARTSERVER_PATH = /^\/(?:(?:_emulator\/)?smartservers|backoffice\/api\/support)\/([^/?#]+)(?=[/?#]|$)/;
const HOP_BY_HOP = new Set([
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'upgrade',
  'proxy-connection',
  'te',
  'trailer',
  'content-encoding',
  'date',
]);

async function readBody(req: FastifyRequest): Promise<Buffer | undefined> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of req.raw) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Passes one HTTP request on to a shard and its answer back, as it is. */
async function passOn(req: FastifyRequest, reply: FastifyReply, base: string): Promise<FastifyReply> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  }
  let answer: HttpExchange;
  try {
    answer = await exchange(`${base}${req.url}`, { method: req.method, headers, body: await readBody(req) });
  } catch {
    throw new Problem(503, 'shard-unavailable', `The shard serving this SmartServer (${base}) cannot be reached.`);
  }
  reply.code(answer.status);
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) reply.header(name, value);
  }
  return reply.send(answer.body);
}

/** Joins a WebSocket upgrade to the shard: the handshake and every frame then pass through unchanged. */
function passOnUpgrade(req: FastifyRequest, reply: FastifyReply, base: string): void {
  reply.hijack();
  const client = req.raw.socket;
  const target = new URL(base);
  const upstream = connect({ host: target.hostname, port: Number(target.port) });
  const lines = [`${req.method} ${req.url} HTTP/1.1`];
  for (let i = 0; i < req.raw.rawHeaders.length; i += 2) {
    const name = req.raw.rawHeaders[i];
    lines.push(`${name}: ${name.toLowerCase() === 'host' ? target.host : req.raw.rawHeaders[i + 1]}`);
  }
  upstream.on('connect', () => {
    upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  upstream.on('error', close);
  client.on('error', close);
  upstream.on('close', close);
  client.on('close', close);
}

function mergeCoverage(lists: TransitionCount[][]): TransitionCount[] {
  const merged = new Map<string, TransitionCount>();
  for (const t of lists.flat()) {
    const key = `${t.machine}|${t.from}|${t.event ?? ''}|${t.to}`;
    const entry = merged.get(key);
    if (entry) entry.count += t.count;
    else merged.set(key, { ...t });
  }
  return [...merged.values()];
}

/** Makes this app (built as usual) the front door of a sharded emulator. */
export function installFrontDoor(app: FastifyInstance, emulator: Emulator, shards: ShardDirectory): void {
  app.addHook('onRequest', async (req, reply) => {
    const match = SMARTSERVER_PATH.exec(req.url);
    if (!match) return;
    let code: string;
    try {
      code = decodeURIComponent(match[1]);
    } catch {
      return;
    }
    const shard = await shards.locate(code);
    // Nobody has it: the local routes answer, with the same 404 a single process gives.
    if (shard === undefined) return;
    if (req.headers.upgrade?.toLowerCase() === 'websocket') return passOnUpgrade(req, reply, shards.urls[shard]);
    return passOn(req, reply, shards.urls[shard]);
  });

  app.addHook('preHandler', async (req, reply) => {
    const route = `${req.method} ${req.routeOptions.url}`;
    if (route === 'GET /_emulator/smartservers') {
      const answers = await shards.broadcast('GET', '/_emulator/smartservers');
      return reply.send(answers.flatMap((a) => a.body as unknown[]));
    }
    if (route === 'POST /_emulator/smartservers') {
      const body = req.body;
      let shard: number;
      if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
        const spec = body as Record<string, unknown>;
        const given = typeof spec.installCode === 'string' ? spec.installCode : undefined;
        shard = (given !== undefined ? await shards.locate(given) : undefined) ?? shards.nextShard();
        if (spec.installCode === undefined) spec.installCode = shards.freeInstallCode();
      } else shard = shards.nextShard();
      const answer = await shards.call(shard, 'POST', '/_emulator/smartservers', body);
      if (answer.status === 201) shards.place((answer.body as { installCode: string }).installCode, shard);
      return reply
        .code(answer.status)
        .type(answer.status < 300 ? 'application/json' : 'application/problem+json')
        .send(answer.body);
    }
    return undefined;
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (reply.statusCode >= 300) return payload;
    const route = `${req.method} ${req.routeOptions.url}`;
    switch (route) {
      case 'POST /_emulator/reset':
        shards.forgetPlaced();
        await shards.broadcast('POST', '/_emulator/reset');
        return payload;
      case 'PUT /_emulator/clock':
      case 'POST /_emulator/clock/advance':
        // Every shard takes the cloud's date, so the whole emulator agrees on "today".
        await shards.broadcast('PUT', '/_emulator/clock', { now: emulator.ctx.clock.now() });
        return payload;
      case 'GET /_emulator/iap-mq': {
        // The front door runs no broker; what the shards' brokers dropped is the emulator's count.
        const answers = await shards.broadcast('GET', '/_emulator/iap-mq');
        const dropped = answers.reduce((sum, a) => sum + ((a.body as { dropped?: number }).dropped ?? 0), 0);
        return JSON.stringify({ ...(JSON.parse(String(payload)) as object), dropped });
      }
      case 'POST /_emulator/iap-mq/settled':
        // Each shard publishes its own SmartServers' updates.
        await shards.broadcast('POST', '/_emulator/iap-mq/settled');
        return payload;
      case 'PUT /_emulator/faults':
        await shards.broadcast('PUT', '/_emulator/faults', { cloud: emulator.faults.current() });
        return payload;
      case 'GET /_emulator/changes': {
        // A write on any shard changes what some page shows: the emulator's mark joins all of theirs.
        const answers = await shards.broadcast('GET', '/_emulator/changes');
        const own = (JSON.parse(String(payload)) as { mark: string }).mark;
        return JSON.stringify({ mark: [own, ...answers.map((a) => (a.body as { mark: string }).mark)].join('|') });
      }
      case 'GET /_emulator/coverage': {
        const own = JSON.parse(String(payload)) as { transitions: TransitionCount[] };
        const answers = await shards.broadcast('GET', '/_emulator/coverage');
        return JSON.stringify({
          transitions: mergeCoverage([own.transitions, ...answers.map((a) => (a.body as { transitions: TransitionCount[] }).transitions)]),
        });
      }
      default:
        return payload;
    }
  });
}
