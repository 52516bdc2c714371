import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
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
  ApiSmartServerDevices,
  ApiSmartServerSystem,
} from '../drivers/api';
import {
  apiEcoStruxureSurfaces,
  ApiDeviceAdministrator,
  ApiEcoStruxureControlPlane,
  ApiEcoStruxureSalesDesk,
  ApiLicenseActivationServer,
} from '../drivers/api/ecostruxure';
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
  controlPlane: ApiControlPlane,
};

const BROWSER_CLASSES: Record<(typeof BROWSER_SURFACES)[number], abstract new (...args: never[]) => unknown> = {
  partnerPortal: BrowserPartnerPortal,
  customerPortal: BrowserCustomerPortal,
  cms: BrowserSmartServerCms,
  cloud: BrowserCloudLicensing,
  devices: BrowserSmartServerDevices,
};

test('an API run drives every surface through the API and has no browser tabs', () => {
  const { surfaces, tabs } = createSurfaces('api', 'http://127.0.0.1:1');
  for (const name of SURFACE_NAMES) expect(surfaces[name], name).toBeInstanceOf(API_CLASSES[name]);
  expect(tabs).toBeUndefined();
});

test('a browser run drives its surfaces through the pages and every other one through the API', () => {
  const { surfaces, tabs } = createSurfaces('browser', 'http://127.0.0.1:1');
  const throughPages = new Set<SurfaceName>(BROWSER_SURFACES);
  for (const name of SURFACE_NAMES) {
    const expected = throughPages.has(name) ? BROWSER_CLASSES[name as keyof typeof BROWSER_CLASSES] : API_CLASSES[name];
    expect(surfaces[name], name).toBeInstanceOf(expected);
  }
  expect(tabs).toBeInstanceOf(BrowserTabs);
  expect(tabs?.baseUrl).toBe('http://127.0.0.1:1');
});

test("EcoStruxure's surfaces go through the API in every run", () => {
  const surfaces = apiEcoStruxureSurfaces('http://127.0.0.1:1');
  expect(surfaces.salesDesk).toBeInstanceOf(ApiEcoStruxureSalesDesk);
  expect(surfaces.deviceAdministrator).toBeInstanceOf(ApiDeviceAdministrator);
  expect(surfaces.activationServer).toBeInstanceOf(ApiLicenseActivationServer);
  expect(surfaces.controlPlane).toBeInstanceOf(ApiEcoStruxureControlPlane);
});

test("building a browser run's drivers loads no Playwright: it loads at the first login", () => {
  // A process of its own: this runner's module graph is not Node's require cache.
  const script = `require('./bin/register');
require('./steps/support/create-surfaces').createSurfaces('browser', 'http://127.0.0.1:1');
console.log(Object.keys(require.cache).filter((file) => file.includes('playwright')).length);`;
  const run = spawnSync(process.execPath, ['-e', script], { cwd: join(__dirname, '..', '..'), encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.stdout.trim()).toBe('0');
});
