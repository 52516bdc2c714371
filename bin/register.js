// Compiles the TypeScript sources as they load (see emulator/runtime/compile-typescript.js).
const REGISTERED = Symbol.for('sslab.typescript-register');

// Once per process: the CLI registers before it loads cucumber's support code, which lists this file too.
if (!process[REGISTERED]) {
  process[REGISTERED] = true;
  const { compileTypeScript } = require('../emulator/runtime/compile-typescript');
  require('pirates').addHook(compileTypeScript, { exts: ['.ts'] });
}
