import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import type Docker from 'dockerode';
import { BUILD_ENTRY, buildEmulator } from './build';

/**
 * The emulator's container image, made without pulling anything from a registry: the root file
 * system holds this machine's own node binary and the libraries it links, the emulator transpiled
 * to JavaScript (build.ts) and the packages it loads with the packages they depend on
 * (emulatorPackages), and is handed to the engine as a tar (`docker import`). Its tag is a digest
 * of what went in, so an unchanged project reuses the image it built before. (With registry
 * access, the Dockerfile at the project root builds an equivalent image from
 * node:20-bookworm-slim.)
 */

export const IMAGE_REPOSITORY = 'sslab-emulator';
const ROOT = join(__dirname, '..', '..', '..');
/**
 * What no process reads at run time: source maps, type declarations, and the build leftovers and
 * sources of the native module. The engine takes in every file of the image on each new build, at
 * a cost that grows with the number of files more than with their bytes; on a loaded machine that
 * was the longest part of a Swarm fleet's start.
 */
const EXCLUDED = [
  '*.map',
  '*.d.ts',
  '*.d.mts',
  '*.d.cts',
  './app/node_modules/better-sqlite3/deps',
  './app/node_modules/better-sqlite3/src',
  './app/node_modules/better-sqlite3/build/Release/obj',
  './app/node_modules/better-sqlite3/build/Release/obj.target',
  './app/node_modules/better-sqlite3/build/Release/sqlite3.a',
  './app/node_modules/better-sqlite3/build/Release/test_extension.node',
];

/** `require('name')` and `require.resolve('name/…')` with a literal name, as the transpiled files hold them. */
const REQUIRE = /\brequire(?:\.resolve)?\(\s*(['"`])([^'"`]+)\1\s*[,)]/g;

const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** The packages the transpiled emulator names, following its own modules from the entry file. */
function packagesRequired(build: string, entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, , specifier] of readFileSync(file, 'utf8').matchAll(REQUIRE)) {
      if (specifier.startsWith('.')) {
        const base = join(dirname(file), specifier);
        const module = [base, `${base}.js`, join(base, 'index.js')].find((path) => existsSync(path) && statSync(path).isFile());
        if (module?.endsWith('.js')) visit(module);
      } else if (!specifier.startsWith('node:') && !isBuiltin(specifier)) {
        packages.add(packageOf(specifier));
      }
    }
  };
  visit(join(build, entry));
  return packages;
}

/**
 * The top-level package folders the emulator needs at run time: those its code loads, and what
 * they depend on, found as Node finds it (the nearest node_modules up the tree). The CLI's and the
 * suite's packages (cucumber, the TypeScript compiler, the browser, Docker) stay out.
 */
export function emulatorPackages(build: string, root = ROOT): string[] {
  const modules = join(root, 'node_modules');
  const top = new Set<string>();
  const seen = new Set<string>();
  const installed = (from: string, name: string): string | undefined => {
    for (let dir = from; ; dir = dirname(dir)) {
      const candidate = join(dir, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) return candidate;
      if (dir === root || dirname(dir) === dir) return undefined;
    }
  };
  const visit = (folder: string) => {
    if (seen.has(folder)) return;
    seen.add(folder);
    const rel = relative(modules, folder);
    if (!rel.startsWith('..')) top.add(packageOf(rel.split(sep).join('/')));
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    // Optional and peer dependencies count when they are installed: the package loads them if it finds them.
    for (const name of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies, ...manifest.peerDependencies })) {
      const found = installed(folder, name);
      if (found) visit(found);
    }
  };
  for (const name of packagesRequired(build, BUILD_ENTRY)) {
    const found = installed(root, name);
    if (!found) throw new Error(`the emulator loads ${name}, which is not installed in ${modules}`);
    visit(found);
  }
  return [...top].sort();
}

