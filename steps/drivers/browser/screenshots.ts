import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { reportsDir } from '../../../reports/out-dir';

/** Where a browser run leaves one picture of each page, for readers who want to see the screens. */
export const SCREENSHOT_DIR = join(reportsDir(), 'screenshots');

/** Under the screenshot folder: which screens the workers of a parallel run have taken, one folder per run. */
export const CLAIMS_FOLDER = '.claims';

/**
 * Where the workers of this parallel run record the screens they take, so each screen is taken by
 * one of them: the workers of a run share their coordinator, the process that started them.
 * undefined in a run of one process, which remembers what it took by itself.
 */
function runClaims(dir: string): string | undefined {
  return process.env.CUCUMBER_WORKER_ID === undefined ? undefined : join(dir, CLAIMS_FOLDER, String(process.ppid));
}

/**
 * Keeps one screenshot per named screen and run: the first time a scenario reaches a screen, it
 * is saved as `<name>.png`; later visits cost nothing, in this worker or another one.
 */
export class ScreenshotGallery {
  private readonly taken = new Set<string>();

  constructor(
    readonly dir: string = SCREENSHOT_DIR,
    private readonly claims: string | undefined = runClaims(dir),
  ) {}

  /** Whether the picture of `name` is still to be taken in this run; answers true once, to the one that takes it. */
  claim(name: string): boolean {
    if (this.taken.has(name)) return false;
    this.taken.add(name);
    if (!this.claims) return true;
    mkdirSync(this.claims, { recursive: true });
    try {
      // Creating a folder either succeeds or finds it there, never both: the first worker to ask takes the screen.
      mkdirSync(join(this.claims, name));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  }

  /** Whether nobody in this run has taken (or is taking) the picture of `name` yet; claims nothing. */
  wants(name: string): boolean {
    return !this.taken.has(name) && !(this.claims && existsSync(join(this.claims, name)));
  }

  /** Takes the picture of `name` unless the run has it; `when` is asked only then (the page must show something worth it). */
  async snap(page: Page, name: string, when?: () => Promise<boolean>): Promise<void> {
    if (!this.wants(name) || (when && !(await when())) || !this.claim(name)) return;
    await this.save(page, name);
  }

  /** Takes the picture; it is written under another name and renamed, so nobody reads a half-written file. */
  async save(page: Page, name: string): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    // A modal dialog's backdrop covers the window only, so a page with one open is shot as the window shows it.
    const modal = (await page.locator('dialog[open]').count()) > 0;
    const png = await page.screenshot({ fullPage: !modal, type: 'png' });
    const partial = join(this.dir, `.${name}.${process.pid}.png.partial`);
    writeFileSync(partial, png);
    renameSync(partial, join(this.dir, `${name}.png`));
  }
}

/** What page objects call at the moments worth a picture; `when`, asked only while the picture is wanted, says whether the page shows what is worth it. */
export type Snap = (name: string, when?: () => Promise<boolean>) => Promise<void>;

export const gallery = new ScreenshotGallery();
