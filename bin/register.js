// Compiles the TypeScript sources as they load. Sucrase strips the types without type-checking
// (`npm run typecheck` checks them) and keeps line numbers, so stack traces point at the source;
// it starts several times faster than TypeScript's own compiler under ts-node.
const REGISTERED = Symbol.for('sslab.typescript-register');

// Once per process: the CLI registers before it loads cucumber's support code, which lists this file too.
if (!process[REGISTERED]) {
  process[REGISTERED] = true;
  require('sucrase/register/ts');
}
