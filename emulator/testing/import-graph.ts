import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The project's imports as a graph, read from the source text: every `import … from`, `export … from`,
 * `require()` and `import()` naming a relative path, type-only imports included (they do not run,
 * but they still tie two files together). Tests, benchmarks and generated output are left out.
 */
export interface ImportGraph {
  /** Project-relative paths with forward slashes, in a stable order. */
  files: string[];
  /** File → the project files it imports. */
  edges: Map<string, string[]>;
  /** File → the bare module names it imports (`node:fs`, `fastify`, …). */
  packages: Map<string, string[]>;
}

const SOURCE = /\.(ts|js|cjs)$/;
const LEFT_OUT = /\.(test|spec|d|bench)\.ts$|\.child\.ts$/;
const SPECIFIER =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;

const posix = (path: string) => path.split(sep).join('/');

function sourceFiles(root: string, folder: string): string[] {
  const full = join(root, folder);
  if (!existsSync(full)) return [];
  return readdirSync(full).flatMap((name) => {
    if (name === 'node_modules' || name === 'out' || name.startsWith('.')) return [];
    const path = join(folder, name);
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(root, path);
    return SOURCE.test(name) && !LEFT_OUT.test(name) ? [posix(path)] : [];
  });
}

/** The browser's own scripts (the gateway's static folder, a service's page folder) are served, not imported: they are left out. */
const SERVED = /\/(static|page)\//;

export function readImportGraph(root: string, folders: readonly string[]): ImportGraph {
  const files = folders
    .flatMap((folder) => sourceFiles(root, folder))
    .filter((f) => !SERVED.test(f))
    .sort();
  const known = new Set(files);
  const edges = new Map<string, string[]>();
  const packages = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    const targets = new Set<string>();
    const bare = new Set<string>();
    for (const match of text.matchAll(SPECIFIER)) {
      const specifier = match[1] ?? match[2] ?? match[3];
      if (!specifier.startsWith('.')) {
        bare.add(specifier);
        continue;
      }
      const base = posix(relative(root, resolve(root, dirname(file), specifier)));
      const target = [base, `${base}.ts`, `${base}.js`, `${base}.cjs`, `${base}/index.ts`, `${base}/index.js`].find((c) => known.has(c));
      if (target && target !== file) targets.add(target);
    }
    edges.set(file, [...targets].sort());
    packages.set(file, [...bare].sort());
  }
  return { files, edges, packages };
}

/** The folder a file belongs to at a depth: `emulator/services/smartserver/routes/cms.ts` at 3 is `emulator/services/smartserver`. */
export function folderOf(file: string, depth: number): string {
  const parts = file.split('/');
  return parts.slice(0, Math.min(depth, parts.length - 1)).join('/');
}

/** The graph with each file folded into its folder at `depth`; imports within one folder disappear. */
export function foldedToFolders(graph: ImportGraph, depth: number): Map<string, string[]> {
  const folded = new Map<string, Set<string>>();
  for (const [file, targets] of graph.edges) {
    const from = folderOf(file, depth);
    const into = folded.get(from) ?? new Set<string>();
    folded.set(from, into);
    for (const target of targets) if (folderOf(target, depth) !== from) into.add(folderOf(target, depth));
  }
  return new Map([...folded].map(([folder, targets]) => [folder, [...targets].sort()]));
}

/** Every cycle, each as the nodes of one strongly connected component with more than one node (Tarjan). */
export function cyclesOf(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const target of edges.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of [...edges.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles;
}
