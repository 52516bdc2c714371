// Compiles the TypeScript sources on load (transpile only; `npm run typecheck` checks types).
// swc's native compiler starts about twice as fast as TypeScript's own; where no swc binary is
// installed for the platform, TypeScript's compiler is used instead.
const path = require('node:path');

// Once per process: the CLI registers before it loads cucumber's support code, which lists this file too.
const registered = process[Symbol.for('ts-node.register.instance')] !== undefined;

let swc = false;
try {
  require('@swc/core');
  swc = true;
} catch {
  // No native binary for this platform: ts-node falls back to the TypeScript compiler.
}
if (!registered) require('ts-node').register({ project: path.join(__dirname, '..', 'tsconfig.json'), transpileOnly: true, swc });
