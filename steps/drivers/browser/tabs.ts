import type { BrowserContext, Page } from 'playwright-core';
import { sharedBrowser } from './chromium';
import { DOCUMENTED_LOCATORS, type Locators, nameOf } from './locators';
import { settled } from './pages/common';
import { gallery, type ScreenshotGallery, type Snap } from './screenshots';

/**
 * One scenario's browser context in headless Chromium, shared by every surface a browser run
 * drives. Each login opens its own tab, kept under the session token it produced, so a scenario
 * can hold a partner, a customer and several CMS users at once; the CMS tab a login opened also
 * serves the Devices widget. Every page object finds its elements by the words of `locators`: the
 * documented map, or the effective map a team's overrides made (see `withLocatorOverrides`).
 */
export class BrowserTabs {
  private context?: BrowserContext;
  private readonly tabs = new Map<string, Page>();
  /** The tab the scenario used last, which a failing step's screenshot shows. */
  lastPage?: Page;

  constructor(
    readonly baseUrl: string,
    readonly locators: Locators = DOCUMENTED_LOCATORS,
    private readonly screenshots: ScreenshotGallery = gallery,
  ) {}

  /** A new tab; a login keeps it under its session token with `keep`. */
  async open(): Promise<Page> {
    this.context ??= await (await sharedBrowser()).newContext({ viewport: { width: 1366, height: 860 }, acceptDownloads: true });
    const page = await this.context.newPage();
    // Well inside cucumber's step timeout, so a missing element fails with Playwright's own message.
    page.setDefaultTimeout(10_000);
    this.lastPage = page;
    return page;
  }

  keep(token: string, page: Page): void {
    this.tabs.set(token, page);
  }

  /** The tab the login that produced `token` opened. */
  of(token: string): Page {
    const page = this.tabs.get(token);
    if (!page) throw new Error('This session was not opened through the browser driver; log in through it first.');
    this.lastPage = page;
    return page;
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
    if (this.screenshots.has('fleet-overview') && this.screenshots.has('landing-page')) return;
    const page = await this.open();
    await page.goto(`${this.baseUrl}/fleet/`);
    await settled(page.getByRole('region', { name: nameOf(this.locators['emulator.region.fleet']) }));
    await page.getByRole('table', { name: nameOf(this.locators['emulator.table.fleet']) }).waitFor();
    await this.screenshots.snap(page, 'fleet-overview');
    await page.goto(`${this.baseUrl}/`);
    await settled(page.getByRole('region', { name: nameOf(this.locators['emulator.region.landing']) }));
    await this.screenshots.snap(page, 'landing-page');
    await page.close();
  }

  /** Ends the scenario's browser context with every tab in it. */
  async close(): Promise<void> {
    this.tabs.clear();
    this.lastPage = undefined;
    const context = this.context;
    this.context = undefined;
    await context?.close();
  }
}
