#!/usr/bin/env node
// Runs `sslab emulator` alone: what a container of the emulator image runs. It loads none of the
// test-suite commands, so the image needs only the production dependencies.
const path = require('node:path');
require('ts-node').register({ project: path.join(__dirname, '..', 'tsconfig.json'), transpileOnly: true });
const { UsageError } = require('../cli/args');
require('../cli/emulator').emulatorCommand(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => {
    console.error(`sslab emulator: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
