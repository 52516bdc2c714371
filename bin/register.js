// Compiles the TypeScript sources as they load. Sucrase strips the types without type-checking
// (`npm run typecheck` checks them) and keeps line numbers, so stack traces point at the source;
// it starts several times faster than TypeScript's own compiler under ts-node. Modern syntax (?.,
// ??, class fields) is left as it is: Node runs it, and functions handed to a browser by Playwright
// must not call helpers that exist only in this process.
const REGISTERED = Symbol.for('sslab.typescript-register');

// Once per process: the CLI registers before it loads cucumber's support code, which lists this file too.
if (!process[REGISTERED]) {
  process[REGISTERED] = true;
  require('sucrase/dist/register').addHook('.ts', { transforms: ['imports', 'typescript'], disableESTransforms: true });
}
