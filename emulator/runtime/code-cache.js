// Keeps the code V8 compiled for each CommonJS module a process loads, on disk between runs: a module
// loaded again is neither parsed nor compiled again, and the functions the last run called come
// compiled too, since the code is taken as the process exits, after they ran (V8 compiles a
// function when it is first called). A run of the suite calls thousands of functions a few times
// each, so that compiling is a large part of what it costs.
//
// Node 22 does this itself (module.enableCompileCache), which is used where it exists. On Node 20
// each module is compiled with vm.Script and its cached data, as Node compiles it otherwise (same
// wrapper, same arguments, same require). ES modules, and code that imports dynamically (which such
// a script cannot), load as Node loads them. SSLAB_CODE_CACHE names another folder, or `off` to
// load every module the usual way.
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

/** The SHA-1 of a text, as bytes: it names a module's file and marks what source its code is of. */
const sha1 = (text) => createHash('sha1').update(text).digest();
const MARK_BYTES = 20;

/** A require for `module` as Node gives one: the module's own, with resolve, main, extensions and cache. */
function requireOf(module) {
  const require = (id) => module.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

/** What a kept file starts with: the mark of the source its code is of, and the CPU time the process that wrote it had used (ms). */
const HEADER_BYTES = MARK_BYTES + 4;

/** The code kept for a module, when it was made from this very source, and the CPU time its writer had used. */
function cachedCode(file, mark) {
  try {
    const bytes = readFileSync(file);
    if (!bytes.subarray(0, MARK_BYTES).equals(mark)) return undefined;
    return { code: bytes.subarray(HEADER_BYTES), writerUsedMs: bytes.readUInt32LE(MARK_BYTES) };
  } catch {
    return undefined;
  }
}

/**
 * A process that worked much longer than the one that kept a module's code has likely called
 * functions that code lacks; a shorter one (a --help, a dry run) has not, and taking the code
 * again would cost its exit time for nothing. CPU time, not wall time, so the machine's other load
 * does not make the same run look longer.
 */
const LONGER = 1.5;

/**
 * Keeps each module's code that was not kept before, or that a process working much longer than its
 * writer made and that holds more (the functions this run called that the last one did not). Written
 * aside and renamed, so a process running alongside never reads half a file.
 */
function save(dir, loaded) {
  const { user, system } = process.cpuUsage();
  const usedMs = Math.min(0xffffffff, Math.round((user + system) / 1000));
  let ready = false;
  for (const { file, mark, script, kept } of loaded) {
    if (kept && usedMs <= kept.writerUsedMs * LONGER) continue;
    const code = script.createCachedData();
    if (kept && code.length <= kept.code.length) continue;
    try {
      if (!ready) mkdirSync(dir, { recursive: true });
      ready = true;
      const header = Buffer.alloc(HEADER_BYTES);
      mark.copy(header);
      header.writeUInt32LE(usedMs, MARK_BYTES);
      const aside = `${file}.${process.pid}.tmp`;
      writeFileSync(aside, Buffer.concat([header, code]));
      renameSync(aside, file);
    } catch {
      // A read-only checkout still runs; it compiles every time.
      return;
    }
  }
}

/** Compiles the CommonJS modules this process loads from now on with the code kept in `dir`, and keeps theirs there at exit. */
function enableCodeCache(dir) {
  const setting = process.env.SSLAB_CODE_CACHE;
  if (setting === 'off') return;
  const folder = setting || dir;
  if (typeof Module.enableCompileCache === 'function') {
    Module.enableCompileCache(folder);
    return;
  }
  const compile = Module.prototype._compile;
  const loaded = [];
  Module.prototype._compile = function compileWithCache(content, filename, ...rest) {
    const [format] = rest;
    if (format === 'module' || content.includes('import(')) return compile.call(this, content, filename, ...rest);
    const file = join(folder, `${sha1(filename).toString('hex')}.bin`);
    const mark = sha1(content);
    const cached = cachedCode(file, mark);
    let script;
    try {
      script = new vm.Script(Module.wrap(content), { filename, cachedData: cached?.code });
    } catch {
      // Not a CommonJS script (an ES module's syntax, a #! line): Node's own way tells which and says why.
      return compile.call(this, content, filename, ...rest);
    }
    // Code V8 refused (another Node, other flags) is as good as none: this run's is kept instead.
    loaded.push({ file, mark, script, kept: cached && !script.cachedDataRejected ? cached : undefined });
    const run = script.runInThisContext({ displayErrors: true });
    return run.call(this.exports, this.exports, requireOf(this), this, filename, dirname(filename));
  };
  process.once('exit', () => save(folder, loaded));
}

module.exports = { enableCodeCache };
