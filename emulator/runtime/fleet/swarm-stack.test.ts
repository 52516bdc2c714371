import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { type FleetDescription, readFleetFile, withSeed } from '../../control-plane/fleets/description';
import { licensingStorm } from '../../../steps/lib/licensing-storm';
import { planFleet } from '../../control-plane/fleets/generate';
import { parse } from 'yaml';
import { stackFolder, stackName } from './docker-runtime';
import { run, runFeature, sslab } from './run-feature';
import { freePortRange, type Phase, type UpResult, urlOf } from './topology';

/**
 * The Compose file `sslab fleet compose` writes, deployed as a stack on this machine's Docker engine
 * in Swarm mode by `sslab fleet up --runtime docker` (which runs `docker stack deploy` on it): a
 * cloud and four shard replicas come up on the host network, the online-activation feature and a
 * licensing storm of 1,000 SmartServers pass through the front door, and `sslab fleet down` (`docker
 * stack rm`) leaves no container, service or secret behind. The engine joins a swarm for the test
 * only if it is in none, and then leaves it.
 */

const ROOT = join(__dirname, '..', '..', '..');
const CAMPUS = join(ROOT, 'emulator', 'control-plane', 'fleets', 'examples', 'campus.yaml');
const SEED = join(ROOT, 'features', 'fixtures', 'real-seed.json');
const SSLAB = join(ROOT, 'bin', 'sslab.js');
const STORM_FLEET: FleetDescription = {
  name: 'storm',
  seed: 1000,
  password: 'Storm-Fleet-2026!',
  smartServers: [{ group: 'sites', count: 1000, version: '4.0', online: true, devices: { lon: { uniform: [20, 60] }, bacnet: { uniform: [0, 10] } } }],
};

function docker(...args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 }).trim();
}

/** Whether a Docker engine answers here (the docker CLI is how a stack is deployed), asked once while the tests are collected. */
const engineAnswers = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 5000 }).status === 0;

/** Everything a stack leaves behind, by its namespace label. */
function leftovers(stack: string): string[] {
  const filter = `label=com.docker.stack.namespace=${stack}`;
  return [
    ...docker('ps', '-a', '--filter', filter, '--format', 'container {{.Names}}').split('\n'),
    // Services and secrets exist only on a swarm manager.
    ...docker('service', 'ls', '--filter', filter, '--format', 'service {{.Name}}').split('\n'),
    ...docker('secret', 'ls', '--filter', filter, '--format', 'secret {{.Name}}').split('\n'),
  ].filter(Boolean);
}

