import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** The Chromium a Debian or Ubuntu package installs (`apt-get install chromium`). */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Headless, no sandbox (containers and CI run as root), and nothing that reaches the Internet. */
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
];

export interface ChromiumChoice {
  /** undefined: Playwright's own browser, as `npx playwright install chromium` downloads it. */
  executablePath?: string;
  source: 'SSLAB_CHROMIUM' | 'system' | 'playwright';
}

/**
 * Which Chromium to run: SSLAB_CHROMIUM when set (it must exist), else the system package when
 * installed, else the browser Playwright downloaded.
 */
export function chooseChromium(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): ChromiumChoice {
  const override = env.SSLAB_CHROMIUM?.trim();
  if (override) {
    if (!exists(override)) throw new Error(`SSLAB_CHROMIUM names ${override}, which does not exist; point it at a Chromium or Chrome executable, or unset it.`);
    return { executablePath: override, source: 'SSLAB_CHROMIUM' };
  }
  if (exists(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, source: 'system' };
  return { source: 'playwright' };
}

/** The version of playwright-core sslab is tested with, to name in a message that asks for it. */
const PLAYWRIGHT_CORE = 'playwright-core@1.65.1';

/**
 * What a browser run lacks, said in one line with what to install, or undefined when it has
 * everything: playwright-core is an optional dependency, and a Chromium may be missing too.
 */
export function browserMissing(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): string | undefined {
  let playwright: typeof import('playwright-core');
  try {
    playwright = require('playwright-core') as typeof import('playwright-core');
  } catch {
    return `needs playwright-core, which is not installed; run "npm install ${PLAYWRIGHT_CORE}" (and have a Chromium: apt-get install chromium, or set SSLAB_CHROMIUM)`;
  }
  let choice: ChromiumChoice;
  try {
    choice = chooseChromium(env, exists);
  } catch (error) {
    return `needs a Chromium: ${(error as Error).message}`;
  }
  if (choice.source !== 'playwright' || exists(playwright.chromium.executablePath())) return undefined;
  return `needs a Chromium, and there is none: install one (apt-get install chromium, or npx playwright-core install chromium), or set SSLAB_CHROMIUM to a Chromium executable`;
}

export async function launchChromium(choice: ChromiumChoice = chooseChromium()): Promise<Browser> {
  try {
    // Loaded on first launch: runs that drive no browser skip half a second of start-up.
    const { chromium } = require('playwright-core') as typeof import('playwright-core');
    return await chromium.launch({ executablePath: choice.executablePath, headless: true, args: CHROMIUM_ARGS });
  } catch (error) {
    if (choice.source !== 'playwright') throw error;
    throw new Error(`No Chromium to drive: ${SYSTEM_CHROMIUM} is not installed and Playwright has no browser of its own.
Install one of them (apt-get install chromium, or npx playwright install chromium), or set SSLAB_CHROMIUM to a Chromium executable.
${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
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
