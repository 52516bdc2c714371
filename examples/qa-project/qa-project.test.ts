// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${NAME} is the configuration's own syntax for an address from the environment
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { installedSslab, newProject, packedInstall, projectEnv, type PackedInstall } from '../../cli/testing/packed-install';
import { listScenarios } from '../../reports/scenarios';

/** Every scenario the package bundles, as its own feature files hold them. */
const BUNDLED = listScenarios(join(__dirname, '..', '..', 'features'), join(__dirname, '..', '..'));
const tagged = (...tags: string[]) => BUNDLED.filter((s) => tags.every((tag) => s.tags.includes(tag)));

/** The requirements of logging in and transferring to a customer: the partner portal's share the browser test runs. */
const PARTNER_REQUIREMENTS = ['@REQ-PP-1', '@REQ-PP-7', '@REQ-PP-8', '@REQ-PP-9'];
/** That share of the partner-browser target, with the project's own scenario; the browser target runs every @ui scenario through the same pages. */
const PARTNER_BROWSER_SHARE = ['@area:our-erp', ...PARTNER_REQUIREMENTS].join(' or ');
const PARTNER_BROWSER_SCENARIOS = tagged('@area:partner-portal', '@ui').filter((s) => PARTNER_REQUIREMENTS.some((t) => s.tags.includes(t))).length;

/*
 * A QA team's project, installed from the packed tarball as a team installs sslab: its own
 * feature (bundled steps and one of its own), its own drivers for the vendor's portals and a
 * cloud adapter, run in three mixes. The install is shared with cli/package.test.ts.
 */

const MINUTES = 60_000;
const EXAMPLE = __dirname;
let install: PackedInstall;
let project: string;
let staging: { url: string; secret: string; process: ChildProcess } | undefined;

interface Outcome {
  passed: number;
  failed: number;
  ours: number;
}

/** The scenarios a run's cucumber JSON holds: passed, failed, and how many were the project's own. */
function outcome(target: string): Outcome {
  const features = JSON.parse(readFileSync(join(project, 'reports', 'out', target, 'cucumber.json'), 'utf8')) as {
    uri: string;
    elements?: { type?: string; steps?: { result?: { status?: string } }[] }[];
  }[];
  const counts = { passed: 0, failed: 0, ours: 0 };
  for (const feature of features) {
    for (const element of feature.elements ?? []) {
      if (element.type === 'background') continue;
      const passed = (element.steps ?? []).every((step) => step.result?.status === 'passed');
      counts[passed ? 'passed' : 'failed'] += 1;
      if (feature.uri.startsWith('features/')) counts.ours += 1;
    }
  }
  return counts;
}

const targetSummary = (target: string) =>
  JSON.parse(readFileSync(join(project, 'reports', 'out', target, 'target.json'), 'utf8')) as {
    systems: Record<string, string>;
    surfaces: Record<string, string>;
    leftOut: { expression: string; reason: string }[];
  };

/**
 * The installed package's own command, as `npx sslab` finds it (cli/package.test.ts runs it through
 * npx; here npm's start-up would only add to every run).
 */
const sslab = (args: string[], env: Record<string, string> = {}) => installedSslab(project, args, env);

const conformance = (target: string, env: Record<string, string> = {}) => sslab(['conformance', '--targets', target, '--no-paths'], env);

/** The installed emulator with its admin API off, standing in for the team's staging portals and cloud. */
async function startStaging(): Promise<{ url: string; secret: string; process: ChildProcess }> {
  const secret = randomBytes(32).toString('base64');
  const seed = join(project, 'node_modules', 'sslab', 'features', 'fixtures', 'real-seed.json');
  // The installed command itself, not through npx: stopping it then stops the emulator, not npx in front of it.
  const bin = join(project, 'node_modules', 'sslab', 'bin', 'sslab.js');
  const args = [bin, 'emulator', '--port', '0', '--no-admin', '--data-file', ':memory:', '--seed', seed, '--quiet'];
  const child = spawn(process.execPath, args, {
    cwd: project,
    env: projectEnv({ SSLAB_TOKEN_SECRET: secret, SSLAB_PASSWORD_COST: 'fast' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`the staging emulator exited with ${code}:\n${out}`)));
  });
  return { url, secret, process: child };
}

/** A loopback port nothing listens on: one the system just gave out and took back. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  install = await packedInstall();
  project = newProject(install, 'sslab-qa-project');
  for (const part of ['sslab.config.json', 'features', 'drivers']) cpSync(join(EXAMPLE, part), join(project, part), { recursive: true });
}, 20 * MINUTES);

afterAll(() => {
  staging?.process.kill('SIGTERM');
  if (project) rmSync(project, { recursive: true, force: true });
});

/*
 * The whole bundled suite from the installed package, beside a project's own features and steps,
 * is cli/package.test.ts's first test; here the project's own configuration deals a share of it
 * and the project's scenario out to two shards of the target that emulates everything.
 */
