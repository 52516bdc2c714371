import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { stringify } from 'yaml';
import { requireOptional } from '../optional-dependency';
import { composeFile } from './compose';
import { ensureImage } from './image';
import { kubernetesName } from './kubernetes';
import { timed, urlOf, waitHealthy, type FleetRuntime, type Phase, type UpRequest, type UpResult } from './topology';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * A Docker engine reached as DOCKER_HOST says (or the given address), else the local socket: what
 * builds the emulator image. dockerode reads DOCKER_HOST itself; an explicit address such as
 * tcp://host:2375 or unix:///path/docker.sock is turned into its options.
 */
export function dockerClient(host?: string): Docker {
  // Loaded here, not at the top: dockerode is optional, and only Docker fleets need it.
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

/** Whether DOCKER_HOST (or the given address) leaves the engine on this machine. */
export function engineIsLocal(host = process.env.DOCKER_HOST): boolean {
  return !host || host.startsWith('unix://');
}

/** The stack a fleet deployment runs as (also the name `sslab fleet compose` suggests). */
export const stackName = (name: string) => kubernetesName(name);

/** Where `fleet up` keeps the Compose file it deployed and the token secret beside it (mode 600). */
export const stackFolder = (name: string, stateDir = join(ROOT, 'reports', 'out', 'fleets')) => join(stateDir, `${name}.stack`);

const STACK_LABEL = 'com.docker.stack.namespace';

/**
 * `fleet up --runtime docker`: the Compose file `sslab fleet compose` writes, deployed with `docker
 * stack deploy` on the engine's Swarm, and `docker stack rm` for `fleet down`. Swarm starts,
 * numbers (task slots), checks and restarts the replicas; sslab starts no container itself. An
 * engine in no swarm is refused with what to run: joining or making a swarm is the operator's call.
 */
export class StackRuntime implements FleetRuntime {
  constructor(private readonly options: { dockerHost?: string; image?: string; rebuild?: boolean; stateDir?: string } = {}) {}

  /** Runs the docker CLI against the chosen engine; its own message when it fails. */
  private docker(args: string[], cwd = ROOT): Promise<string> {
    const env = this.options.dockerHost ? { ...process.env, DOCKER_HOST: this.options.dockerHost } : process.env;
    return new Promise((resolve, reject) =>
      execFile('docker', args, { cwd, env, encoding: 'utf8', timeout: 120_000 }, (error, stdout, stderr) => {
        if (!error) return resolve(stdout.trim());
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        reject(
          new Error(
            missing
              ? 'the docker command is not installed here (Debian: apt-get install docker.io)'
              : `docker ${args[0]} ${args[1] ?? ''}: ${stderr.trim() || error.message}`,
          ),
        );
      }),
    );
  }

  private async swarmState(): Promise<{ state: string; manager: boolean }> {
    const [state, manager] = (await this.docker(['info', '--format', '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}'])).split(' ');
    return { state, manager: state === 'active' && manager === 'true' };
  }

  private async requireSwarmManager(): Promise<void> {
    const { state, manager } = await this.swarmState();
    if (!manager) {
      throw new Error(
        state === 'active'
          ? 'this Docker engine is a Swarm worker; run sslab fleet up against a manager (--docker-host)'
          : 'this Docker engine is in no swarm: run "docker swarm init --advertise-addr 127.0.0.1" first (or use --runtime process)',
      );
    }
  }

  private async services(stack: string): Promise<string[]> {
    return (await this.docker(['service', 'ls', '--filter', `label=${STACK_LABEL}=${stack}`, '--format', '{{.Name}} {{.Replicas}}']))
      .split('\n')
      .filter(Boolean);
  }

  async up(request: UpRequest, log: (line: string) => void): Promise<UpResult> {
    const phases: Phase[] = [];
    await this.requireSwarmManager();
    const stack = stackName(request.name);
    if ((await this.services(stack)).length > 0) {
      throw new Error(`fleet ${request.name} runs already as stack ${stack}; run "sslab fleet down ${request.name}" first`);
    }
    const image =
      this.options.image ??
      (await timed(phases, 'image', async () => {
        const result = await ensureImage(dockerClient(this.options.dockerHost), log, this.options.rebuild);
        log(result.built ? `built image ${result.tag}` : `using image ${result.tag}`);
        return result.tag;
      }));
    const folder = stackFolder(request.name, this.options.stateDir);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'token-secret'), `${request.tokenSecret}\n`, { mode: 0o600 });
    const file = composeFile({ ...request, image, secretFile: './token-secret' });
    writeFileSync(join(folder, 'compose.yaml'), stringify(file, { aliasDuplicateObjects: false, lineWidth: 0 }));
    await timed(phases, 'docker stack deploy', () => this.docker(['stack', 'deploy', '-c', 'compose.yaml', stack], folder));
    log(`deployed stack ${stack} (cloud and ${request.shards} shard replicas) from ${join(folder, 'compose.yaml')}`);
    const urls = Array.from({ length: request.shards + 1 }, (_, i) => urlOf(request.port + i));
    try {
      // A local engine's host network is ours: its health answers at once. A remote one's is not: the engine's own health checks say.
      await timed(phases, 'wait for health', () =>
        engineIsLocal(this.options.dockerHost ?? process.env.DOCKER_HOST)
          ? Promise.all(urls.map((url) => waitHealthy(url, 150_000))).then(() => undefined)
          : this.replicasHealthy(stack, request.shards, 300_000),
      );
    } catch (error) {
      // What went wrong matters more than any trouble cleaning up after it.
      await this.down(request.name, () => undefined).catch(() => undefined);
      throw error;
    }
    return { name: request.name, runtime: 'docker', url: urls[0], shardUrls: urls.slice(1), phases };
  }

  private async replicasHealthy(stack: string, shards: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const wanted = ['1/1', `${shards}/${shards}`].sort().join(' ');
    while (Date.now() < deadline) {
      const replicas = (await this.services(stack)).map((line) => line.split(' ')[1]);
      if (replicas.sort().join(' ') === wanted) return;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    throw new Error(`stack ${stack}: not every replica was healthy within ${timeoutMs / 1000} s (docker service ps ${stack}_shard says why)`);
  }

  /** Removes the stack and waits until its containers are gone; the count of services removed. */
  async down(name: string, log: (line: string) => void): Promise<number> {
    const stack = stackName(name);
    // An engine in no swarm runs no stack.
    const services = (await this.swarmState()).manager ? await this.services(stack) : [];
    if (services.length > 0) {
      await this.docker(['stack', 'rm', stack]);
      // The engine stops the removed services' containers some seconds later and removes them a few
      // more after that; stopping (SIGTERM, as the engine would) and removing them here ends the
      // command as soon as they exit. One the engine removed meanwhile is no matter: the wait checks.
      const containers = (await this.docker(['ps', '-a', '-q', '--filter', `label=${STACK_LABEL}=${stack}`])).split('\n').filter(Boolean);
      if (containers.length > 0) {
        await this.docker(['stop', ...containers]).catch(() => undefined);
        await this.docker(['rm', ...containers]).catch(() => undefined);
      }
      const deadline = Date.now() + 120_000;
      while ((await this.docker(['ps', '-a', '-q', '--filter', `label=${STACK_LABEL}=${stack}`])) !== '') {
        if (Date.now() > deadline) throw new Error(`stack ${stack} was removed, but its containers were still there after 120 s (docker ps -a)`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      log(`removed stack ${stack}: ${services.map((s) => s.split(' ')[0]).join(', ')}`);
    }
    rmSync(stackFolder(name, this.options.stateDir), { recursive: true, force: true });
    return services.length;
  }
}
