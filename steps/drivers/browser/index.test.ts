import { describe, expect, test } from 'vitest';
import { surfacesOf } from '../surfaces/declarations';
import { SURFACE_NAMES, type SmartServerSurfaces, type SurfaceName } from '../surfaces';
import { API_SURFACES_IN_BROWSER_RUNS, BROWSER_SURFACES, browserSurfaces, THROUGH_API_IN_BROWSER_RUNS, type BrowserTabs } from './index';

/** The operations of each SmartServer surface, read from its interface. */
const OPERATIONS = new Map(surfacesOf('SmartServerSurfaces').map(({ surface, declared }) => [surface as SurfaceName, declared.methods.map((m) => m.name)]));

/** What a page-driven operation hits first: the scenario's tabs, which here refuse with this error. */
class ReachedForAPage extends Error {}

const tabsThatRefuse = {
  baseUrl: 'http://127.0.0.1:1',
  open: () => Promise.reject(new ReachedForAPage()),
  openAt: () => Promise.reject(new ReachedForAPage()),
  of: () => {
    throw new ReachedForAPage();
  },
  keep: () => undefined,
  opensOnFirstUse: () => false,
  snapper: () => async () => undefined,
} as unknown as BrowserTabs;

/** API surfaces that record each call and answer it with a token of their own. */
function recordingApi() {
  const calls: { surface: string; operation: string; args: unknown[]; answer: unknown }[] = [];
  const surface = (name: string) =>
    new Proxy(
      {},
      {
        get:
          (_, operation: string) =>
          (...args: unknown[]) => {
            const answer = { answeredBy: `${name}.${operation}` };
            calls.push({ surface: name, operation, args, answer });
            return Promise.resolve(answer);
          },
      },
    );
  const api = Object.fromEntries(SURFACE_NAMES.map((name) => [name, surface(name)])) as unknown as SmartServerSurfaces;
  return { api, calls };
}

/** Calls one operation with made-up arguments and says where it went: to a page, or to the API with what it answered. */
async function whereItGoes(surfaces: SmartServerSurfaces, calls: ReturnType<typeof recordingApi>['calls'], surface: SurfaceName, operation: string) {
  const args = [{ installCode: 'abc1234', username: 'owner', token: 'token-1' }, 'second', 'third', 'fourth', 'fifth'];
  const before = calls.length;
  const driver = surfaces[surface] as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  try {
    const answer = await driver[operation](...args);
    const call = calls.slice(before);
    expect(call, `${surface}.${operation} made ${call.length} API calls`).toHaveLength(1);
    expect(call[0]).toMatchObject({ surface, operation, args: args.slice(0, call[0].args.length) });
    expect(answer).toBe(call[0].answer);
    return 'api';
  } catch (error) {
    if (error instanceof ReachedForAPage) {
      expect(calls.length, `${surface}.${operation} reached for a page after calling the API`).toBe(before);
      return 'page';
    }
    throw error;
  }
}

test('the browser drives some surfaces and gives a reason for each of the others', () => {
  expect([...BROWSER_SURFACES, ...Object.keys(API_SURFACES_IN_BROWSER_RUNS)].sort()).toEqual([...SURFACE_NAMES].sort());
});

test('every surface the browser does not drive is the API surface itself', () => {
  const { api } = recordingApi();
  const surfaces = browserSurfaces(api, tabsThatRefuse);
  for (const name of Object.keys(API_SURFACES_IN_BROWSER_RUNS) as SurfaceName[]) expect(surfaces[name], name).toBe(api[name]);
  for (const name of BROWSER_SURFACES) expect(surfaces[name], name).not.toBe(api[name]);
});

describe.each(BROWSER_SURFACES)('the browser surface %s', (surface) => {
  const throughApi: Readonly<Record<string, string>> = (THROUGH_API_IN_BROWSER_RUNS as Record<string, Record<string, string>>)[surface] ?? {};

  test('sends through the API exactly the operations listed with a reason, with the same arguments and answer, and the rest through pages', async () => {
    const { api, calls } = recordingApi();
    const surfaces = browserSurfaces(api, tabsThatRefuse);
    const routes: Record<string, string> = {};
    for (const operation of OPERATIONS.get(surface)!) routes[operation] = await whereItGoes(surfaces, calls, surface, operation);
    const viaApi = Object.keys(routes).filter((operation) => routes[operation] === 'api');
    expect(viaApi.sort()).toEqual(Object.keys(throughApi).sort());
    expect(Object.values(throughApi).every((reason) => reason.length > 10)).toBe(true);
  });
});

test('the portal and Manage Licenses workflows go through the pages', async () => {
  const { api, calls } = recordingApi();
  const surfaces = browserSurfaces(api, tabsThatRefuse);
  const workflows: [SurfaceName, string][] = [
    ['partnerPortal', 'logIn'],
    ['partnerPortal', 'transfer'],
    ['partnerPortal', 'search'],
    ['partnerPortal', 'customers'],
    ['customerPortal', 'logIn'],
    ['customerPortal', 'createOfflineActivationFile'],
    ['customerPortal', 'withdrawOfflineActivationFile'],
    ['cloud', 'enterCustomerId'],
    ['cloud', 'settleCustomerId'],
    ['cloud', 'offers'],
    ['cloud', 'activate'],
    ['cloud', 'transferToCloud'],
    ['cms', 'addLicenseFile'],
    ['cms', 'editNotifications'],
    ['devices', 'operate'],
  ];
  for (const [surface, operation] of workflows) expect(await whereItGoes(surfaces, calls, surface, operation), `${surface}.${operation}`).toBe('page');
});
