// Turns one TypeScript file into the CommonJS Node runs: sucrase strips the types (no type check;
// `npm run typecheck` does that) and keeps line numbers, so stack traces point at the source.
// Modern syntax (?., ??, class fields) is left as it is: Node runs it, and functions handed to a
// browser by Playwright must not call helpers that exist only in this process.
//
// Each result is kept on disk, one file per source file, marked with a hash of what produced it,
// so a run compiles only the files that changed since the last one. SSLAB_COMPILE_CACHE names
// another folder, or `off` to compile every time.
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { basename, dirname, join } = require('node:path');

const OPTIONS = { transforms: ['imports', 'typescript'], disableESTransforms: true };
const PRODUCER = `sucrase ${require('sucrase/package.json').version} ${JSON.stringify(OPTIONS)}`;
const setting = process.env.SSLAB_COMPILE_CACHE;
const packageRoot = join(__dirname, '..', '..');
// Installed in a project, the cache goes beside the project's other caches (node_modules/.cache), not inside the package.
const nodeModules = basename(dirname(packageRoot)) === 'node_modules' ? dirname(packageRoot) : join(packageRoot, 'node_modules');
/** Where the project's caches go: node_modules/.cache. */
const cacheRoot = join(nodeModules, '.cache');
const cacheDir = setting === 'off' ? undefined : setting || join(cacheRoot, 'sslab-typescript');
let cacheReady = false;

function compile(source, filename) {
  // Loaded on the first file the cache does not hold, so a run with every file cached never loads it.
  const { transform } = require('sucrase');
  const { code, sourceMap } = transform(source, { ...OPTIONS, filePath: filename, sourceMapOptions: { compiledFilename: filename } });
  const map = Buffer.from(JSON.stringify(sourceMap)).toString('base64');
  return `${code}\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${map}`;
}

const sha1 = (...parts) => {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
};

/** The compiled file, from the cache when the cached copy was made from this very source. */
function compileTypeScript(source, filename) {
  if (!cacheDir) return compile(source, filename);
  const file = join(cacheDir, `${sha1(filename)}.js`);
  // The mark goes last, so the compiled lines keep the source's line numbers.
  const mark = `\n//# sslab-source ${sha1(PRODUCER, filename, source)}\n`;
  try {
    const cached = readFileSync(file, 'utf8');
    if (cached.endsWith(mark)) return cached;
  } catch {
    // Not compiled before: compiled below.
  }
  const compiled = `${compile(source, filename)}${mark}`;
  try {
    if (!cacheReady) mkdirSync(cacheDir, { recursive: true });
    cacheReady = true;
    // Written aside and renamed, so a process running alongside never reads half a file.
    const aside = `${file}.${process.pid}.tmp`;
    writeFileSync(aside, compiled);
    renameSync(aside, file);
  } catch {
    // A read-only checkout still runs; it compiles every time.
  }
  return compiled;
}

module.exports = { compileTypeScript, cacheRoot };
