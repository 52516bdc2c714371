import { expect, test } from 'vitest';
import { presetMix, resolveMix, tagExpression } from './mix';
import { presets } from './presets';
import { ConfigError, type TargetSpec } from './project-config';

const refusal = (spec: TargetSpec) => {
  try {
    resolveMix('staging', spec, 'sslab.config.json');
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  return [];
};

test('the presets place every system together and leave out only what their systems cannot give', () => {
  expect(presetMix('mock', presets().mock).leftOut).toEqual([]);
  expect(presetMix('emulator', presets('http://127.0.0.1:9').emulator).systems.vendor).toEqual({ kind: 'url', url: 'http://127.0.0.1:9', admin: true });
  const real = presetMix('real', presets().real);
  expect(real.leftOut.map((l) => l.expression)).toEqual([
    '@backoffice and not @area:ecostruxure',
    '@clock and not @area:ecostruxure',
    '@faults and not @area:ecostruxure',
    '@area:ecostruxure and (@backoffice or @clock or @faults)',
  ]);
  const browser = presetMix('browser', presets().browser);
  expect(
    Object.entries(browser.surfaces)
      .filter(([, d]) => d === 'browser')
      .map(([s]) => s),
  ).toEqual(['partnerPortal', 'customerPortal', 'cloud', 'cms', 'devices']);
  expect(tagExpression(browser, '@REQ-CAP-1')).toBe('(@ui) and (@REQ-CAP-1)');
});

test('a vendor side without a control plane leaves out the EnOcean set-ups and the clock, and the SmartServers keep their faults', () => {
  const mix = resolveMix(
    'staging',
    { systems: { vendor: { url: 'https://staging.example', admin: false }, smartservers: 'in-process' }, surfaces: {}, cloudAdapter: '/adapter.ts' },
    'sslab.config.json',
  );
  expect(mix.leftOut).toEqual([
    {
      expression: '@backoffice and not @area:ecostruxure',
      reason: 'setting up orders or SmartServers needs the back office and the control plane, not offered by vendor (https://staging.example)',
    },
    {
      expression: '@clock and not @area:ecostruxure',
      reason: 'moving the virtual clock needs the control plane, not offered by vendor (https://staging.example)',
    },
  ]);
  expect(tagExpression(mix)).toBe('not (@backoffice and not @area:ecostruxure) and not (@clock and not @area:ecostruxure)');
  expect(mix.description).toBe('vendor: https://staging.example; smartservers: emulated in this process; ecostruxure: emulated in this process');
});

test('a mix that cannot hold together is refused with the setting and the fix', () => {
  expect(refusal({ systems: { vendor: 'in-process', smartservers: { url: 'https://ss.example' } }, surfaces: {} })).toEqual([
    expect.stringMatching(/^targets\.staging\.systems: SmartServers at https:\/\/ss\.example reach their own licensing cloud.*place "vendor" at the URL/),
  ]);
  expect(refusal({ systems: { vendor: 'in-process', smartservers: 'emulator' }, surfaces: {} })).toEqual([
    expect.stringMatching(/^targets\.staging\.systems: SmartServers in a spawned emulator reach only that emulator's own cloud/),
  ]);
  expect(refusal({ systems: { vendor: { url: 'https://staging.example' } }, surfaces: {} })).toEqual([
    expect.stringMatching(
      /^targets\.staging\.cloudAdapter: the SmartServers emulated in-process need a way to the licensing cloud at https:\/\/staging\.example/,
    ),
  ]);
  expect(refusal({ systems: {}, surfaces: {}, cloudAdapter: '/adapter.ts' })).toEqual([
    expect.stringMatching(/^targets\.staging\.cloudAdapter: the SmartServers share one emulator with the vendor side/),
  ]);
  expect(refusal({ systems: { vendor: 'emulator', smartservers: 'emulator' }, surfaces: { orderDesk: 'browser' } })).toEqual([
    expect.stringMatching(/^targets\.staging\.surfaces\.orderDesk: has no web pages to drive; use "api" or your own driver module/),
  ]);
});
