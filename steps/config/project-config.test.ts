// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${NAME} is the configuration's own syntax for an address from the environment
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { CONFIG_FILE, ConfigError, checkProjectConfig, expandAddress, readProjectConfig } from './project-config';

const PRESETS = ['mock', 'emulator', 'real', 'browser'];
const folder = mkdtempSync(join(tmpdir(), 'sslab-config-'));
writeFileSync(join(folder, 'partner-portal.ts'), 'export default () => ({});\n');
const file = join(folder, CONFIG_FILE);

/** The issues a configuration is refused with, one string each. */
function issuesOf(raw: unknown): string[] {
  try {
    checkProjectConfig(raw, file, PRESETS);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  return [];
}

afterEach(() => {
  delete process.env.SSLAB_TEST_STAGING;
});

test('without a file the defaults hold: the bundled suite, nothing of the team own, reports under reports/out', () => {
  const config = readProjectConfig(mkdtempSync(join(tmpdir(), 'sslab-empty-')));
  expect(config).toMatchObject({ features: [], steps: [], bundledSuite: true, targets: {}, run: [], locators: {} });
  expect(config.file).toBeUndefined();
  expect(() => readProjectConfig(folder, 'missing.json')).toThrow(/there is no such file; run "npx sslab init"/);
});

test('paths become absolute from the file, and a target of the team is read with its systems and surfaces', () => {
  process.env.SSLAB_TEST_STAGING = 'https://staging.example/';
  const config = checkProjectConfig(
    {
      features: ['features/**/*.feature'],
      steps: ['features/steps/*.ts'],
      targets: {
        staging: {
          systems: { vendor: { url: '${SSLAB_TEST_STAGING}' }, smartservers: 'in-process' },
          surfaces: { partnerPortal: './partner-portal.ts', cms: 'browser' },
        },
      },
      run: ['mock', 'staging'],
      locators: { 'partnerPortal.tab.search': 'Find' },
    },
    file,
    PRESETS,
  );
  expect(config.features).toEqual([join(folder, 'features/**/*.feature')]);
  // An address from the environment is read when the target runs (resolveMix), not before.
  expect(config.targets.staging.systems).toEqual({ vendor: { url: '${SSLAB_TEST_STAGING}', admin: false }, smartservers: 'in-process' });
  expect(expandAddress('${SSLAB_TEST_STAGING}', 'targets.staging.systems.vendor')).toEqual({ url: 'https://staging.example' });
  expect(config.targets.staging.surfaces).toEqual({ partnerPortal: { module: join(folder, 'partner-portal.ts') }, cms: 'browser' });
  expect(config.run).toEqual(['mock', 'staging']);
});

test('every mistake is named at once, with the field and the fix', () => {
  const issues = issuesOf({
    feature: ['x'],
    bundledSuite: 'yes',
    targets: {
      mock: { systems: {} },
      staging: {
        systems: { vendr: 'in-process', smartservers: 'cloud', ecostruxure: { url: 'ftp://x' } },
        surfaces: { partnerPortl: 'api', cms: 'selenium', devices: './nowhere.ts', cloud: './partner-portal.txt' },
        cloudAdapter: 7,
      },
    },
    run: ['stagin'],
  });
  expect(issues).toEqual([
    '"feature" is not a setting; did you mean "features"? (settings: features, steps, bundledSuite, reports, targets, run, locators)',
    '"bundledSuite" must be true or false',
    'targets.mock: "mock" is a preset; give your target another name',
    'targets.staging.systems: there is no system "vendr"; did you mean "vendor"? (systems: vendor, smartservers, ecostruxure)',
    'targets.staging.systems.smartservers: must be "in-process", "emulator" or {"url": "https://…", "admin": false}',
    'targets.staging.systems.ecostruxure.url: "ftp://x" is not an http or https address',
    expect.stringMatching(/^targets\.staging\.surfaces: there is no surface "partnerPortl"; did you mean "partnerPortal"\?/),
    'targets.staging.surfaces.cms: must be "api", "browser" or the path of your driver module starting with ./ (such as "./drivers/partner-portal.ts")',
    expect.stringMatching(/^targets\.staging\.surfaces\.devices: there is no module .*nowhere\.ts; write it, or correct the path/),
    expect.stringMatching(/^targets\.staging\.surfaces\.cloud: "\.\/partner-portal\.txt" must name a TypeScript or JavaScript file/),
    'targets.staging.cloudAdapter: must be the path of a module, such as "./cloud-adapter.ts"',
    'run: there is no target "stagin"; did you mean "staging"? (targets: mock, emulator, real, browser, staging)',
  ]);
});

test('an address from the environment must be set and be an address, and a file that is not JSON says so', () => {
  expect(expandAddress('${SSLAB_TEST_STAGING}/api', 'targets.staging.systems.vendor')).toEqual({
    issue: 'targets.staging.systems.vendor.url: ${SSLAB_TEST_STAGING} is not set in the environment; set it, or write the address itself',
  });
  expect(expandAddress('${SSLAB_TEST_STAGING}', 'at', { SSLAB_TEST_STAGING: 'staging.example' })).toEqual({
    issue: 'at.url: "staging.example" (from "${SSLAB_TEST_STAGING}") is not an http or https address',
  });
  const broken = join(mkdtempSync(join(tmpdir(), 'sslab-broken-')), CONFIG_FILE);
  writeFileSync(broken, '{"features": [');
  expect(() => readProjectConfig(folder, broken)).toThrow(/is not valid JSON/);
});
