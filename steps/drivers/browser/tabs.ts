import type { BrowserContext, Page } from 'playwright-core';
import { sharedBrowser } from './chromium';
import { DOCUMENTED_LOCATORS, type Locators, nameOf } from './locators';
import { settled, shown } from './pages/common';
import { gallery, type ScreenshotGallery, type Snap } from './screenshots';

/** A browser context with its first tab, ready before a scenario asks for one. */
interface FreshContext {
  context: BrowserContext;
  page: Page;
}

let spare: Promise<FreshContext> | undefined;

function newContext(): Promise<FreshContext> {
  const made = sharedBrowser().then(async (browser) => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, acceptDownloads: true });
    return { context, page: await context.newPage() };
  });
  // Taken by a later scenario, which then sees a failure; until then it must not count as unhandled.
  made.catch(() => undefined);
  return made;
}

/** Starts Chromium and the first scenario's context ahead of the first scenario (a run's BeforeAll calls it). */
export function prepareContext(): void {
  spare ??= newContext();
}

/**
 * A context no scenario has used, with its first tab open. Each one taken, the next is made while
 * the scenario runs, so a scenario does not wait for Chromium to start a tab's renderer. One made
 * in a browser since closed is made again.
 */
async function freshContext(): Promise<FreshContext> {
  const ready = await spare?.catch(() => undefined);
  spare = undefined;
  const taken = ready?.context.browser()?.isConnected() ? ready : await newContext();
  spare = newContext();
  return taken;
}

/**
 * One scenario's browser context in headless Chromium, shared by every surface a browser run
 * drives. Each login opens its own tab, kept under the session token it produced, so a scenario
 * can hold a partner, a customer and several CMS users at once; the CMS tab a login opened also
 * serves the Devices widget. Every page object finds its elements by the words of `locators`: the
 * documented map, or the effective map a team's overrides made (see `withLocatorOverrides`).
 */
export class BrowserTabs {
  private context?: Promise<BrowserContext>;
  private readonly tabs = new Map<string, Page>();
  /** Sessions whose tab opens on first use, and those opening now. */
  private readonly unopened = new Map<string, (page: Page) => Promise<void>>();
  private readonly opening = new Map<string, Promise<Page>>();
  /** The tab the scenario used last, which a failing step's screenshot shows. */
  lastPage?: Page;

  constructor(
    readonly baseUrl: string,
    readonly locators: Locators = DOCUMENTED_LOCATORS,
    private readonly screenshots: ScreenshotGallery = gallery,
  ) {}

  /** A new tab; a login keeps it under its session token with `keep`. */
  async open(): Promise<Page> {
    let page: Page;
    if (this.context) {
      page = await (await this.context).newPage();
    } else {
      // The scenario's first tab is the one its fresh context came with; kept as a promise, so tabs opened at the same moment share the context.
      const fresh = freshContext();
      this.context = fresh.then(({ context }) => context);
      page = (await fresh).page;
    }
    // Well inside cucumber's step timeout, so a missing element fails with Playwright's own message.
    page.setDefaultTimeout(10_000);
    this.lastPage = page;
    return page;
  }

  keep(token: string, page: Page): void {
    this.tabs.set(token, page);
  }

  /**
   * A session signed in without its login form (see sessions.ts): its tab opens, and `enter` brings
   * it in signed in, the first time a page needs the session; one used only through the API opens none.
   */
  openLater(token: string, enter: (page: Page) => Promise<void>): void {
    this.unopened.set(token, enter);
  }

  /** The tab of the session `token`: the one its login opened, or for a session signed in without the form, one opened now. */
  async of(token: string): Promise<Page> {
    const enter = this.unopened.get(token);
    if (enter) {
      this.unopened.delete(token);
      const opening = this.open().then(async (page) => {
        await enter(page);
        this.tabs.set(token, page);
        return page;
      });
      this.opening.set(token, opening);
      opening.finally(() => this.opening.delete(token)).catch(() => undefined);
    }
    const page = this.tabs.get(token) ?? (await this.opening.get(token));
    if (!page) throw new Error('This session was not opened through the browser driver; log in through it first.');
    this.lastPage = page;
    return page;
  }

  /** Whether the run still wants a picture of the screen `name`. */
  wantsPicture(name: string): boolean {
    return this.screenshots.wants(name);
  }

  /** What page objects call at the moments worth a picture. */
  snapper(page: Page): Snap {
    return (name: string) => this.screenshots.snap(page, name);
  }

  /** A picture of the page the scenario used last, for a failing step's report. */
  async screenshotOfLastPage(): Promise<Buffer | undefined> {
    if (!this.lastPage || this.lastPage.isClosed()) return undefined;
    return this.lastPage.screenshot({ fullPage: true });
  }

  /** Saves the fleet overview and the landing page once per run, showing the fleet this scenario built. */
  async snapOverviews(): Promise<void> {
    const fleet = this.screenshots.claim('fleet-overview');
    const landing = this.screenshots.claim('landing-page');
    if (!fleet && !landing) return;
    const page = await this.open();
    if (fleet) {
      await page.goto(`${this.baseUrl}/fleet/`);
      await settled(page.getByRole('region', { name: nameOf(this.locators['emulator.region.fleet']) }));
      await shown(page.getByRole('table', { name: nameOf(this.locators['emulator.table.fleet']) }));
      await this.screenshots.save(page, 'fleet-overview');
    }
    if (landing) {
      await page.goto(`${this.baseUrl}/`);
      await settled(page.getByRole('region', { name: nameOf(this.locators['emulator.region.landing']) }));
      await this.screenshots.save(page, 'landing-page');
    }
    await page.close();
  }

  /** Ends the scenario's browser context with every tab in it. */
  async close(): Promise<void> {
    this.tabs.clear();
    this.unopened.clear();
    this.lastPage = undefined;
    const context = this.context;
    this.context = undefined;
    await (await context?.catch(() => undefined))?.close();
  }
}
