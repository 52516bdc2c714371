// Compiles the TypeScript sources as they load (see compile-typescript.js beside it). bin/register.js
// loads it for the CLI and cucumber's configurations; anything else that starts a process of its own
// (a cucumber configuration file of the CLI's) requires it here, a floor below.
const { sep, resolve } = require('node:path');

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
  const { compileTypeScript } = require('./compile-typescript');
  require('pirates').addHook(compileTypeScript, { exts: ['.ts'], ignoreNodeModules: false, matcher: isOwnSource });
}
