import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../gateway/app';
import { createEmulator, type EmulatorOptions } from './emulator';
import type { Emulator } from '../kernel/emulator';
import type { FleetSummary, ShardPart } from '../control-plane/fleets/store';
import type { FleetDescription } from '../control-plane/fleets/description';
import { SINGLE_PROCESS, type Deployment } from '../control-plane/fleets/deployment';
import { loadFleetAtStart } from '../control-plane/fleets/service';
import { HttpLicensingCloud } from '../services/licensing-cloud';
import { installFrontDoor, ShardDirectory } from './shards';
import { keepAliveFetch } from './keep-alive-http';
import { LOOPBACK_HOSTS } from '../gateway/request-guard';
import { startIapMq, type IapMqOptions, type RunningIapMq } from './iap-mq';

export type Role = 'all' | 'cloud' | 'shard';
export const ROLES: readonly Role[] = ['all', 'cloud', 'shard'];

export interface ServeOptions extends EmulatorOptions, Omit<AppOptions, 'deployment' | 'allowedHosts'> {
  host?: string;
  /** A file the details of unexpected failures are appended to (created 0600); standard error unless given. */
  logFile?: string;
  /** Host names to answer to besides the loopback names and the address listened on ('*': any name). */
  allowHosts?: readonly string[];
  port?: number;
  /** all (the default): everything in this process; cloud: the portals and cloud in front of shards; shard: some of the SmartServers. */
  role?: Role;
  /** For a shard: the portal-and-cloud process its SmartServers reach the cloud through. */
  cloudUrl?: string;
  /** For a shard: which one it is, of how many. */
  shard?: ShardPart;
  /** For the portal-and-cloud process: the shards' base URLs, by index. */
  shardUrls?: string[];
  /** A fleet to make at start (with a seed when the emulator is sharded, so every process makes the same one). */
  fleet?: FleetDescription;
  onFleetProgress?: (done: number, total: number) => void;
  /**
   * IAP/MQ: an embedded broker on a free loopback port unless told (`{ url }` publishes into a
   * broker that runs already; false switches it off). The portal-and-cloud process of a sharded
   * emulator holds no SmartServers and starts none.
   */
  iapMq?: IapMqOptions | false;
}

export interface RunningEmulator {
  url: string;
  emulator: Emulator;
  app: FastifyInstance;
  deployment: Deployment;
  fleet?: FleetSummary;
  /** Where IAP/MQ is, when it runs. */
  iapMq?: RunningIapMq;
  stop(): Promise<void>;
}

interface SeedShape {
  smartServers?: { installCode?: unknown }[];
  [key: string]: unknown;
}

/**
 * The part of a seed a process holds: the portal-and-cloud process takes the accounts and licenses,
 * shard i of n the seed's SmartServers at positions i, i+n, …
 */
function seedFor(role: Role, seed: unknown, part?: ShardPart): unknown {
  if (role === 'all' || typeof seed !== 'object' || seed === null || Array.isArray(seed)) return seed;
  const { smartServers, ...rest } = seed as SeedShape;
  if (role === 'cloud') return rest;
  return { smartServers: (Array.isArray(smartServers) ? smartServers : []).filter((_, k) => k % part!.count === part!.index) };
}

/** The seed's fixed install codes, each with the shard that serves it. */
function seededPlacement(seed: unknown, shards: number): Map<string, number> {
  const list = (seed as SeedShape | undefined)?.smartServers;
  const placement = new Map<string, number>();
  if (Array.isArray(list)) list.forEach((s, k) => typeof s?.installCode === 'string' && placement.set(s.installCode, k % shards));
  return placement;
}

/** Appends each line to `path`, readable by its owner only: failures may quote what a request carried. */
export function fileLog(path: string): (line: string) => void {
  mkdirSync(dirname(path), { recursive: true });
  return (line) => appendFileSync(path, `${line}\n`, { mode: 0o600 });
}

/** The names a server listening on `host` answers to: loopback, the address itself unless it is a wildcard, and the extra ones. */
export function servedHostNames(host: string, extra: readonly string[] = []): string[] {
  const wildcard = host === '0.0.0.0' || host === '::' || host === '';
  return [...LOOPBACK_HOSTS, ...(wildcard ? [] : [host]), ...extra];
}

/** Starts the emulator's HTTP server; loopback only unless a host is given. */
export async function serveEmulator(options: ServeOptions = {}): Promise<RunningEmulator> {
  const role = options.role ?? 'all';
  if (role === 'shard' && (!options.cloudUrl || !options.shard)) throw new Error('a shard needs the cloud URL and its place (index of count)');
  if (role === 'cloud' && !options.shardUrls?.length) throw new Error('the portal-and-cloud process needs the URLs of its shards');
  const emulator = createEmulator({
    ...options,
    seed: seedFor(role, options.seed, options.shard),
    cloud: role === 'shard' ? (ctx) => new HttpLicensingCloud(options.cloudUrl!, ctx.tokens.cloudClientKey(), undefined, keepAliveFetch) : options.cloud,
  });
  const placement = seededPlacement(options.seed, role === 'cloud' ? options.shardUrls!.length : 1);
  const shards = role === 'cloud' ? new ShardDirectory(options.shardUrls!, emulator, placement) : undefined;
  const deployment: Deployment = shards
    ? { role: 'cloud', shards }
    : role === 'shard'
      ? { role, part: options.shard!, cloudUrl: options.cloudUrl! }
      : SINGLE_PROCESS;
  const errorLog = options.logFile ? fileLog(options.logFile) : options.errorLog;
  const app = buildApp(emulator, { ...options, deployment, errorLog, allowedHosts: servedHostNames(options.host ?? '127.0.0.1', options.allowHosts) });
  if (shards) installFrontDoor(app, emulator, shards);
  try {
    const fleet = options.fleet
      ? await loadFleetAtStart(emulator.ctx, deployment, options.fleet, new Set(placement.keys()), options.onFleetProgress)
      : undefined;
    const address = await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 8080 });
    const iapMq =
      options.iapMq === false || role === 'cloud'
        ? undefined
        : await startIapMq(emulator, { host: options.host, admin: options.admin !== false, ...options.iapMq });
    return {
      url: address.replace('[::1]', 'localhost'),
      emulator,
      app,
      deployment,
      fleet,
      iapMq,
      async stop() {
        await iapMq?.stop();
        await app.close();
        emulator.close();
      },
    };
  } catch (error) {
    await app.close();
    emulator.close();
    throw error;
  }
}
