import { afterEach, expect, test } from 'vitest';
import { readSettings } from '../support/settings';
import { ApiDriver } from './api-driver';
import { createDriver } from './create-driver';

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

test('an API run gets the API driver', () => {
  // The browser branch loads Playwright through Node's require, which this test runner does not
  // transform; every browser run of the suite goes through it instead.
  expect(createDriver('api', 'http://127.0.0.1:1')).toBeInstanceOf(ApiDriver);
});