/** Every shared library that `files` link, as ldd lists them (the loader included). */
function linkedLibraries(files: string[]): string[] {
  const libraries = new Set<string>();
  for (const file of files) {
    for (const line of execFileSync('ldd', [file], { encoding: 'utf8' }).split('\n')) {
      const match = /(?:=>\s*)?(\/\S+)\s+\(0x/.exec(line);
      if (match) libraries.add(match[1]);
    }
  }
  return [...libraries].sort();
}

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

/** A digest of the node binary, the lock file and every file of the transpiled emulator. */
function contentDigest(packages: string[], build: string): string {
  const hash = createHash('sha256');
  const node = statSync(process.execPath);
  hash.update(`${process.version} ${node.size} ${node.mtimeMs}\n`);
  hash.update(readFileSync(join(ROOT, 'package-lock.json')));
  hash.update(packages.join('\n'));
  for (const file of walk(build).sort()) {
    hash.update(`${relative(build, file)}\n`);
    hash.update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

function link(root: string, inside: string, target: string): void {
  const at = join(root, inside);
  mkdirSync(dirname(at), { recursive: true });
  symlinkSync(target, at);
}

/**
 * A folder of links laid out as the image's root file system; tar follows the links. Without the
 * node binary and its libraries, it holds only the emulator's tree (/app), to run on this machine's own.
 */
export function stageRootfs(packages: string[], build: string, withNode = true): string {
  const stage = mkdtempSync(join(tmpdir(), 'sslab-image-'));
  const rootfs = join(stage, 'rootfs');
  if (withNode) {
    link(rootfs, 'usr/local/bin/node', process.execPath);
    const addons = packages.flatMap((p) => {
      const release = join(ROOT, 'node_modules', p, 'build', 'Release');
      return existsSync(release)
        ? readdirSync(release)
            .filter((f) => f.endsWith('.node'))
            .map((f) => join(release, f))
        : [];
    });
    for (const library of linkedLibraries([process.execPath, ...addons])) link(rootfs, library.slice(1), library);
    mkdirSync(join(rootfs, 'tmp'));
    chmodSync(join(rootfs, 'tmp'), 0o1777);
  }
  for (const entry of readdirSync(build)) link(rootfs, join('app', entry), join(build, entry));
  for (const p of packages) link(rootfs, join('app', 'node_modules', p), join(ROOT, 'node_modules', p));
  return stage;
}

/** tar's arguments that write the staged root file system to its output, links followed, leaving out what is not read at run time. */
export function tarArguments(rootfs: string): string[] {
  return ['-c', '-h', '-C', rootfs, ...EXCLUDED.map((pattern) => `--exclude=${pattern}`), '.'];
}

/** Each change of the project makes a new image; the older ones go, unless a container still uses one. */
async function removeOlderImages(docker: Docker, keep: string): Promise<void> {
  const images = await docker.listImages({ filters: { reference: [IMAGE_REPOSITORY] } });
  for (const image of images) {
    if ((image.RepoTags ?? []).includes(keep)) continue;
    await docker
      .getImage(image.Id)
      .remove()
      .catch(() => undefined);
  }
}

export interface ImageResult {
  tag: string;
  built: boolean;
}

/** The image for this project as it is now: reused when present, else built and imported. */
export async function ensureImage(docker: Docker, log: (line: string) => void, rebuild = false): Promise<ImageResult> {
  const build = buildEmulator().dir;
  const packages = emulatorPackages(build);
  const tag = `${IMAGE_REPOSITORY}:${contentDigest(packages, build)}`;
  if (!rebuild) {
    try {
      await docker.getImage(tag).inspect();
      return { tag, built: false };
    } catch {
      // not there yet
    }
  }
  log(`building image ${tag} from this machine's node ${process.version} and the ${packages.length} packages the emulator loads`);
  const stage = stageRootfs(packages, build);
  try {
    const tar = spawn('tar', tarArguments(join(stage, 'rootfs')), { stdio: ['ignore', 'pipe', 'pipe'] });
    let tarErrors = '';
    tar.stderr.on('data', (chunk: Buffer) => (tarErrors += chunk.toString()));
    const [repo, version] = tag.split(':');
    const progress = await docker.importImage(tar.stdout, {
      repo,
      tag: version,
      changes: ['WORKDIR /app', 'ENV HOME=/tmp', `ENTRYPOINT ["/usr/local/bin/node", "/app/${BUILD_ENTRY}"]`],
    });
    await new Promise<void>((resolve, reject) => docker.modem.followProgress(progress, (error: Error | null) => (error ? reject(error) : resolve())));
    const tarCode = tar.exitCode ?? (await new Promise<number | null>((resolve) => tar.once('exit', resolve)));
    if (tarCode !== 0) throw new Error(`tar failed (${tarCode}): ${tarErrors.trim()}`);
    await docker.getImage(tag).inspect();
    await removeOlderImages(docker, tag);
    return { tag, built: true };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
