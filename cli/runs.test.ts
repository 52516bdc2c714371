import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { defaultConfig } from '../steps/config/project-config';
import { UsageError } from './args';
import { planRuns, workersFor, writeCucumberConfig } from './runs';

const project = mkdtempSync(join(tmpdir(), 'sslab-runs-'));
writeFileSync(join(project, 'adapter.ts'), 'export default () => ({});\n');
const config = { ...defaultConfig(project), file: join(project, 'sslab.config.json') };
config.targets.staging = { systems: { vendor: { url: 'https://staging.example', admin: false } }, surfaces: {}, cloudAdapter: join(project, 'adapter.ts') };

test('the presets and the project targets are planned by name, and an unknown one is named with the known', () => {
  const [mock, staging] = planRuns(['mock', 'staging'], config);
  expect(mock.systems.vendor).toEqual({ kind: 'in-process' });
  expect(staging.systems.vendor).toEqual({ kind: 'url', url: 'https://staging.example', admin: false });
  expect(() => planRuns(['stagin'], config)).toThrow(new UsageError('unknown target "stagin"; use mock, emulator, real, browser, staging'));
});

test('--systems and --surfaces replace the target settings for one run, checked as the file would be', () => {
  const [emulator] = planRuns(['emulator'], config, undefined, { surfaces: 'partnerPortal=browser' });
  expect(emulator.surfaces.partnerPortal).toBe('browser');
  expect(emulator.systems.smartservers).toEqual({ kind: 'emulator', admin: true });
  const [staging] = planRuns(['staging'], config, undefined, { systems: 'vendor=https://other.example' });
  expect(staging.systems.vendor).toEqual({ kind: 'url', url: 'https://other.example', admin: false });
  expect(() => planRuns(['mock'], config, undefined, { systems: 'vendor' })).toThrow(/--systems takes name=value pairs/);
  expect(() => planRuns(['mock'], config, undefined, { systems: 'smartservers=emulator' })).toThrow(
    /SmartServers in a spawned emulator reach only that emulator's own cloud/,
  );
  expect(() => planRuns(['real'], config, undefined, { surfaces: 'cms=browser' })).toThrow(/do not apply to the real preset's stand-in/);
});

test('a run that drives pages takes one worker per core when it starts every system itself, one otherwise', () => {
  const [browser, mock, atUrl] = [...planRuns(['browser', 'mock'], config), ...planRuns(['browser'], config, 'http://127.0.0.1:9')];
  expect(workersFor(browser, 2)).toBe(2);
  expect(workersFor(browser, 8)).toBe(8);
  // Without pages there is nothing to wait on; at a URL every worker would reset the one emulator under the others.
  expect(workersFor(mock, 8)).toBe(1);
  expect(workersFor(atUrl, 8)).toBe(1);
  const place = { reports: mkdtempSync(join(tmpdir(), 'sslab-runs-reports-')), featureSources: [], cwd: project, env: {} };
  const profileOf = (mix: typeof browser) =>
    (JSON.parse(readFileSync(join(project, writeCucumberConfig(mix, place)), 'utf8')) as { default: { parallel?: number } }).default;
  expect(profileOf(browser).parallel ?? 1).toBe(workersFor(browser));
  expect(profileOf(atUrl).parallel).toBeUndefined();
});
