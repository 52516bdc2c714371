import type Docker from 'dockerode';
import { requireOptional } from '../optional-dependency';
import { ensureImage } from './image';
import {
  emulatorProcesses,
  timed,
  TOKEN_SECRET_VARIABLE,
  type EmulatorProcess,
  type FleetRuntime,
  type Phase,
  type UpRequest,
  type UpResult,
} from './topology';

export const FLEET_LABEL = 'sslab.fleet';

/**
 * A Docker engine reached as DOCKER_HOST says (or the given address), else the local socket.
 * dockerode reads DOCKER_HOST itself; an explicit address such as tcp://host:2375 or
 * unix:///path/docker.sock is turned into its options.
 */
export function dockerClient(host?: string): Docker {
  // Loaded here, not at the top: dockerode is optional, and only the docker runtime needs it.
  const Dockerode = requireOptional<typeof Docker>('dockerode', '5.0.1', 'a fleet on Docker (--runtime docker)');
  if (!host) return new Dockerode();
  if (host.startsWith('unix://')) return new Dockerode({ socketPath: host.slice('unix://'.length) });
  const url = new URL(host.replace(/^tcp:/, 'http:'));
  return new Dockerode({ host: url.hostname, port: Number(url.port || 2375), protocol: url.protocol === 'https:' ? 'https' : 'http' });
}

/** Whether an engine answers at all (briefly). */
export async function dockerAnswers(docker: Docker, timeoutMs = 2000): Promise<boolean> {
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
  return Promise.race([
    docker.ping().then(
      () => true,
      () => false,
    ),
    timeout,
  ]);
}

/** The health probe each container runs: the same GET /_emulator/health the process runtime polls. */
function healthProbe(port: number): string[] {
  return [
    'CMD',
    '/usr/local/bin/node',
    '-e',
    `fetch('http://127.0.0.1:${port}/_emulator/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`,
  ];
}

const SECOND = 1_000_000_000;

async function answersHealth(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/_emulator/health`, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

/** Whether DOCKER_HOST (or the given address) leaves the engine on this machine. */
export function engineIsLocal(host = process.env.DOCKER_HOST): boolean {
  return !host || host.startsWith('unix://');
}

/**
 * Runs the portal-and-cloud process and the shards as containers of the emulator image, all on the
 * engine's host network bound to 127.0.0.1, labelled with the deployment's name so that `down`
 * finds them, also after a crash of the command that started them.
 */
export class DockerRuntime implements FleetRuntime {
  /**
   * @param options.local the engine runs on this machine, so its containers' loopback is ours: readiness is
   *   polled over HTTP at once rather than waiting for the engine's own (slower) health check
   */
  constructor(
    private readonly docker: Docker,
    private readonly options: { image?: string; rebuild?: boolean; local?: boolean } = {},
  ) {}

  private labelled(name: string) {
    return this.docker.listContainers({ all: true, filters: { label: [`${FLEET_LABEL}=${name}`] } });
  }

  async up(request: UpRequest, log: (line: string) => void): Promise<UpResult> {
    const phases: Phase[] = [];
    const existing = await this.labelled(request.name);
    if (existing.length > 0) {
      throw new Error(`fleet ${request.name} has ${existing.length} containers already; run "sslab fleet down ${request.name}" first`);
    }
    const image =
      this.options.image ??
      (await timed(phases, 'image', async () => {
        const result = await ensureImage(this.docker, log, this.options.rebuild);
        log(result.built ? `built image ${result.tag}` : `using image ${result.tag}`);
        return result.tag;
      }));
    const planned = emulatorProcesses(request);
    const containers = await timed(phases, 'create and start containers', () =>
      Promise.all(
        planned.map(async (p) => {
          const container = await this.docker.createContainer(this.spec(request, image, p));
          await container.start();
          return { planned: p, container };
        }),
      ),
    );
    log(`started ${containers.length} containers (cloud and ${request.shards} shards)`);
    try {
      await timed(phases, 'wait for health', () => Promise.all(containers.map(({ planned: p, container }) => this.waitHealthy(container, p, 120_000))));
    } catch (error) {
      // What went wrong matters more than any trouble cleaning up after it.
      await this.down(request.name, () => undefined).catch(() => undefined);
      throw error;
    }
    return { name: request.name, runtime: 'docker', url: planned[0].url, shardUrls: planned.slice(1).map((p) => p.url), phases };
  }

  private spec(request: UpRequest, image: string, p: EmulatorProcess): Docker.ContainerCreateOptions {
    return {
      name: `sslab-${request.name}-${p.role}${p.index ?? ''}`,
      Image: image,
      Cmd: p.args,
      Env: [`${TOKEN_SECRET_VARIABLE}=${request.tokenSecret}`],
      Labels: { [FLEET_LABEL]: request.name, 'sslab.role': p.role, ...(p.index !== undefined ? { 'sslab.shard': String(p.index) } : {}), 'sslab.url': p.url },
      Healthcheck: { Test: healthProbe(p.port), Interval: 2 * SECOND, Timeout: 5 * SECOND, Retries: 60 },
      HostConfig: { NetworkMode: 'host', Init: true },
    };
  }

  /** Waits for the health check: polled over loopback for a local engine, else the engine's own. */
  private async waitHealthy(container: Docker.Container, p: EmulatorProcess, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.options.local && (await answersHealth(p.url))) return;
      const state = (await container.inspect()).State;
      if (state.Health?.Status === 'healthy') return;
      if (!state.Running) {
        const logs = (await container.logs({ stdout: true, stderr: true, tail: 10 })).toString('utf8').replace(/[\x00-\x08]/g, '');
        throw new Error(`${p.role}${p.index ?? ''} stopped (exit code ${state.ExitCode}) before it was healthy:\n${logs.trim()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, this.options.local ? 100 : 500));
    }
    throw new Error(`${p.role}${p.index ?? ''} (${p.url}) was not healthy within ${Math.round(timeoutMs / 1000)} s`);
  }

  async down(name: string, log: (line: string) => void): Promise<number> {
    const found = await this.labelled(name);
    await Promise.all(
      found.map(async (info) => {
        const container = this.docker.getContainer(info.Id);
        if (info.State === 'running') await container.stop({ t: 5 }).catch(() => undefined);
        await container.remove({ force: true }).catch((error: { statusCode?: number }) => {
          // Gone already, or being removed by the engine: either way it will not be left behind.
          if (error.statusCode !== 404 && error.statusCode !== 409) throw error;
        });
        log(`removed ${info.Names[0]?.replace(/^\//, '') ?? info.Id.slice(0, 12)}`);
      }),
    );
    return found.length;
  }
}
