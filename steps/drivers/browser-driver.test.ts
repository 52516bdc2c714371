import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { BrowserDriver, WITHOUT_SCREEN } from './browser-driver';

/** The operations of LicensingDriver, read from its declaration. */
function operations(): string[] {
  const source = readFileSync(join(__dirname, 'driver.ts'), 'utf8');
  const body = /export interface LicensingDriver \{([\s\S]*?)\n\}/.exec(source)?.[1] ?? '';
  return [...body.matchAll(/^ {2}(\w+)\(/gm)].map((m) => m[1]);
}

const drivenThroughPages = new Set(Object.getOwnPropertyNames(BrowserDriver.prototype));

test('every operation of the driver interface either goes through a page or is listed with the reason it has no screen', () => {
  expect(operations().length).toBeGreaterThan(20);
  const unaccounted = operations().filter((name) => !drivenThroughPages.has(name) && !(name in WITHOUT_SCREEN));
  expect(unaccounted, 'operations a browser run would silently send through the API').toEqual([]);
});

test('no operation is both driven through a page and listed as having none, and the list names only real operations', () => {
  expect(Object.keys(WITHOUT_SCREEN).filter((name) => drivenThroughPages.has(name))).toEqual([]);
  expect(Object.keys(WITHOUT_SCREEN).filter((name) => !operations().includes(name))).toEqual([]);
});

test('the portal and Manage Licenses workflows go through the pages', () => {
  for (const name of ['partnerLogin', 'transfer', 'searchLicenses', 'partnerCustomers', 'customerLogin', 'createOfflineActivationFile',
    'enterCustomerId', 'settleCustomerId', 'cloudOffers', 'activate', 'transferToCloud', 'addLicenseFile', 'editNotifications']) {
    expect(drivenThroughPages.has(name), name).toBe(true);
  }
});
