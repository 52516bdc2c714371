import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { listeningAddress } from '../../testing/http-test-kit';
import { BUILD_ENTRY, buildEmulator } from './build';
import { emulatorPackages, stageRootfs, tarArguments } from './image';

/**
 * The image holds only the packages the emulator loads. These check that choice without a Docker
 * engine: the image's /app, written as the image's tar is and unpacked outside this repository
 * (where no other node_modules can be found), runs the emulator and serves its pages.
 */

let folder: string;
let stage: string;
let packages: string[];
let emulator: ChildProcess | undefined;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'sslab-image-test-'));
  const build = buildEmulator(join(folder, 'build')).dir;
  packages = emulatorPackages(build);
  // The image's node binary and libraries are this machine's own: the unpacked tree runs on them.
  stage = stageRootfs(packages, build, false);
  const tar = execFileSync('tar', tarArguments(join(stage, 'rootfs')), { maxBuffer: 512 * 1024 * 1024 });
  execFileSync('mkdir', [join(folder, 'rootfs')]);
  execFileSync('tar', ['-x', '-C', join(folder, 'rootfs')], { input: tar });
}, 60_000);

afterAll(() => {
  emulator?.kill('SIGTERM');
  rmSync(folder, { recursive: true, force: true });
  rmSync(stage, { recursive: true, force: true });
});

test("the image's packages are those the emulator loads with their dependencies, not the CLI's or the suite's", () => {
  expect(packages).toEqual(expect.arrayContaining(['fastify', 'better-sqlite3', 'xstate', 'swagger-ui-dist', 'avvio', 'bindings']));
  for (const left of ['typescript', 'sucrase', '@cucumber/cucumber', '@cucumber/html-formatter', 'msw', 'dockerode', 'playwright-core', 'vitest']) {
    expect(packages).not.toContain(left);
  }
});

test('the unpacked tree runs the emulator, and its API document viewer finds its scripts', async () => {
  const child = spawn(process.execPath, [join(folder, 'rootfs', 'app', BUILD_ENTRY), '--port', '0', '--data-file', ':memory:', '--quiet'], {
    cwd: join(folder, 'rootfs', 'app'),
    env: { PATH: process.env.PATH, HOME: folder, SSLAB_PASSWORD_COST: 'fast' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  emulator = child;
  const url = await listeningAddress(child);
  expect((await fetch(`${url}/_emulator/health`)).status).toBe(200);
  const viewer = await fetch(`${url}/docs/assets/swagger-ui-bundle.js`);
  expect(viewer.status).toBe(200);
  expect((await viewer.text()).length).toBeGreaterThan(100_000);
});
