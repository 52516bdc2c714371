import { createServer } from 'node:net';
import type { FleetDescription } from '../../control-plane/fleets/description';

/**
 * What `sslab fleet up` starts, whatever runs it: one portal-and-cloud process and N shard
 * processes, each an `sslab emulator` bound to 127.0.0.1 on its own port. The cloud is started
 * with the shards' URLs; each shard with the cloud's URL and its place (i/N). Seed and fleet travel
 * as JSON text in the arguments, so nothing has to be mounted into a container.
 */

export interface UpRequest {
  /** The deployment's name: containers carry the label sslab.fleet=<name>. */
  name: string;
  shards: number;
  /** The cloud's port; shard i listens on port + 1 + i. */
  port: number;
  /** Accounts, licenses and SmartServers to start with (the emulator's --seed). */
  seed?: unknown;
  /** A fleet (with its seed) that every process makes at start. */
  fleet?: FleetDescription;
  startDate?: string;
  maintenanceRule?: string;
  /** "fast" for throwaway test fleets: cheaper password hashes (the emulator's --password-cost). */
  passwordCost?: string;
  /** The secret every process signs session tokens with (base64), so each accepts the others' tokens. */
  tokenSecret: string;
}

/** The environment variable that carries the shared token secret (read by `sslab emulator`). */
export const TOKEN_SECRET_VARIABLE = 'SSLAB_TOKEN_SECRET';
/** Or the file that holds it (where Swarm, Compose and Kubernetes mount a secret). */
export const TOKEN_SECRET_FILE_VARIABLE = 'SSLAB_TOKEN_SECRET_FILE';

export interface EmulatorProcess {
  role: 'cloud' | 'shard';
  /** The shard's index; undefined for the cloud. */
  index?: number;
  port: number;
  url: string;
  /** Arguments of `sslab emulator`. */
  args: string[];
}

export const LOOPBACK = '127.0.0.1';
export const urlOf = (port: number) => `http://${LOOPBACK}:${port}`;

/** The cloud first, then the shards in order. */
export function emulatorProcesses(request: UpRequest): EmulatorProcess[] {
  const cloudUrl = urlOf(request.port);
  const shardPorts = Array.from({ length: request.shards }, (_, i) => request.port + 1 + i);
  const common = [
    '--host',
    LOOPBACK,
    '--data-file',
    ':memory:',
    '--quiet',
    ...(request.seed !== undefined ? ['--seed', JSON.stringify(request.seed)] : []),
    ...(request.fleet ? ['--fleet', JSON.stringify(request.fleet)] : []),
    ...(request.startDate ? ['--start-date', request.startDate] : []),
    ...(request.maintenanceRule ? ['--maintenance-rule', request.maintenanceRule] : []),
    ...(request.passwordCost ? ['--password-cost', request.passwordCost] : []),
  ];
  return [
    {
      role: 'cloud',
      port: request.port,
      url: cloudUrl,
      args: ['--role', 'cloud', '--port', String(request.port), '--shard-urls', shardPorts.map(urlOf).join(','), ...common],
    },
    ...shardPorts.map(
      (port, index): EmulatorProcess => ({
        role: 'shard',
        index,
        port,
        url: urlOf(port),
        args: ['--role', 'shard', '--port', String(port), '--cloud-url', cloudUrl, '--fleet-shard', `${index}/${request.shards}`, ...common],
      }),
    ),
  ];
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, LOOPBACK, () => server.close(() => resolve(true)));
  });
}

/** A base port from which `count` consecutive loopback ports are free here. */
export async function freePortRange(count: number, from = 18_500, to = 60_000): Promise<number> {
  for (let base = from; base + count < to; base += count + 1) {
    const checks = await Promise.all(Array.from({ length: count }, (_, i) => portFree(base + i)));
    if (checks.every(Boolean)) return base;
  }
  throw new Error(`no ${count} consecutive free ports on ${LOOPBACK} between ${from} and ${to}`);
}

/** Waits until GET /_emulator/health answers 200, or fails after the timeout naming the URL. */
export async function waitHealthy(url: string, timeoutMs: number, stillRunning: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!stillRunning()) throw new Error(`the emulator for ${url} stopped before it answered`);
    try {
      const response = await fetch(`${url}/_emulator/health`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url}/_emulator/health did not answer within ${Math.round(timeoutMs / 1000)} s`);
}

/** One line per phase with its duration, for the console and for reports. */
export interface Phase {
  phase: string;
  ms: number;
}

export async function timed<T>(phases: Phase[], phase: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await run();
  } finally {
    phases.push({ phase, ms: Math.round(performance.now() - started) });
  }
}

export interface UpResult {
  name: string;
  runtime: 'docker' | 'process';
  /** The one URL clients use: the portal-and-cloud process, which passes SmartServer requests to the shards. */
  url: string;
  shardUrls: string[];
  phases: Phase[];
}

export interface FleetRuntime {
  up(request: UpRequest, log: (line: string) => void): Promise<UpResult>;
  /** Removes everything of the named deployment; the count of containers or processes ended. */
  down(name: string, log: (line: string) => void): Promise<number>;
}
