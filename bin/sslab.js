#!/usr/bin/env node
// Runs the TypeScript CLI without a build step.
const path = require('node:path');
require('ts-node').register({ project: path.join(__dirname, '..', 'tsconfig.json'), transpileOnly: true });
require('../cli/main').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => { console.error(`sslab: ${error instanceof Error ? error.message : String(error)}`); process.exitCode = 1; },
);
