/** The CommonJS Node runs for one TypeScript file, named `filename`; see compile-typescript.js. */
export function compileTypeScript(source: string, filename: string): string;
