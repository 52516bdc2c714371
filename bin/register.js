// Compiles the TypeScript sources as they load: the CLI, cucumber's profiles and projects' own
// configurations load this file first (emulator/runtime/register.js holds the hook).
require('../emulator/runtime/register');
