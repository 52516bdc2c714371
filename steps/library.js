// The bundled step library for a cucumber configuration of a team's own:
//   require: ['sslab/steps', 'features/steps/**/*.ts']
// loads, in the order sslab's own profiles do, the TypeScript compiler hook, the parameter types,
// the World and the hooks, and every step definition. Cucumber counts what is required while it
// loads support code, so requiring the files from here registers them as if it had listed them.
const { readdirSync } = require('node:fs');
const { join } = require('node:path');

require('../emulator/runtime/register');

const inFolder = (dir, keep) =>
  readdirSync(dir)
    .filter(keep)
    .sort()
    .map((name) => join(dir, name));

const SUPPORT_FILES = [
  join(__dirname, 'parameter-types.ts'),
  ...inFolder(join(__dirname, 'support'), (name) => name.endsWith('.ts') && !name.endsWith('.test.ts')),
  ...inFolder(__dirname, (name) => name.endsWith('.steps.ts')),
  ...inFolder(join(__dirname, 'ecostruxure'), (name) => name.endsWith('.steps.ts')),
];

for (const file of SUPPORT_FILES) require(file);

module.exports = { SUPPORT_FILES };
