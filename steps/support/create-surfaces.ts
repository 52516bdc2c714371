import { SURFACE_SYSTEM, type DrivenSurface } from '../config/systems';
import { apiSurfaces } from '../drivers/api';
import { apiEcoStruxureSurfaces } from '../drivers/api/ecostruxure';
import { CombinedControlPlanes } from '../drivers/api/control-planes';
import { BrowserTabs, PAGE_DRIVERS } from '../drivers/browser';
import { withLocatorOverrides } from '../drivers/browser/locators';
import type { CmsSession, CustomerSession, PartnerSession, SmartServerSurfaces } from '../drivers/surfaces';
import type { PAGE_SURFACES } from '../config/presets';
import { browserSessions } from '../drivers/browser/sessions';
import type { EcoStruxureSurfaces } from '../drivers/surfaces/ecostruxure';
import { loadSurfaceDriver } from './driver-modules';
import type { RunningMix, SystemEndpoint } from './start-mix';

/** One scenario's drivers, one per surface; where the browser drives some, the tabs the hooks screenshot and close. */
export interface ScenarioDrivers {
  surfaces: SmartServerSurfaces;
  ecostruxure: EcoStruxureSurfaces;
  tabs: BrowserTabs[];
  sessions: ScenarioSessions;
  /**
   * The surfaces the Given steps use: the same, except that a surface the browser drives is its
   * API surface there, whose logins still leave a tab to open signed in (drivers/browser/sessions.ts).
   * A scenario's context is set up as fast as the system allows; its actions and checks go through the pages.
   */
  setUp: SmartServerSurfaces;
}

/**
 * Sessions a scenario needs without logging in for them (the steps that say someone logs in call
 * the surfaces' `logIn`): the surface's own login, except where the browser drives the surface,
 * which signs in without typing into the form (drivers/browser/sessions.ts).
 */
export interface ScenarioSessions {
  partner(email: string, password: string): Promise<PartnerSession>;
  cms(installCode: string, username: string, password: string): Promise<CmsSession>;
  customer(credential: { licenseId: string } | { email: string }): Promise<CustomerSession>;
}

type EnOceanSurface = Exclude<keyof SmartServerSurfaces, 'controlPlane'>;

/**
 * The drivers a mix asks for, each surface reaching its own system: through the REST API (over the
 * system's transport), through the web pages (one browser context per place the pages are served
 * from), or through the team's own module. Building them opens nothing; the browser starts at the
 * first login (Playwright loads only then).
 */
export function createSurfaces(running: RunningMix): ScenarioDrivers {
  const { mix, systems } = running;
  const locators = withLocatorOverrides(mix.locators);
  const endpointOf = (surface: DrivenSurface) => systems[SURFACE_SYSTEM[surface]];
  const apiAt = new Map<SystemEndpoint, SmartServerSurfaces>();
  const api = (endpoint: SystemEndpoint) => {
    let surfaces = apiAt.get(endpoint);
    if (!surfaces) apiAt.set(endpoint, (surfaces = apiSurfaces(endpoint.baseUrl, endpoint.transport, endpoint.mqttUrl)));
    return surfaces;
  };
  const tabsAt = new Map<string, BrowserTabs>();
  const tabs = (endpoint: SystemEndpoint) => {
    let opened = tabsAt.get(endpoint.pagesUrl);
    if (!opened) tabsAt.set(endpoint.pagesUrl, (opened = new BrowserTabs(endpoint.pagesUrl, locators)));
    return opened;
  };
  const drive = <S extends EnOceanSurface>(surface: S): SmartServerSurfaces[S] => {
    const endpoint = endpointOf(surface);
    const viaApi = api(endpoint)[surface];
    const driver = mix.surfaces[surface];
    if (driver === 'api') return viaApi;
    if (driver === 'browser')
      return (PAGE_DRIVERS as unknown as Record<string, (t: BrowserTabs, a: unknown) => SmartServerSurfaces[S]>)[surface](tabs(endpoint), viaApi);
    return loadSurfaceDriver(driver.module, { surface, baseUrl: endpoint.baseUrl, api: viaApi, reference: running.reference, fetch: endpoint.transport });
  };

  const planes = running.controlPlanes.map((endpoint) => api(endpoint).controlPlane);
  const smartserversPlane = api(systems.smartservers).controlPlane;
  const surfaces: SmartServerSurfaces = {
    orderDesk: drive('orderDesk'),
    partnerPortal: drive('partnerPortal'),
    customerPortal: drive('customerPortal'),
    customerSuccess: drive('customerSuccess'),
    cms: drive('cms'),
    cloud: drive('cloud'),
    devices: drive('devices'),
    system: drive('system'),
    datapoints: drive('datapoints'),
    iapMq: drive('iapMq'),
    controlPlane: planes.length > 1 ? new CombinedControlPlanes(smartserversPlane, planes) : smartserversPlane,
  };

  const ecx = systems.ecostruxure;
  const ecxApi = apiEcoStruxureSurfaces(ecx.baseUrl, ecx.transport);
  const ecxDrive = <S extends 'salesDesk' | 'deviceAdministrator' | 'activationServer'>(name: S): EcoStruxureSurfaces[S] => {
    const driver = mix.surfaces[`ecostruxure.${name}`];
    if (typeof driver === 'string') return ecxApi[name];
    return loadSurfaceDriver(driver.module, {
      surface: `ecostruxure.${name}`,
      baseUrl: ecx.baseUrl,
      api: ecxApi[name],
      reference: running.reference,
      fetch: ecx.transport,
    });
  };
  const ecostruxure: EcoStruxureSurfaces = {
    salesDesk: ecxDrive('salesDesk'),
    deviceAdministrator: ecxDrive('deviceAdministrator'),
    activationServer: ecxDrive('activationServer'),
    controlPlane: ecxApi.controlPlane,
  };
  const signIn = (surface: 'partnerPortal' | 'cms' | 'customerPortal') =>
    mix.surfaces[surface] === 'browser' ? browserSessions(tabs(endpointOf(surface))) : undefined;
  const sessions: ScenarioSessions = {
    partner: signIn('partnerPortal')?.partner ?? ((email, password) => surfaces.partnerPortal.logIn(email, password)),
    cms: signIn('cms')?.cms ?? ((installCode, username, password) => surfaces.cms.logIn(installCode, username, password)),
    customer: signIn('customerPortal')?.customer ?? ((credential) => surfaces.customerPortal.logIn(credential)),
  };
  const viaApi = <S extends (typeof PAGE_SURFACES)[number]>(surface: S, logIn?: (...args: never[]) => unknown): SmartServerSurfaces[S] => {
    if (mix.surfaces[surface] !== 'browser') return surfaces[surface];
    const onApi = api(endpointOf(surface))[surface];
    // The API surface itself, but for its login (bound to it through the prototype).
    return logIn ? Object.assign(Object.create(onApi) as SmartServerSurfaces[S], { logIn }) : onApi;
  };
  const setUp: SmartServerSurfaces = {
    ...surfaces,
    partnerPortal: viaApi('partnerPortal', sessions.partner),
    customerPortal: viaApi('customerPortal', sessions.customer),
    cms: viaApi('cms', sessions.cms),
    cloud: viaApi('cloud'),
    devices: viaApi('devices'),
  };
  return { surfaces, ecostruxure, tabs: [...tabsAt.values()], sessions, setUp };
}
