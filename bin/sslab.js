#!/usr/bin/env node
// Runs the TypeScript CLI without a build step.
require('./register');
require('../cli/main')
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.error(`sslab: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
