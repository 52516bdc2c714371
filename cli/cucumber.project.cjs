// cucumber-js's configuration when `sslab conformance` or `sslab steps` runs in a team's project:
// the package's profiles, rewritten by projectProfiles for the project's sslab.config.json.
require('../emulator/runtime/register');
const { readProjectConfig } = require('../steps/config/project-config');
const { PRESET_NAMES } = require('../steps/config/presets');
const { CONFIG_VARIABLE, projectProfiles } = require('./cucumber-profiles');

module.exports = projectProfiles(readProjectConfig(process.cwd(), process.env[CONFIG_VARIABLE] || undefined, PRESET_NAMES));
