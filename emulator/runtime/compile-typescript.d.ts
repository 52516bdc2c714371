/** The CommonJS Node runs for one TypeScript file, named `filename`; see compile-typescript.js. */
export function compileTypeScript(source: string, filename: string): string;
/** Where the project's caches go (node_modules/.cache): the compiled TypeScript, and V8's code (code-cache.js). */
export const cacheRoot: string;
