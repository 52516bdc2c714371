import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';

// Each case runs in a child process: the cache folder is read from the environment when the module loads.
const COMPILER = join(__dirname, 'compile-typescript.js');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sslab-compile-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Compiles `source` as `file` in a fresh process; answers the code and whether sucrase had to be loaded. */
function compileInChild(source: string, file: string, cache: string): { code: string; compiled: boolean } {
  const script = `
    const { compileTypeScript } = require(${JSON.stringify(COMPILER)});
    const code = compileTypeScript(${JSON.stringify(source)}, ${JSON.stringify(file)});
    const compiled = Object.keys(require.cache).some((k) => k.includes('/sucrase/dist/'));
    process.stdout.write(JSON.stringify({ code, compiled }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { env: { ...process.env, SSLAB_COMPILE_CACHE: cache }, encoding: 'utf8' }));
}

test('types are stripped and the lines stay where they were', () => {
  const { code } = compileInChild('const a: number = 1;\n\nexport const b = a ?? 2;\n', join(dir, 'one.ts'), 'off');
  expect(code).not.toContain(': number');
  expect(code).toContain('a ?? 2');
  expect(code.split('\n')[2]).toContain('a ?? 2');
});

test('a file compiled once comes from the cache, and a changed file is compiled again', () => {
  const cache = join(dir, 'cache');
  const file = join(dir, 'two.ts');
  const first = compileInChild('export const x: string = "one";\n', file, cache);
  expect(first.compiled).toBe(true);
  expect(readdirSync(cache)).toHaveLength(1);

  const again = compileInChild('export const x: string = "one";\n', file, cache);
  expect(again).toEqual({ code: first.code, compiled: false });

  const changed = compileInChild('export const x: string = "two";\n', file, cache);
  expect(changed.compiled).toBe(true);
  expect(changed.code).toContain('"two"');
  expect(readdirSync(cache)).toHaveLength(1);
});

test('"off" compiles every time and writes nothing', () => {
  const result = compileInChild('export const y: number = 3;\n', join(dir, 'three.ts'), 'off');
  expect(result.compiled).toBe(true);
  expect(readdirSync(dir)).not.toContain('unused');
});

test('a cache folder that cannot be written still compiles', () => {
  const blocked = join(dir, 'file-not-folder');
  writeFileSync(blocked, 'not a folder');
  const result = compileInChild('export const z: number = 4;\n', join(dir, 'four.ts'), blocked);
  expect(result.code).toContain('z = 4');
  expect(readFileSync(blocked, 'utf8')).toBe('not a folder');
});
