import type { SmartServerCms, SmartServerDevices, SmartServerSurfaces, SurfaceName } from '../surfaces';
import { BrowserCloudLicensing } from './cloud-licensing';
import { BrowserCustomerPortal } from './customer-portal';
import { BrowserPartnerPortal } from './partner-portal';
import { BrowserSmartServerCms } from './smartserver-cms';
import { BrowserSmartServerDevices } from './smartserver-devices';
import { BrowserTabs } from './tabs';

export { BrowserTabs };

/** The surfaces a browser run drives through the emulator's web pages, as QA drives the real portals. */
export const BROWSER_SURFACES = ['partnerPortal', 'customerPortal', 'cms', 'cloud', 'devices'] as const satisfies readonly SurfaceName[];
export type BrowserSurfaceName = (typeof BROWSER_SURFACES)[number];

/** Why a browser run reaches every other surface through the REST API. */
export const API_SURFACES_IN_BROWSER_RUNS: Readonly<Record<Exclude<SurfaceName, BrowserSurfaceName>, string>> = {
  orderDesk: "the vendor's internal order desk places orders; partners have no screen for it",
  customerSuccess: "Customer Success works on the vendor's side; customers have no screen for it",
  system: 'releases, resets and built-in features are managed outside the emulated CMS pages',
  datapoints: "IAP/REST is what partners' own code calls (custom web pages and apps); the CMS pages have no datapoint screen",
  iapMq: 'IAP/MQ is an MQTT interface for drivers and cloud connectors; no page speaks it',
  controlPlane: "the emulator's test-only control plane: it resets, builds the fleet, moves the clock and injects faults",
};

/** The operations of surfaces a browser run drives that still go through the REST API, because the emulated pages have no screen for them. */
export const THROUGH_API_IN_BROWSER_RUNS: {
  readonly cms: Readonly<Partial<Record<keyof SmartServerCms, string>>>;
  readonly devices: Readonly<Partial<Record<keyof SmartServerDevices, string>>>;
} = {
  cms: {
    licensingStatus: 'the REST path integrations read (/iap/lic/status); people read the dashboard, which goes through the page',
    watchUpdates: 'the WebSocket updates integrations listen to; the pages poll the REST API instead',
    notificationsDue: "the SmartServer's outbox: it sends the emails, no page lists them",
  },
  devices: {
    add: 'devices are created, discovered or imported outside the emulated Devices widget',
    count: 'a REST-only count (/iap/devs/count)',
    reportHealth: 'a device reports its own health; no user does',
    reportProvisioning: 'a device answers a provisioning request itself; no user does',
  },
};

/** How each page-driven surface is built in a scenario's browser context, from the API surface it hands page-less operations to. */
export const PAGE_DRIVERS: { readonly [S in BrowserSurfaceName]: (tabs: BrowserTabs, api: SmartServerSurfaces[S]) => SmartServerSurfaces[S] } = {
  partnerPortal: (tabs) => new BrowserPartnerPortal(tabs),
  customerPortal: (tabs) => new BrowserCustomerPortal(tabs),
  cms: (tabs, api) => new BrowserSmartServerCms(tabs, api),
  cloud: (tabs) => new BrowserCloudLicensing(tabs),
  devices: (tabs, api) => new BrowserSmartServerDevices(tabs, api),
};

/**
 * The surfaces of a browser run: those of BROWSER_SURFACES through the pages in one scenario's
 * browser context, every other one the API surface itself.
 */
export function browserSurfaces(api: SmartServerSurfaces, tabs: BrowserTabs): SmartServerSurfaces {
  return {
    ...api,
    partnerPortal: PAGE_DRIVERS.partnerPortal(tabs, api.partnerPortal),
    customerPortal: PAGE_DRIVERS.customerPortal(tabs, api.customerPortal),
    cms: PAGE_DRIVERS.cms(tabs, api.cms),
    cloud: PAGE_DRIVERS.cloud(tabs, api.cloud),
    devices: PAGE_DRIVERS.devices(tabs, api.devices),
  };
}
