import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { readFleetFile, withSeed } from '../../control-plane/fleets/description';
import { planFleet } from '../../control-plane/fleets/generate';
import { freePortRange, type Phase, type UpResult } from './topology';
import { runFeature, sslab } from './run-feature';

/**
 * `sslab fleet up --runtime process` brings the emulator up as a portal-and-cloud process and four
 * shards, the suite's online-activation feature passes against its one URL, and `sslab fleet down`
 * leaves nothing behind. (`--runtime docker` deploys the Compose file on a Swarm: swarm-stack.test.ts.)
 */

const ROOT = join(__dirname, '..', '..', '..');
const CAMPUS = join(ROOT, 'emulator', 'control-plane', 'fleets', 'examples', 'campus.yaml');
const SEED = join(ROOT, 'features', 'fixtures', 'real-seed.json');

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) } });
  expect(response.status, `${init?.method ?? 'GET'} ${url}`).toBeLessThan(300);
  return response.json() as Promise<T>;
}

const runtime = 'process';

test(`a 4-shard fleet comes up with --runtime ${runtime}, passes the online activation feature through one URL, and goes down leaving nothing`, async () => {
  // Unique to this run and its ports picked apart: others may run the same test on this machine at the same time.
  const name = `fleet-up-test-${runtime}-${process.pid}`;
  const port = await freePortRange(5, 20_000 + Math.floor(Math.random() * 200) * 100);
  const dir = mkdtempSync(join(tmpdir(), `sslab-${name}-`));
  const phases: Phase[] = [];
  const pids: number[] = [];
  const clock = async <T>(phase: string, work: () => Promise<T>) => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      phases.push({ phase, ms: Math.round(performance.now() - started) });
    }
  };
  try {
    const up = await clock('sslab fleet up (whole command)', () =>
      sslab('fleet', 'up', '--runtime', runtime, '--shards', '4', '--name', name, '--port', String(port), '--fleet', CAMPUS, '--seed', SEED, '--json'),
    );
    expect(up.code, up.err).toBe(0);
    const result = JSON.parse(up.out.trim().split('\n').pop()!) as UpResult;
    phases.push(...result.phases.map((p) => ({ phase: `  ${p.phase}`, ms: p.ms })));
    expect(result.shardUrls).toHaveLength(4);
    const record = JSON.parse(readFileSync(join(ROOT, 'reports', 'out', 'fleets', `${name}.json`), 'utf8')) as { processes: { pid: number }[] };
    pids.push(...record.processes.map((p) => p.pid));

    // The one URL knows the fleet, and a SmartServer of the last shard answers through it.
    const plan = planFleet(withSeed(readFleetFile(CAMPUS)));
    await clock('a fleet SmartServer through the front door', async () => {
      const fleet = await json<{ smartServers: number; shards: number; devices: { total: number } }>(`${result.url}/_emulator/fleets/campus`);
      expect(fleet).toMatchObject({ smartServers: plan.totals.smartServers, shards: 4, devices: { total: plan.totals.devices.total } });
      const members = await json<{ installCode: string; shard: number }[]>(`${result.url}/_emulator/fleets/campus/smartservers`);
      const member = members.find((m) => m.shard === 3)!;
      const planned = plan.smartServers.find((s) => s.installCode === member.installCode)!;
      const { token } = await json<{ token: string }>(`${result.url}/smartservers/${member.installCode}/login`, {
        method: 'POST',
        body: JSON.stringify({ username: 'owner', password: plan.password }),
      });
      const devices = await json<unknown[]>(`${result.url}/smartservers/${member.installCode}/iap/devs`, { headers: { authorization: `Bearer ${token}` } });
      expect(devices).toHaveLength(planned.devices.lon + planned.devices.bacnet + planned.devices.modbus);
    });

    const feature = await clock('online activation feature (cucumber)', () => runFeature(result.url, dir));
    expect(feature.statuses.length, feature.err).toBeGreaterThan(0);
    expect(feature.statuses, feature.err).toEqual(feature.statuses.map(() => 'passed'));
    expect(feature.code, feature.err).toBe(0);
    // The run's own report files stay in its folder, away from a conformance run's reports/out/emulator.
    expect(existsSync(join(dir, 'reports', 'emulator', 'target.json'))).toBe(true);
  } finally {
    const down = await clock('sslab fleet down', () => sslab('fleet', 'down', name, '--runtime', runtime));
    expect(down.code, down.err).toBe(0);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(ROOT, 'reports', 'out'), { recursive: true });
    writeFileSync(join(ROOT, 'reports', 'out', `fleet-up-${runtime}.json`), `${JSON.stringify({ runtime, phases }, null, 2)}\n`);
    console.log(`fleet up with --runtime ${runtime}:\n${phases.map((p) => `  ${p.phase}: ${(p.ms / 1000).toFixed(1)} s`).join('\n')}`);
  }
  expect(pids).toHaveLength(5);
  const running = pids.filter((pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  });
  expect(running).toEqual([]);
  expect(existsSync(join(ROOT, 'reports', 'out', 'fleets', `${name}.json`))).toBe(false);
}, 120_000);
