import { ApiDriver } from './api-driver';
import type { LicensingDriver } from './driver';
import type { DriverName } from '../support/settings';

/** The driver a run asked for. Playwright is loaded only by browser runs: it adds about half a second to start-up. */
export function createDriver(name: DriverName, baseUrl: string): LicensingDriver {
  if (name === 'api') return new ApiDriver(baseUrl);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { BrowserDriver } = require('./browser-driver') as typeof import('./browser-driver');
  return new BrowserDriver(baseUrl);
}