test(
  "everything emulated, the project's own features are dealt out to the shards with the bundled ones, each to exactly one",
  async () => {
    const runs: Outcome[] = [];
    for (const shard of ['1/2', '2/2']) {
      const result = await sslab(['conformance', '--targets', 'emulated', '--shard', shard, '--tags', '@area:our-erp or @area:capacity']);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      runs.push(outcome('emulated'));
      expect(targetSummary('emulated').leftOut).toEqual([]);
    }
    expect(runs.map((r) => r.failed)).toEqual([0, 0]);
    expect(runs[0].ours + runs[1].ours).toBe(1);
    expect(runs[0].passed).toBeGreaterThan(0);
    expect(runs[1].passed).toBeGreaterThan(0);
    expect(runs[0].passed + runs[1].passed).toBe(1 + tagged('@area:capacity').length);
  },
  5 * MINUTES,
);

test(
  'the vendor side at a staging system through our own drivers, the SmartServers emulated here and reaching its cloud',
  async () => {
    staging = await startStaging();
    const result = await conformance('staging', { STAGING_URL: staging.url, STAGING_TOKEN_SECRET: staging.secret });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const { passed, failed, ours } = outcome('staging');
    expect({ failed, ours }).toEqual({ failed: 0, ours: 1 });
    // The real target's set, the project's own scenario and EcoStruxure's (emulated here): the back office and clock scenarios are left out.
    expect(passed).toBeGreaterThanOrEqual(70);
    const summary = targetSummary('staging');
    expect(summary.systems).toEqual({ vendor: staging.url, smartservers: 'emulated in this process', ecostruxure: 'emulated in this process' });
    expect(summary.surfaces.partnerPortal).toMatch(/drivers\/partner-portal\.ts$/);
    expect(summary.leftOut.map((l) => l.expression)).toEqual(['@backoffice and not @area:ecostruxure', '@clock and not @area:ecostruxure']);
    expect(result.stdout).toContain(
      `left out, @backoffice and not @area:ecostruxure: setting up orders or SmartServers needs the back office and the control plane, not offered by vendor (${staging.url})`,
    );
    const calls = JSON.parse(readFileSync(join(project, 'reports', 'out', 'our-driver-calls.json'), 'utf8')) as Record<string, number>;
    expect(calls['partnerPortal.logIn']).toBeGreaterThan(0);
    expect(calls['customerPortal.licenses']).toBeGreaterThan(0);
    const report = readFileSync(join(project, 'reports', 'out', 'conformance.md'), 'utf8');
    expect(report).toMatch(/The staging target left out \d+ scenarios/);
    expect(report).toContain(`  - vendor: ${staging.url}`);
  },
  5 * MINUTES,
);

test(
  'the partner portal through the browser while the other surfaces of the vendor side go through the API',
  async () => {
    // The browser run's optional package, as a team adds it: here the one this checkout has.
    const extra = join(project, 'optional', 'node_modules');
    mkdirSync(extra, { recursive: true });
    if (!existsSync(join(extra, 'playwright-core')))
      symlinkSync(join(__dirname, '..', '..', 'node_modules', 'playwright-core'), join(extra, 'playwright-core'), 'dir');
    const result = await sslab(['conformance', '--targets', 'partner-browser', '--no-paths', '--tags', PARTNER_BROWSER_SHARE], { NODE_PATH: extra });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const { passed, failed, ours } = outcome('partner-browser');
    expect({ failed, ours }).toEqual({ failed: 0, ours: 1 });
    expect(passed).toBe(1 + PARTNER_BROWSER_SCENARIOS);
    const summary = targetSummary('partner-browser');
    expect(summary.surfaces).toMatchObject({ partnerPortal: 'the browser', customerPortal: 'the API', orderDesk: 'the API' });
  },
  5 * MINUTES,
);

test(
  'a target whose staging address is not set or does not answer, or whose driver lacks an operation, is refused before anything runs',
  async () => {
    const unset = await conformance('staging', { STAGING_TOKEN_SECRET: 'x' });
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain('targets.staging.systems.vendor.url: ${STAGING_URL} is not set in the environment');
    const closed = await closedPort();
    const unreachable = await conformance('staging', { STAGING_URL: `http://127.0.0.1:${closed}`, STAGING_TOKEN_SECRET: 'x' });
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toContain(`targets.staging.systems.vendor: http://127.0.0.1:${closed} cannot be reached (ECONNREFUSED); check the address`);
    expect(unreachable.stderr).not.toMatch(/\n\s+at /);
    writeFileSync(join(project, 'drivers', 'lacking.ts'), "export default () => ({ logIn: async () => ({ email: '', token: '' }) });\n");
    writeFileSync(
      join(project, 'broken.config.json'),
      JSON.stringify({
        targets: { broken: { systems: { vendor: 'emulator', smartservers: 'emulator' }, surfaces: { partnerPortal: './drivers/lacking.ts' } } },
      }),
    );
    const lacking = await sslab(['conformance', '--config', 'broken.config.json', '--targets', 'broken']);
    expect(lacking.code).toBe(2);
    expect(lacking.stderr).toMatch(
      /targets\.broken\.surfaces\.partnerPortal: the driver from \.\/drivers\/lacking\.ts lacks .*myInventory.*; implement every operation/,
    );
  },
  2 * MINUTES,
);
