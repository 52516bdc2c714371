import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { presetMix, resolveMix, type Mix } from '../config/mix';
import { presets, type PresetName } from '../config/presets';
import type { SystemName } from '../config/systems';
import { CombinedControlPlanes } from '../drivers/api/control-planes';
import { globalFetch } from '../drivers/http-client';
import { seedReference } from './reference-data';
import type { RunningMix, SystemEndpoint } from './start-mix';
import { afterEach, expect, test } from 'vitest';
import { readSettings } from './settings';
import {
  ApiCloudLicensing,
  ApiControlPlane,
  ApiCustomerPortal,
  ApiCustomerSuccess,
  ApiOrderDesk,
  ApiPartnerPortal,
  ApiSmartServerCms,
  ApiSmartServerDatapoints,
  ApiSmartServerDevices,
  ApiSmartServerMq,
  ApiSmartServerSystem,
} from '../drivers/api';
import { ApiDeviceAdministrator, ApiEcoStruxureControlPlane, ApiEcoStruxureSalesDesk, ApiLicenseActivationServer } from '../drivers/api/ecostruxure';
import { BROWSER_SURFACES, BrowserTabs } from '../drivers/browser';
import { BrowserCloudLicensing } from '../drivers/browser/cloud-licensing';
import { BrowserCustomerPortal } from '../drivers/browser/customer-portal';
import { BrowserPartnerPortal } from '../drivers/browser/partner-portal';
import { BrowserSmartServerCms } from '../drivers/browser/smartserver-cms';
import { BrowserSmartServerDevices } from '../drivers/browser/smartserver-devices';
import { createSurfaces } from './create-surfaces';
import { SURFACE_NAMES, type SurfaceName } from '../drivers/surfaces';

