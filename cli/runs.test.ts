import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { defaultConfig } from '../steps/config/project-config';
import { UsageError } from './args';
import { planRuns } from './runs';

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
