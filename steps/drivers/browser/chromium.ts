import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** The Chromium a Debian or Ubuntu package installs (`apt-get install chromium`). */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * Headless, no sandbox (containers and CI run as root), and nothing that reaches the Internet. The
 * browser only ever opens the emulator's pages on loopback, so it keeps one renderer per tab
 * instead of one per site and a spare beside it (site isolation guards against other sites), and
 * composites in its own process: each scenario's fresh context then starts half the processes.
 * A navigation keeps the frame's document host instead of making a new one for each page
 * (RenderDocument off): the new host cost about a third of the CPU Chromium spends on a page load.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--disable-site-isolation-trials',
  '--in-process-gpu',
  '--disable-features=RenderDocument',
];

export interface ChromiumChoice {
  /** undefined for the packaged Chromium: its path is known once it is unpacked, at launch. */
  executablePath?: string;
  source: 'SSLAB_CHROMIUM' | 'system' | 'playwright' | 'packaged';
}

/** The npm package that ships a Chromium inside it, the last fallback on a machine with none. */
export const PACKAGED_CHROMIUM = '@sparticuz/chromium';
const PACKAGED_CHROMIUM_VERSION = '147.0.0';

/** The version of playwright-core sslab is tested with, to name in a message that asks for it. */
const PLAYWRIGHT_CORE = 'playwright-core@1.65.1';

/** What is installed besides the files on disk; tests replace it to set up a bare machine. */
export interface InstalledBrowsers {
  /** Where Playwright keeps its own Chromium, or undefined when playwright-core is not installed. */
  playwrightChromium(): string | undefined;
  /** Whether the npm package that ships a Chromium is installed. */
  packagedChromium(): boolean;
}

const installed: InstalledBrowsers = {
  playwrightChromium() {
    try {
      return (require('playwright-core') as typeof import('playwright-core')).chromium.executablePath();
    } catch {
      return undefined;
    }
  },
  packagedChromium() {
    try {
      require.resolve(PACKAGED_CHROMIUM);
      return true;
    } catch {
      return false;
    }
  },
};

/** Thrown when no Chromium can be found; the message names every place that was tried. */
export class NoChromium extends Error {
  constructor(tried: string[]) {
    super(
      `No Chromium to drive; tried ${tried.join(', ')}. Install one (apt-get install chromium, or npm install ${PACKAGED_CHROMIUM}@${PACKAGED_CHROMIUM_VERSION}), or set SSLAB_CHROMIUM to a Chromium executable.`,
    );
    this.name = 'NoChromium';
  }
}

/**
 * Which Chromium to run, first found: SSLAB_CHROMIUM when set (it must exist), the system package,
 * the browser Playwright downloaded, the Chromium shipped inside the npm package.
 */
export function chooseChromium(
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
  browsers: InstalledBrowsers = installed,
): ChromiumChoice {
  const override = env.SSLAB_CHROMIUM?.trim();
  if (override) {
    if (!exists(override)) throw new Error(`SSLAB_CHROMIUM names ${override}, which does not exist; point it at a Chromium or Chrome executable, or unset it.`);
    return { executablePath: override, source: 'SSLAB_CHROMIUM' };
  }
  if (exists(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, source: 'system' };
  const playwright = browsers.playwrightChromium();
  if (playwright && exists(playwright)) return { executablePath: playwright, source: 'playwright' };
  if (browsers.packagedChromium()) return { source: 'packaged' };
  throw new NoChromium([
    `${SYSTEM_CHROMIUM} (not installed)`,
    playwright ? `Playwright's own at ${playwright} (not downloaded)` : `Playwright's own (${PLAYWRIGHT_CORE} not installed)`,
    `${PACKAGED_CHROMIUM} (not installed)`,
  ]);
}

/**
 * What a browser run lacks, said in one line with what to install, or undefined when it has
 * everything: playwright-core is an optional dependency, and a Chromium may be missing too.
 */
export function browserMissing(
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
  browsers: InstalledBrowsers = installed,
): string | undefined {
  try {
    require.resolve('playwright-core');
  } catch {
    return `needs playwright-core, which is not installed; run "npm install ${PLAYWRIGHT_CORE}" (and have a Chromium: apt-get install chromium, or set SSLAB_CHROMIUM)`;
  }
  try {
    chooseChromium(env, exists, browsers);
    return undefined;
  } catch (error) {
    return `needs a Chromium: ${(error as Error).message}`;
  }
}

/** Unpacks the packaged Chromium into the temporary folder on first use (about 2 s), then reuses it. */
async function packagedChromiumPath(): Promise<string> {
  const module = require(PACKAGED_CHROMIUM) as { default?: PackagedChromium } & PackagedChromium;
  return (module.default ?? module).executablePath();
}
interface PackagedChromium {
  executablePath(): Promise<string>;
}

export async function launchChromium(choice: ChromiumChoice = chooseChromium()): Promise<Browser> {
  // Loaded on first launch: runs that drive no browser skip half a second of start-up.
  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  const executablePath = choice.source === 'packaged' ? await packagedChromiumPath() : choice.executablePath;
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

let shared: Promise<Browser> | undefined;

/** One browser per run, started on first use; each scenario opens its own context in it. */
export function sharedBrowser(): Promise<Browser> {
  shared ??= launchChromium();
  return shared;
}

export async function closeSharedBrowser(): Promise<void> {
  const browser = shared;
  shared = undefined;
  if (browser) await (await browser.catch(() => undefined))?.close();
}
