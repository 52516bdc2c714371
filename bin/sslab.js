#!/usr/bin/env node
// Runs the TypeScript CLI without a build step.
const path = require('node:path');
require('./register');
require('../cli/main').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => { console.error(`sslab: ${error instanceof Error ? error.message : String(error)}`); process.exitCode = 1; },
);