async function until(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test('sslab fleet compose writes the Compose file with the token secret in a file of its own, readable by its owner only', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sslab-compose-'));
  try {
    const out = join(dir, 'campus.compose.yaml');
    const written = await sslab('fleet', 'compose', CAMPUS, '--shards', '2', '--port', '20400', '--out', out);
    expect(written.code, written.err).toBe(0);
    expect(written.out).toContain(`docker stack deploy -c ${out}`);
    const secret = readFileSync(join(dir, 'campus.compose.token-secret'), 'utf8').trim();
    expect(Buffer.from(secret, 'base64')).toHaveLength(32);
    expect(statSync(join(dir, 'campus.compose.token-secret')).mode & 0o777).toBe(0o600);
    const text = readFileSync(out, 'utf8');
    expect(text).not.toContain(secret);
    expect(text).toContain('file: ./campus.compose.token-secret');
    const refused = await sslab('fleet', 'compose', CAMPUS, '--shards', '0', '--out', join(dir, 'no.yaml'));
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('--shards must be a whole number from 1 to 64');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 90_000);

let cleanUpAfterTimeout: (() => void) | undefined;
afterAll(() => cleanUpAfterTimeout?.());

// Defined only where an engine answers; CI starts one.
if (engineAnswers)
  test('sslab fleet up --runtime docker deploys the generated stack on a Swarm with 4 shards; the online activation feature and a storm of 1,000 SmartServers pass through the front door; fleet down leaves nothing', async () => {
    const phases: Phase[] = [];
    const clock = async <T>(phase: string, work: () => Promise<T> | T) => {
      const started = performance.now();
      try {
        return await work();
      } finally {
        phases.push({ phase, ms: Math.round(performance.now() - started) });
      }
    };
    const name = `swarm-test-${process.pid}`;
    const stack = stackName(name);
    const dir = mkdtempSync(join(tmpdir(), `${stack}-`));
    const port = await freePortRange(5, 21_000 + Math.floor(Math.random() * 200) * 100);
    const joined = docker('info', '--format', '{{.Swarm.LocalNodeState}}') === 'inactive';
    // Building the image and starting five emulators can take minutes on a loaded 2-core machine.
    const up = () =>
      run(
        process.execPath,
        [
          SSLAB,
          'fleet',
          'up',
          '--runtime',
          'docker',
          '--name',
          name,
          '--shards',
          '4',
          '--port',
          String(port),
          '--fleet',
          CAMPUS,
          '--seed',
          SEED,
          '--password-cost',
          'fast',
          '--json',
        ],
        {},
        300_000,
      );
    // Should the test time out, its finally never runs: this leaves nothing behind all the same.
    cleanUpAfterTimeout = () => {
      spawnSync('docker', ['stack', 'rm', stack], { stdio: 'ignore' });
      if (joined) spawnSync('docker', ['swarm', 'leave', '--force'], { stdio: 'ignore' });
    };
    try {
      if (joined) {
        // sslab changes no engine's swarm state: outside a swarm it says what to run.
        const refused = await clock('sslab fleet up outside a swarm', up);
        expect(refused.code).toBe(1);
        expect(refused.err).toContain('docker swarm init');
        await clock('docker swarm init', () => docker('swarm', 'init', '--advertise-addr', '127.0.0.1'));
      }
      const started = await clock('sslab fleet up --runtime docker (image, compose file, docker stack deploy, health)', up);
      expect(started.code, started.err).toBe(0);
      const result = JSON.parse(started.out.trim().split('\n').pop()!) as UpResult;
      phases.push(...result.phases.map((p) => ({ phase: `  ${p.phase}`, ms: p.ms })));
      expect([result.url, ...result.shardUrls]).toEqual([0, 1, 2, 3, 4].map((i) => urlOf(port + i)));
      // What it deployed is the file `sslab fleet compose` writes: one cloud, one shard service of 4 replicas.
      const deployed = parse(readFileSync(join(stackFolder(name), 'compose.yaml'), 'utf8')) as { services: Record<string, { deploy: { replicas: number } }> };
      expect(Object.fromEntries(Object.entries(deployed.services).map(([service, spec]) => [service, spec.deploy.replicas]))).toEqual({ cloud: 1, shard: 4 });
      const again = await up();
      expect(again.code).toBe(1);
      expect(again.err).toContain(`runs already as stack ${stack}`);
      // Each replica took the shard of its task slot: every SmartServer of the fleet answers through the front door.
      const front = urlOf(port);
      const plan = planFleet(withSeed(readFleetFile(CAMPUS)));
      const summary = (await (await fetch(`${front}/_emulator/fleets/campus`)).json()) as { smartServers: number; shards: number };
      expect(summary).toMatchObject({ smartServers: plan.totals.smartServers, shards: 4 });
      const members = (await (await fetch(`${front}/_emulator/fleets/campus/smartservers`)).json()) as { installCode: string; shard: number }[];
      expect(new Set(members.map((m) => m.shard))).toEqual(new Set([0, 1, 2, 3]));
      for (const shard of [0, 1, 2, 3]) {
        const member = members.find((m) => m.shard === shard)!;
        const own = await fetch(`${urlOf(port + 1 + shard)}/_emulator/smartservers/${member.installCode}`);
        expect(own.status, `shard ${shard} in task slot ${shard + 1} serves ${member.installCode}`).toBe(200);
      }

      const feature = await clock('online activation feature (cucumber)', () => runFeature(front, dir));
      expect(feature.statuses.length, feature.err).toBeGreaterThan(0);
      expect(feature.statuses, feature.err).toEqual(feature.statuses.map(() => 'passed'));
      expect(feature.code, feature.err).toBe(0);

      // A licensing storm of 1,000 SmartServers, made through the front door and spread over the shards.
      const made = await clock('1,000-SmartServer storm fleet made', () =>
        fetch(`${front}/_emulator/fleets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(STORM_FLEET) }),
      );
      expect(made.status, await made.clone().text()).toBeLessThan(300);
      // The creation's answer is the one place the fleet password shows; it is stored hashed.
      const { password } = (await made.json()) as { password: string };
      const storm = await clock('licensing storm of 1,000 SmartServers', () =>
        licensingStorm({ url: front, fleet: STORM_FLEET.name, password, concurrency: 16 }),
      );
      console.log(
        `licensing storm through the Swarm's front door:\n${storm.phases.map((p) => `  ${p.phase}: ${p.perSecond}/s, p50 ${p.p50Ms} ms, p99 ${p.p99Ms} ms`).join('\n')}`,
      );
      expect(storm.violations).toEqual([]);
      expect([storm.smartServers, storm.heldAfterActivation, storm.heldAfterReturn]).toEqual([1000, 1000, 0]);

      // The Compose file's own health checks pass too. Asked last: the engine runs its first check
      // only an interval after a container starts (Docker 20.10 has no shorter start interval), and
      // by now that has passed while the fleet worked.
      await clock('every replica healthy to the engine', () =>
        until(
          'the engine reports every replica healthy',
          () =>
            docker('service', 'ls', '--filter', `label=com.docker.stack.namespace=${stack}`, '--format', '{{.Replicas}}').split('\n').sort().join(' ') ===
            '1/1 4/4',
          150_000,
        ),
      );
    } finally {
      const down = await clock('sslab fleet down (docker stack rm, and wait)', () => sslab('fleet', 'down', name, '--runtime', 'docker'));
      expect(down.code, down.err).toBe(0);
      expect(down.out).toContain('2 services of its stack removed');
      expect(leftovers(stack)).toEqual([]);
      if (joined) await clock('docker swarm leave', () => docker('swarm', 'leave', '--force'));
      cleanUpAfterTimeout = undefined;
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(join(ROOT, 'reports', 'out'), { recursive: true });
      writeFileSync(join(ROOT, 'reports', 'out', 'fleet-swarm.json'), `${JSON.stringify({ phases }, null, 2)}\n`);
      console.log(`fleet on a Swarm:\n${phases.map((p) => `  ${p.phase}: ${(p.ms / 1000).toFixed(1)} s`).join('\n')}`);
    }
    expect(docker('ps', '-a', '--filter', `label=com.docker.stack.namespace=${stack}`, '--format', '{{.Names}}')).toBe('');
    if (joined) expect(docker('info', '--format', '{{.Swarm.LocalNodeState}}')).toBe('inactive');
  }, 600_000);
