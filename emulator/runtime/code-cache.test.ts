import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';

// Each case runs in child processes: the cache is taken when a process exits and read when the next one loads.
const CODE_CACHE = join(__dirname, 'code-cache.js');
/** Node 22 keeps the code itself (module.enableCompileCache), in files of its own making. */
const BUILT_IN = typeof (Module as { enableCompileCache?: unknown }).enableCompileCache === 'function';
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sslab-code-cache-'));
  mkdirSync(join(dir, 'lib'));
  // A module that requires another and resolves a third, calls a function (compiled when first called) and reports.
  writeFileSync(join(dir, 'lib', 'other.js'), 'module.exports = { word: "other" };\n');
  writeFileSync(
    join(dir, 'lib', 'main.js'),
    [
      'const { word } = require("./other");',
      'function shout(text) { return text.toUpperCase(); }',
      'module.exports = { said: shout(word), resolved: require.resolve("./other"), isMain: require.main === module, file: __filename };',
      '',
    ].join('\n'),
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Loads lib/main.js in a fresh process with the code cache at `cache`; answers what the module said and what the cache held. */
function loadInChild(cache: string): { said: string; resolved: string; isMain: boolean; file: string; rejected: boolean[] } {
  const script = `
    require(${JSON.stringify(CODE_CACHE)}).enableCodeCache(${JSON.stringify(join(dir, 'unused'))});
    const vm = require('node:vm');
    const rejected = [];
    const Script = vm.Script;
    vm.Script = class extends Script {
      constructor(code, options) { super(code, options); if (options && options.cachedData) rejected.push(this.cachedDataRejected); }
    };
    const answer = require(${JSON.stringify(join(dir, 'lib', 'main.js'))});
    process.stdout.write(JSON.stringify({ ...answer, rejected }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { env: { ...process.env, SSLAB_CODE_CACHE: cache }, encoding: 'utf8' }));
}

const expected = () => ({ said: 'OTHER', resolved: join(dir, 'lib', 'other.js'), isMain: false, file: join(dir, 'lib', 'main.js') });

test('a module loads and runs as Node loads it, and its code is kept when the process exits', () => {
  const cache = join(dir, 'cache');
  expect(loadInChild(cache)).toMatchObject(expected());
  expect(readdirSync(cache).length).toBeGreaterThan(0);
  if (BUILT_IN) return;
  expect(readdirSync(cache).filter((name) => name.endsWith('.bin'))).toHaveLength(2);
});

test('the next process takes the kept code, and a changed module is compiled again rather than run from stale code', () => {
  if (BUILT_IN) return;
  const cache = join(dir, 'cache');
  loadInChild(cache);
  const again = loadInChild(cache);
  expect(again).toMatchObject(expected());
  expect(again.rejected).toEqual([false, false]);

  // Same length, other text: the kept code is of the old text and must not run.
  writeFileSync(join(dir, 'lib', 'other.js'), 'module.exports = { word: "thing" };\n');
  const changed = loadInChild(cache);
  expect(changed.said).toBe('THING');
  expect(changed.rejected).toEqual([false]);
});

test('ES modules and code that imports dynamically load as Node loads them, and SSLAB_CODE_CACHE=off keeps nothing', () => {
  writeFileSync(join(dir, 'lib', 'other.js'), 'module.exports = { word: "other", later: () => import("node:path") };\n');
  expect(loadInChild(join(dir, 'cache'))).toMatchObject(expected());
  writeFileSync(join(dir, 'lib', 'package.json'), '{"type": "commonjs"}\n');
  writeFileSync(join(dir, 'lib', 'esm.mjs'), 'export const word = "esm";\n');
  writeFileSync(join(dir, 'lib', 'other.js'), 'module.exports = { word: require("./esm.mjs").word };\n');
  expect(loadInChild(join(dir, 'cache')).said).toBe('ESM');

  const off = loadInChild('off');
  expect(off.said).toBe('ESM');
  expect(existsSync(join(dir, 'unused'))).toBe(false);
});
