// Compiles the TypeScript sources as they load (see compile-typescript.js beside it), and keeps V8's
// code of every module loaded after it between runs (code-cache.js). bin/register.js
// loads it for the CLI and cucumber's configurations; anything else that starts a process of its own
// (a cucumber configuration file of the CLI's) requires it here, a floor below.
const { join, sep, resolve } = require('node:path');

const REGISTERED = Symbol.for('sslab.typescript-register');
const PACKAGE_ROOT = resolve(__dirname, '..', '..');
const NODE_MODULES = `${sep}node_modules${sep}`;

/**
 * sslab's own files, also when it is installed under a project's node_modules, and a project's
 * own files (its step definitions, its drivers); never another package's.
 */
function isOwnSource(filename) {
  if (filename.startsWith(PACKAGE_ROOT + sep)) return !filename.slice(PACKAGE_ROOT.length).includes(NODE_MODULES);
  return !filename.includes(NODE_MODULES);
}

// Once per process: the CLI registers before it loads cucumber's support code, which lists this file too.
if (!process[REGISTERED]) {
  process[REGISTERED] = true;
  const { cacheRoot, compileTypeScript } = require('./compile-typescript');
  // V8's compiled code of every module loaded from here on is kept between runs too (code-cache.js).
  require('./code-cache').enableCodeCache(join(cacheRoot, 'sslab-v8'));
  require('pirates').addHook(compileTypeScript, { exts: ['.ts'], ignoreNodeModules: false, matcher: isOwnSource });
}
