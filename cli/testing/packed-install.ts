import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alive } from '../../emulator/runtime/fleet/process-runtime';

/**
 * sslab packed with `npm pack` and installed, offline, into an empty project outside this
 * repository, the way a team installs it. Installing takes a while (npm pack builds the type
 * declarations; npm unpacks some 400 packages), so the install is made once and kept in a
 * temporary folder named by a hash of what was packed;
 * every test that needs the package (and every later run while nothing changed) reuses it, and
 * works in a fresh project folder of its own that shares the installed node_modules.
 */
const REPO = join(__dirname, '..', '..');
const CACHE = join(tmpdir(), 'sslab-packed-install');
const REGISTRY = 'https://registry.npmjs.org';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface PackedInstall {
  /** The project sslab was installed into. */
  installDir: string;
  /** The tarball npm pack made. */
  tarball: string;
  /** Every path in the tarball, relative to the package's root. */
  packedFiles: string[];
}

/** The environment of a command run in a project: this test run's npm, vitest and sslab settings left behind. */
export function projectEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^(npm_|SSLAB_|VITEST|INIT_CWD$)/i.test(key)) env[key] = value;
  return { ...env, ...extra };
}

export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = projectEnv()): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function mustRun(command: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<string> {
  const result = await run(command, args, cwd, env);
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited with ${result.code}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** What npm pack would put in the tarball, without running the prepack script. */
async function filesToPack(): Promise<string[]> {
  const out = await mustRun('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], REPO);
  return (JSON.parse(out) as { files: { path: string }[] }[])[0].files.map((f) => f.path).sort();
}

/** A hash of the packed files' names and contents and of the lock: an install made from the same is the same. */
function keyOf(files: string[]): string {
  const hash = createHash('sha256');
  for (const file of [...files, 'package-lock.json']) {
    // The declarations are made from the sources by npm pack; the sources are hashed already.
    if (file.startsWith('types/')) continue;
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(REPO, file)))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * A lockfile for the project, made from this repository's: the runtime packages at the versions
 * it pins, each with the registry address its tarball has in npm's cache. With it npm installs
 * offline, from the cache alone, without asking the registry which versions there are.
 */
function projectLock(tarballName: string): string {
  const repoLock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, Record<string, unknown>> };
  const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as Record<string, unknown>;
  const spec = `file:../${tarballName}`;
  const packages: Record<string, Record<string, unknown>> = {
    '': { name: 'sslab-packed-install', dependencies: { sslab: spec } },
    'node_modules/sslab': {
      version: manifest.version,
      resolved: spec,
      license: manifest.license,
      dependencies: manifest.dependencies,
      optionalDependencies: manifest.optionalDependencies,
      bin: manifest.bin,
      engines: manifest.engines,
    },
  };
  for (const [path, entry] of Object.entries(repoLock.packages)) {
    if (path === '' || entry.dev) continue;
    const { devOptional, ...rest } = entry;
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    packages[path] = {
      ...rest,
      ...(devOptional ? { optional: true } : {}),
      resolved: `${REGISTRY}/${name}/-/${name.split('/').pop()}-${String(entry.version)}.tgz`,
    };
  }
  return `${JSON.stringify({ name: 'sslab-packed-install', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}

/**
 * better-sqlite3's install fetches a prebuilt binary for this Node and platform, and compiles from
 * source only when none can be had (as here, offline). A team online gets the prebuilt one, so the
 * install is given the very binary this checkout's own install holds, as the local prebuild the
 * install looks for first; without one (another Node, another libc) it compiles, as before.
 */
async function offerLocalPrebuild(dir: string): Promise<void> {
  const pkgDir = join(REPO, 'node_modules', 'better-sqlite3');
  const binary = join(pkgDir, 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(binary)) return;
  const { name, version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { name: string; version: string };
  const prebuilds = join(dir, 'prebuilds');
  const staged = join(prebuilds, 'staged');
  mkdirSync(join(staged, 'build', 'Release'), { recursive: true });
  copyFileSync(binary, join(staged, 'build', 'Release', 'better_sqlite3.node'));
  const archive = join(prebuilds, `${name}-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`);
  await mustRun('tar', ['-czf', archive, '-C', staged, 'build'], dir);
  rmSync(staged, { recursive: true, force: true });
  // prebuild-install reads its settings from a .prebuild-installrc in any folder above the package
  // it installs (an environment variable would not do: npm warns of an npm_config_ one it does not
  // know, and sh drops prebuild-install's own, whose name holds a hyphen).
  writeFileSync(join(dir, '.prebuild-installrc'), `local-prebuilds=${prebuilds}\n`);
}

/** Packs and installs into `dir`; the optional packages (Docker, the browser) are left out, as a team without them has it. */
async function packAndInstall(dir: string): Promise<void> {
  mkdirSync(join(dir, 'project'), { recursive: true });
  await mustRun('npm', ['pack', '--pack-destination', dir], REPO);
  const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { name: string; version: string };
  const tarballName = `${manifest.name}-${manifest.version}.tgz`;
  const project = join(dir, 'project');
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'sslab-packed-install', private: true, dependencies: { sslab: `file:../${tarballName}` } }, null, 2)}\n`,
  );
  writeFileSync(join(project, 'package-lock.json'), projectLock(tarballName));
  // Should the prebuilt binary not fit, better-sqlite3 compiles against the installed Node's headers.
  const nodedir: Record<string, string> = existsSync('/usr/include/node') ? { npm_config_nodedir: '/usr' } : {};
  await offerLocalPrebuild(dir);
  await mustRun('npm', ['install', '--offline', '--no-audit', '--no-fund', '--omit=optional', join('..', tarballName)], project, projectEnv(nodedir));
  writeFileSync(join(dir, 'tarball'), tarballName);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Installs unused for a day are removed (other checkouts on this machine may still use the recent ones). */
const KEEP_MS = 24 * 60 * 60 * 1000;

function removeStaleInstalls(): void {
  for (const name of readdirSync(CACHE)) {
    const ready = join(CACHE, name, 'ready');
    if (existsSync(ready) && Date.now() - statSync(ready).mtimeMs > KEEP_MS) rmSync(join(CACHE, name), { recursive: true, force: true });
  }
}

/** The install for the current sources: made now, or the one an earlier test (or run) made. */
export async function packedInstall(): Promise<PackedInstall> {
  const packedFiles = await filesToPack();
  const dir = join(CACHE, keyOf(packedFiles));
  const ready = join(dir, 'ready');
  const lock = `${dir}.lock`;
  mkdirSync(CACHE, { recursive: true });
  // Test files run in parallel workers: one makes the install, the others wait for it.
  while (!existsSync(ready)) {
    try {
      mkdirSync(lock);
    } catch {
      const holder = Number(readFileSync(join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
      if (holder && !alive(holder)) rmSync(lock, { recursive: true, force: true });
      await sleep(1000);
      continue;
    }
    try {
      writeFileSync(join(lock, 'pid'), String(process.pid));
      const work = mkdtempSync(`${dir}.making-`);
      try {
        await packAndInstall(work);
      } catch (error) {
        rmSync(work, { recursive: true, force: true });
        throw error;
      }
      rmSync(dir, { recursive: true, force: true });
      renameSync(work, dir);
      writeFileSync(ready, new Date().toISOString());
      removeStaleInstalls();
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  // Touched on every use, so an install in use is never taken for a stale one.
  const now = new Date();
  utimesSync(ready, now, now);
  const tarballName = readFileSync(join(dir, 'tarball'), 'utf8');
  return { installDir: join(dir, 'project'), tarball: join(dir, tarballName), packedFiles };
}

/** A new project folder outside the repository, with a package.json and the installed node_modules. */
export function newProject(install: PackedInstall, name: string): string {
  const project = mkdtempSync(join(tmpdir(), `${name}-`));
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name, private: true }, null, 2)}\n`);
  symlinkSync(join(install.installDir, 'node_modules'), join(project, 'node_modules'), 'dir');
  return project;
}

/** `npx sslab …` in a project: the installed package's command, nothing fetched. */
export function sslab(project: string, ...args: string[]): Promise<RunResult> {
  return run('npx', ['--no', 'sslab', ...args], project);
}

/**
 * The installed package's command run straight from the project's node_modules, as npx ends up
 * running it: for the tests after the first through npx, which would each pay npm's start-up again.
 */
export function installedSslab(project: string, args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  return run(process.execPath, [join(project, 'node_modules', 'sslab', 'bin', 'sslab.js'), ...args], project, projectEnv(env));
}
