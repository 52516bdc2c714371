// The package's entry for Node: sslab is TypeScript compiled as it loads, so the compiler hook
// goes first; then the programming interface of index.ts.
require('./bin/register');
module.exports = require('./index.ts');
