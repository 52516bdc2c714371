import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { cyclesOf, folderOf, foldedToFolders, type ImportGraph, readImportGraph } from './import-graph';

// The architecture checks pass only if these can fail: each test plants the fault they look for.

const graphOf = (edges: Record<string, string[]>) => new Map(Object.entries(edges));

test('cyclesOf finds a cycle of two files and one of three, each once', () => {
  const edges = graphOf({
    'a.ts': ['b.ts'],
    'b.ts': ['a.ts', 'c.ts'],
    'c.ts': [],
    'x.ts': ['y.ts'],
    'y.ts': ['z.ts'],
    'z.ts': ['x.ts'],
  });
  expect(cyclesOf(edges)).toEqual([
    ['a.ts', 'b.ts'],
    ['x.ts', 'y.ts', 'z.ts'],
  ]);
});

test('cyclesOf finds nothing in a graph without cycles, diamonds included', () => {
  const edges = graphOf({ 'a.ts': ['b.ts', 'c.ts'], 'b.ts': ['d.ts'], 'c.ts': ['d.ts'], 'd.ts': [] });
  expect(cyclesOf(edges)).toEqual([]);
});

test('folderOf keeps at most the folders a file is in', () => {
  expect(folderOf('emulator/services/smartserver/routes/cms.ts', 3)).toBe('emulator/services/smartserver');
  expect(folderOf('emulator/services/registry.ts', 3)).toBe('emulator/services');
  expect(folderOf('emulator/kernel/clock.ts', 2)).toBe('emulator/kernel');
});

test('folded into folders, files without a cycle between them can still make a cycle of folders', () => {
  // one → two and three → four: no file is reached back, yet left and right import each other.
  const files = ['top/left/one.ts', 'top/left/four.ts', 'top/right/two.ts', 'top/right/three.ts', 'top/shared/five.ts'];
  const graph: ImportGraph = {
    files: [...files].sort(),
    edges: graphOf({
      'top/left/one.ts': ['top/right/two.ts', 'top/left/four.ts'],
      'top/left/four.ts': ['top/shared/five.ts'],
      'top/right/two.ts': [],
      'top/right/three.ts': ['top/left/four.ts'],
      'top/shared/five.ts': [],
    }),
    packages: new Map(files.map((file) => [file, []])),
  };
  expect(cyclesOf(graph.edges)).toEqual([]);
  const folded = foldedToFolders(graph, 2);
  expect(folded.get('top/left')).toEqual(['top/right', 'top/shared']);
  expect(cyclesOf(folded)).toEqual([['top/left', 'top/right']]);
  // One level up everything is a single folder, and imports inside a folder are not edges.
  expect(cyclesOf(foldedToFolders(graph, 1))).toEqual([]);
});

const root = mkdtempSync(join(tmpdir(), 'sslab-import-graph-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function plant(files: Record<string, string>) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

test('readImportGraph resolves every kind of specifier, records packages and leaves tests out', () => {
  plant({
    'src/main.ts': [
      "import { a } from './a';",
      "import type { B } from './b';",
      "export * from './lib/e';",
      "export { f } from './lib/f.js';",
      "const c = require('./c');",
      "const d = import('./d');",
      "import 'side-effect';",
      "import { readFileSync } from 'node:fs';",
      'import {',
      '  z,',
      "} from 'zod';",
    ].join('\n'),
    'src/a.ts': 'export const a = 1;',
    'src/b/index.ts': "import { g } from '../../other/g';\nexport type B = string;",
    'src/c.ts': 'module.exports = {};',
    'src/d.ts': 'export default 4;',
    'src/lib/e.ts': "export { b } from '../b/index';",
    'src/lib/f.js': 'exports.f = 6;',
    'other/g.ts': "import { a } from '../src/a';\nexport const g = a;",
    // Left out: tests, declarations, benches, child scripts and the pages' served scripts.
    'src/a.test.ts': "import { a } from './a';",
    'src/a.d.ts': 'export declare const a: number;',
    'src/a.bench.ts': "import { a } from './a';",
    'src/worker.child.ts': "import { a } from './a';",
    'src/pages/static/page.js': "import { a } from '../../a';",
    // Outside the folders read: an import of it resolves to nothing.
    'elsewhere/h.ts': 'export const h = 8;',
    'src/wants-h.ts': "import { h } from '../elsewhere/h';",
  });
  const graph = readImportGraph(root, ['src', 'other']);
  expect(graph.files).toEqual([
    'other/g.ts',
    'src/a.ts',
    'src/b/index.ts',
    'src/c.ts',
    'src/d.ts',
    'src/lib/e.ts',
    'src/lib/f.js',
    'src/main.ts',
    'src/wants-h.ts',
  ]);
  expect(graph.edges.get('src/main.ts')).toEqual(['src/a.ts', 'src/b/index.ts', 'src/c.ts', 'src/d.ts', 'src/lib/e.ts', 'src/lib/f.js']);
  expect(graph.packages.get('src/main.ts')).toEqual(['node:fs', 'side-effect', 'zod']);
  expect(graph.edges.get('src/lib/e.ts')).toEqual(['src/b/index.ts']);
  expect(graph.edges.get('src/b/index.ts')).toEqual(['other/g.ts']);
  expect(graph.edges.get('other/g.ts')).toEqual(['src/a.ts']);
  expect(graph.edges.get('src/wants-h.ts')).toEqual([]);
  expect(graph.packages.get('src/a.ts')).toEqual([]);
  // Across the two folders read, src and other form a folder cycle through b/index and g.
  expect(cyclesOf(graph.edges)).toEqual([]);
  expect(cyclesOf(foldedToFolders(graph, 1))).toEqual([['other', 'src']]);
});

test('readImportGraph sees a cycle planted between files', () => {
  plant({
    'loop/one.ts': "import { two } from './two';\nexport const one = 1;",
    'loop/two.ts': "export { one as two } from './one';",
  });
  expect(cyclesOf(readImportGraph(root, ['loop']).edges)).toEqual([['loop/one.ts', 'loop/two.ts']]);
});
