import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type Docker from 'dockerode';
import { BUILD_ENTRY, buildEmulator } from './build';

/**
 * The emulator's container image, made without pulling anything from a registry: the root file
 * system holds this machine's own node binary and the libraries it links, the emulator transpiled
 * to JavaScript (build.ts) and the production dependencies (not the optional ones: Docker and the
 * browser are for the CLI and the suite, never the emulator), and is handed to the engine as a tar
 * (`docker import`). Its tag is a digest of what went in, so an unchanged project reuses the image
 * it built before. (With registry access, the Dockerfile at the project root builds an equivalent
 * image from node:20-bookworm-slim.)
 */

export const IMAGE_REPOSITORY = 'sslab-emulator';
const ROOT = join(__dirname, '..', '..', '..');
/** Build leftovers and sources of native modules that are not needed to run. */
const EXCLUDED = [
  './app/node_modules/better-sqlite3/deps',
  './app/node_modules/better-sqlite3/src',
  './app/node_modules/better-sqlite3/build/Release/obj',
  './app/node_modules/better-sqlite3/build/Release/obj.target',
];

/**
 * Top-level package folders of the production dependency closure (npm's own account of it),
 * without the optional packages: a Chromium among them would make the image a third larger, and
 * the engine takes in every byte of it on each new build.
 */
export function productionPackages(root = ROOT): string[] {
  const out = execFileSync('npm', ['ls', '--omit=dev', '--omit=optional', '--all', '--parseable'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 16 * 1024 * 1024,
  });
  const top = new Set<string>();
  for (const line of out.split('\n')) {
    const rel = relative(join(root, 'node_modules'), line.trim());
    if (!line.trim() || rel.startsWith('..') || rel === '') continue;
    const parts = rel.split('/');
    top.add(parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]);
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

/** A folder of links laid out as the image's root file system; tar follows the links. */
function stageRootfs(packages: string[], build: string): string {
  const stage = mkdtempSync(join(tmpdir(), 'sslab-image-'));
  const rootfs = join(stage, 'rootfs');
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
  for (const entry of readdirSync(build)) link(rootfs, join('app', entry), join(build, entry));
  for (const p of packages) link(rootfs, join('app', 'node_modules', p), join(ROOT, 'node_modules', p));
  mkdirSync(join(rootfs, 'tmp'));
  chmodSync(join(rootfs, 'tmp'), 0o1777);
  return stage;
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
  const packages = productionPackages();
  const build = buildEmulator().dir;
  const tag = `${IMAGE_REPOSITORY}:${contentDigest(packages, build)}`;
  if (!rebuild) {
    try {
      await docker.getImage(tag).inspect();
      return { tag, built: false };
    } catch {
      // not there yet
    }
  }
  log(`building image ${tag} from this machine's node ${process.version} and ${packages.length} production packages`);
  const stage = stageRootfs(packages, build);
  try {
    const tar = spawn('tar', ['-c', '-h', '-C', join(stage, 'rootfs'), ...EXCLUDED.map((e) => `--exclude=${e}`), '.'], { stdio: ['ignore', 'pipe', 'pipe'] });
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
