import type { Page } from 'playwright-core';
import { ChangeMarks, emulatorMarks } from './change-marks';
import { DOCUMENTED_LOCATORS, type Locators, nameOf } from './locators';
import { settled, shown } from './pages/common';
import { gallery, type ScreenshotGallery, type Snap } from './screenshots';
import { type TabPool, tabPool } from './tab-pool';

/** Starts Chromium and a first tab ahead of the first scenario (a run's BeforeAll calls it). */
export function prepareContext(): void {
  tabPool().prepare();
}

/**
 * One scenario's tabs in headless Chromium, shared by every surface a browser run drives. Each
 * login opens its own tab, kept under the session token it produced, so a scenario can hold a
 * partner, a customer and several CMS users at once; the CMS tab a login opened also serves the
 * Devices widget. The tabs come from the process's pool and go back to it emptied when the
 * scenario ends (tab-pool.ts). Every page object finds its elements by the words of `locators`: the
 * documented map, or the effective map a team's overrides made (see `withLocatorOverrides`).
 */
export class BrowserTabs {
  /** Every tab the scenario opened, open or not. */
  private readonly opened: Page[] = [];
  private readonly tabs = new Map<string, Page>();
  /** Sessions whose tab opens on first use (the page they open at, and how they enter it), and those opening now. */
  private readonly unopened = new Map<string, { url: string; enter: (page: Page, showing: boolean) => Promise<void> }>();
  private readonly opening = new Map<string, Promise<Page>>();
  /** The tab the scenario used last, which a failing step's screenshot shows. */
  lastPage?: Page;

  constructor(
    readonly baseUrl: string,
    readonly locators: Locators = DOCUMENTED_LOCATORS,
    private readonly screenshots: ScreenshotGallery = gallery,
    private readonly pool: TabPool = tabPool(),
    /** When each tab last read its dashboard, against the target's change mark. */
    readonly marks: ChangeMarks = new ChangeMarks(emulatorMarks(baseUrl)),
  ) {}

  /** A new tab; a login keeps it under its session token with `keep`. */
  async open(): Promise<Page> {
    return this.use(await this.pool.take());
  }

  /**
   * A tab for the page at `url`: one the pool holds showing it already (`showing`), whose login
   * form the page object then uses where it stands, or else a new one, which loads the page.
   */
  async openAt(url: string): Promise<{ page: Page; showing: boolean }> {
    const shown = await this.pool.takeShowing(url);
    return shown ? { page: this.use(shown), showing: true } : { page: await this.open(), showing: false };
  }

  private use(page: Page): Page {
    this.opened.push(page);
    // Well inside cucumber's step timeout, so a missing element fails with Playwright's own message.
    page.setDefaultTimeout(10_000);
    this.lastPage = page;
    return page;
  }

  keep(token: string, page: Page): void {
    this.tabs.set(token, page);
  }

  /**
   * A session signed in without its login form (see sessions.ts): its tab opens at `url`, and
   * `enter` brings it in signed in, the first time a page needs the session; one used only through
   * the API opens none. `enter` is told whether the tab shows that page already.
   */
  openLater(token: string, url: string, enter: (page: Page, showing: boolean) => Promise<void>): void {
    this.unopened.set(token, { url, enter });
  }

  /** Whether the session's tab is still to open: the first page the session needs loads it afresh. */
  opensOnFirstUse(token: string): boolean {
    return this.unopened.has(token);
  }

  /** The tab of the session `token`: the one its login opened, or for a session signed in without the form, one opened now. */
  async of(token: string): Promise<Page> {
    const later = this.unopened.get(token);
    if (later) {
      this.unopened.delete(token);
      const opening = this.openAt(later.url).then(async ({ page, showing }) => {
        await later.enter(page, showing);
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
    return (name, when) => this.screenshots.snap(page, name, when);
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
  }

  /** Ends the scenario's use of its tabs: they go back to the pool, emptied. */
  async close(): Promise<void> {
    this.tabs.clear();
    this.unopened.clear();
    this.lastPage = undefined;
    await this.pool.giveBack(this.opened.splice(0));
  }
}
