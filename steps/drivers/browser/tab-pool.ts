import type { Browser, BrowserContext, Page } from 'playwright-core';
import { sharedBrowser } from './chromium';

/** The window every tab of a run opens at. */
export const VIEWPORT = { width: 1366, height: 860 } as const;

/**
 * The tabs of one Chromium, kept from one scenario to the next. A browser context per scenario
 * costs Chromium a renderer process and its start-up for every tab; here a scenario's tabs come
 * from this pool and go back to it when the scenario ends, emptied of what the scenario left:
 * the pages keep their sessions in the tab's storage and nowhere else, so a tab is handed on with
 * the storage of the origin it showed cleared and no cookie in the context. A tab that showed more
 * than one origin, or that cannot be emptied, is closed.
 */
export class TabPool {
  private context?: Promise<BrowserContext>;
  private readonly idle: Page[] = [];
  /** The origins each tab has shown since it last came back empty. */
  private readonly shown = new WeakMap<Page, Set<string>>();
  /** Tabs given back with no dialog open, whose page a login of the next scenario may use as it stands. */
  private readonly usable = new WeakSet<Page>();

  constructor(private readonly browser: () => Promise<Browser> = sharedBrowser) {}

  /** A tab holding nothing of an earlier scenario: one given back before, or a new one. */
  async take(): Promise<Page> {
    const context = await this.liveContext();
    for (let page = this.idle.pop(); page; page = this.idle.pop()) {
      if (page.isClosed() || page.context() !== context) continue;
      this.usable.delete(page);
      // A tab behind another one counts as hidden: Chromium holds back its animation frames, which clicks wait on.
      await page.bringToFront();
      return page;
    }
    const page = await context.newPage();
    const origins = new Set<string>();
    this.shown.set(page, origins);
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && /^https?:/.test(frame.url())) origins.add(new URL(frame.url()).origin);
    });
    return page;
  }

  /**
   * An idle tab showing `url` with no dialog open, for a login through the form that page shows
   * (see `leaveSession` in pages/common.ts): loading the page again costs Chromium several times
   * what the login does. undefined when no idle tab shows it.
   */
  async takeShowing(url: string): Promise<Page | undefined> {
    const context = await this.liveContext();
    const index = this.idle.findIndex((page) => !page.isClosed() && page.context() === context && this.usable.has(page) && page.url() === url);
    if (index < 0) return undefined;
    const [page] = this.idle.splice(index, 1);
    this.usable.delete(page);
    await page.bringToFront();
    return page;
  }

  /** Starts Chromium and a first tab ahead of the first scenario. */
  prepare(): void {
    const first = this.take().then((page) => {
      this.idle.push(page);
    });
    // A launch that fails says so when the first scenario asks for a tab.
    first.catch(() => undefined);
  }

  /** Takes back a scenario's tabs, each emptied of what the scenario left in it, or closed. */
  async giveBack(pages: Page[]): Promise<void> {
    const context = await this.context?.catch(() => undefined);
    await Promise.all(
      pages.map(async (page) => {
        if (page.isClosed()) return;
        if (context && page.context() === context && (await this.empty(page))) this.idle.push(page);
        else await page.close().catch(() => undefined);
      }),
    );
    await context?.clearCookies().catch(() => undefined);
  }

  /** Closes the pool's context with every tab in it. */
  async close(): Promise<void> {
    const context = this.context;
    this.context = undefined;
    this.idle.length = 0;
    await (await context?.catch(() => undefined))?.close().catch(() => undefined);
  }

  private liveContext(): Promise<BrowserContext> {
    const current = this.context;
    if (!current) return this.newContext();
    return current.then(
      (context) => (context.browser()?.isConnected() ? context : this.newContext()),
      () => this.newContext(),
    );
  }

  private newContext(): Promise<BrowserContext> {
    this.idle.length = 0;
    const made = this.browser().then((browser) => browser.newContext({ viewport: VIEWPORT, acceptDownloads: true }));
    this.context = made;
    return made;
  }

  /**
   * Clears the storage of the origin the tab shows; false when the tab cannot be emptied so. The
   * page stays until the tab's next use, which starts by loading a page (a login, a session's
   * first page, a picture of the overview), so nothing of it is read again.
   */
  private async empty(page: Page): Promise<boolean> {
    const origins = this.shown.get(page);
    if (!origins || origins.size > 1) return false;
    if (origins.size === 0) return true;
    try {
      if (new URL(page.url()).origin !== [...origins][0]) return false;
      const dialogOpen = await page.evaluate(() => {
        sessionStorage.clear();
        localStorage.clear();
        return document.querySelector('dialog[open]') !== null;
      });
      if (dialogOpen) this.usable.delete(page);
      else this.usable.add(page);
      return true;
    } catch {
      return false;
    }
  }
}

let pool: TabPool | undefined;

/** This process's pool of tabs. */
export function tabPool(): TabPool {
  pool ??= new TabPool();
  return pool;
}

/** Closes the pool's tabs (the run's last scenario has ended). */
export async function closeTabPool(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.close();
}
