import type { DriverName } from './settings';
import { apiSurfaces } from '../drivers/api';
import { browserSurfaces, BrowserTabs } from '../drivers/browser';
import type { Locators } from '../drivers/browser/locators';
import type { SmartServerSurfaces } from '../drivers/surfaces';
import { globalFetch, type Transport } from '../drivers/http-client';

/** One scenario's drivers, one per surface; a browser run also has the tabs the hooks screenshot and close. */
export interface ScenarioDrivers {
  surfaces: SmartServerSurfaces;
  tabs?: BrowserTabs;
}

/**
 * The drivers a run asked for: every surface through the REST API, or the browser's surfaces
 * through the web pages and the rest through the API. The API goes through the target's transport;
 * the pages are always fetched over HTTP by the browser. Building them opens nothing; the browser
 * starts at the first login (Playwright loads only then). `locators` is the browser driver's
 * effective locator map (the documented one unless a team overrides entries).
 */
export function createSurfaces(driver: DriverName, baseUrl: string, transport: Transport = globalFetch, locators?: Locators): ScenarioDrivers {
  const api = apiSurfaces(baseUrl, transport);
  if (driver === 'api') return { surfaces: api };
  const tabs = new BrowserTabs(baseUrl, locators);
  return { surfaces: browserSurfaces(api, tabs), tabs };
}
