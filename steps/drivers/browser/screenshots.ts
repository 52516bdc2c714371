import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { reportsDir } from '../../../reports/out-dir';

/** Where a browser run leaves one picture of each page, for readers who want to see the screens. */
export const SCREENSHOT_DIR = join(reportsDir(), 'screenshots');

/**
 * Keeps one screenshot per named screen and run: the first time a scenario reaches a screen, it
 * is saved as `<name>.png`; later visits cost nothing.
 */
export class ScreenshotGallery {
  private readonly taken = new Set<string>();

  constructor(readonly dir: string = SCREENSHOT_DIR) {}

  has(name: string): boolean {
    return this.taken.has(name);
  }

  async snap(page: Page, name: string): Promise<void> {
    if (this.taken.has(name)) return;
    this.taken.add(name);
    mkdirSync(this.dir, { recursive: true });
    // A modal dialog's backdrop covers the window only, so a page with one open is shot as the window shows it.
    const modal = (await page.locator('dialog[open]').count()) > 0;
    await page.screenshot({ path: join(this.dir, `${name}.png`), fullPage: !modal });
  }
}

/** What page objects call at the moments worth a picture. */
export type Snap = (name: string) => Promise<void>;

export const gallery = new ScreenshotGallery();