const saved = { ...process.env };
afterEach(() => {
  for (const key of ['SSLAB_TARGET', 'SSLAB_DRIVER', 'SSLAB_URL', 'SSLAB_REAL_URL']) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

const clean = () => {
  for (const key of ['SSLAB_TARGET', 'SSLAB_DRIVER', 'SSLAB_URL', 'SSLAB_REAL_URL']) delete process.env[key];
};

test('the driver is the API unless the world parameters or SSLAB_DRIVER choose the browser', () => {
  clean();
  expect(readSettings({ target: 'emulator' }).driver).toBe('api');
  expect(readSettings({ target: 'emulator', driver: 'browser' }).driver).toBe('browser');
  process.env.SSLAB_DRIVER = 'browser';
  expect(readSettings({ target: 'emulator', driver: 'api' }).driver).toBe('browser');
});

test('the browser driver needs the emulator target, and an unknown driver is named', () => {
  clean();
  expect(() => readSettings({ target: 'mock', driver: 'browser' })).toThrow(/needs the emulator target/);
  expect(() => readSettings({ target: 'emulator', driver: 'selenium' })).toThrow(/Unknown driver "selenium"; use one of api, browser/);
  expect(() => readSettings({ target: 'emulator', drivr: 'browser' })).toThrow(/Unknown world parameter "drivr"/);
});

const API_CLASSES: Record<SurfaceName, abstract new (...args: never[]) => unknown> = {
  orderDesk: ApiOrderDesk,
  partnerPortal: ApiPartnerPortal,
  customerPortal: ApiCustomerPortal,
  customerSuccess: ApiCustomerSuccess,
  cms: ApiSmartServerCms,
  cloud: ApiCloudLicensing,
  devices: ApiSmartServerDevices,
  system: ApiSmartServerSystem,
  datapoints: ApiSmartServerDatapoints,
  iapMq: ApiSmartServerMq,
  controlPlane: ApiControlPlane,
};

const BROWSER_CLASSES: Record<(typeof BROWSER_SURFACES)[number], abstract new (...args: never[]) => unknown> = {
  partnerPortal: BrowserPartnerPortal,
  customerPortal: BrowserCustomerPortal,
  cms: BrowserSmartServerCms,
  cloud: BrowserCloudLicensing,
  devices: BrowserSmartServerDevices,
};

const ENDPOINT: SystemEndpoint = { baseUrl: 'http://127.0.0.1:1', transport: globalFetch, pagesUrl: 'http://127.0.0.1:1', admin: true };

/** A mix as the hooks would have started it, every system at ENDPOINT unless told. */
function running(name: PresetName | Mix, systems: Partial<Record<SystemName, SystemEndpoint>> = {}): RunningMix {
  const mix = typeof name === 'string' ? presetMix(name, presets()[name]) : name;
  const all = { vendor: ENDPOINT, smartservers: ENDPOINT, ecostruxure: ENDPOINT, ...systems };
  return {
    mix,
    systems: all,
    controlPlanes: [...new Set(Object.values(all))],
    placesToReset: () => [],
    reference: seedReference(),
    stop: async () => undefined,
  };
}

test('an API run drives every surface through the API and has no browser tabs', () => {
  const { surfaces, tabs } = createSurfaces(running('emulator'));
  for (const name of SURFACE_NAMES) expect(surfaces[name], name).toBeInstanceOf(API_CLASSES[name]);
  expect(tabs).toEqual([]);
});

test('a browser run drives its surfaces through the pages and every other one through the API', () => {
  const { surfaces, tabs } = createSurfaces(running('browser'));
  const throughPages = new Set<SurfaceName>(BROWSER_SURFACES);
  for (const name of SURFACE_NAMES) {
    const expected = throughPages.has(name) ? BROWSER_CLASSES[name as keyof typeof BROWSER_CLASSES] : API_CLASSES[name];
    expect(surfaces[name], name).toBeInstanceOf(expected);
  }
  expect(tabs).toHaveLength(1);
  expect(tabs[0]).toBeInstanceOf(BrowserTabs);
  expect(tabs[0].baseUrl).toBe('http://127.0.0.1:1');
});

test('each surface reaches its own system, and a control plane per place is combined into one', () => {
  const vendor: SystemEndpoint = { ...ENDPOINT, baseUrl: 'http://127.0.0.1:2', pagesUrl: 'http://127.0.0.1:2' };
  const mix = resolveMix('split', { systems: { vendor: 'emulator' }, surfaces: { partnerPortal: 'browser', cms: 'browser' } }, 'sslab.config.json');
  const { surfaces, tabs } = createSurfaces(running(mix, { vendor }));
  expect(tabs.map((t) => t.baseUrl).sort()).toEqual(['http://127.0.0.1:1', 'http://127.0.0.1:2']);
  expect(surfaces.customerPortal).toBeInstanceOf(ApiCustomerPortal);
  expect(surfaces.controlPlane).toBeInstanceOf(CombinedControlPlanes);
});

test("a team's driver module builds its surface from the context, and one lacking an operation is refused by name", () => {
  const folder = mkdtempSync(join(tmpdir(), 'sslab-driver-'));
  const good = join(folder, 'partner-portal.js');
  writeFileSync(
    good,
    'module.exports = (context) => ({ ...Object.fromEntries(Object.getOwnPropertyNames(Object.getPrototypeOf(context.api)).map((n) => [n, () => context.surface])), own: true });',
  );
  const lacking = join(folder, 'lacking.js');
  writeFileSync(lacking, 'exports.default = () => ({ logIn() {} });');
  const built = createSurfaces(
    running({
      ...presetMix('emulator', presets().emulator),
      surfaces: { ...presetMix('emulator', presets().emulator).surfaces, partnerPortal: { module: good } },
    }),
  );
  expect((built.surfaces.partnerPortal as unknown as { own: boolean }).own).toBe(true);
  const refused = {
    ...presetMix('emulator', presets().emulator),
    surfaces: { ...presetMix('emulator', presets().emulator).surfaces, partnerPortal: { module: lacking } },
  };
  expect(() => createSurfaces(running(refused)).surfaces).toThrow(
    /surfaces\.partnerPortal: the driver from .*lacking\.js lacks .*myInventory.*; implement every operation/,
  );
});

test("EcoStruxure's surfaces go through the API unless a module is named", () => {
  const { ecostruxure: surfaces } = createSurfaces(running('emulator'));
  expect(surfaces.salesDesk).toBeInstanceOf(ApiEcoStruxureSalesDesk);
  expect(surfaces.deviceAdministrator).toBeInstanceOf(ApiDeviceAdministrator);
  expect(surfaces.activationServer).toBeInstanceOf(ApiLicenseActivationServer);
  expect(surfaces.controlPlane).toBeInstanceOf(ApiEcoStruxureControlPlane);
});

test("building a browser run's drivers loads no Playwright: it loads at the first login", () => {
  // A process of its own: this runner's module graph is not Node's require cache.
  const script = `require('./bin/register');
const { presetMix } = require('./steps/config/mix');
const { presets } = require('./steps/config/presets');
const endpoint = { baseUrl: 'http://127.0.0.1:1', pagesUrl: 'http://127.0.0.1:1', transport: fetch, admin: true };
const mix = presetMix('browser', presets().browser);
require('./steps/support/create-surfaces').createSurfaces({ mix, systems: { vendor: endpoint, smartservers: endpoint, ecostruxure: endpoint }, controlPlanes: [endpoint], reference: {} });
console.log(Object.keys(require.cache).filter((file) => file.includes('playwright')).length);`;
  const run = spawnSync(process.execPath, ['-e', script], { cwd: join(__dirname, '..', '..'), encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.stdout.trim()).toBe('0');
});
