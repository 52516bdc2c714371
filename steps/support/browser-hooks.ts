import { AfterAll, BeforeAll } from '@cucumber/cucumber';
import { readRunMix } from './settings';
import { runtime, type World } from './world';

/**
 * Browser runs only: Chromium and a first tab start while the systems do
 * (the BeforeAll of hooks.ts, which runs next), not when the first scenario logs in. A launch
 * that fails says so at that first login.
 */
BeforeAll(function (this: { parameters: Record<string, unknown> }) {
  if (!Object.values(readRunMix(this.parameters).surfaces).includes('browser')) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { prepareContext } = require('../drivers/browser/tabs') as typeof import('../drivers/browser/tabs');
  prepareContext();
});

/**
 * Browser runs only: a failing scenario gets a screenshot of the page it used last in its report,
 * the first scenarios with SmartServers leave pictures of the fleet overview and landing page,
 * and each scenario's tabs go back to the run's pool, emptied, when it ends. Called by the one
 * After hook of hooks.ts: a hook of its own would be a step of every scenario in every report,
 * on every target, for what only the browser run does.
 */
export async function leaveTabs(world: World, failed: boolean): Promise<void> {
  for (const tabs of world.browserTabs) {
    try {
      if (failed) {
        const png = await tabs.screenshotOfLastPage();
        if (png) world.attach(png, 'image/png');
      } else if (world.smartServers.size > 0) {
        await tabs.snapOverviews();
      }
    } finally {
      await tabs.close();
    }
  }
}

/** The tabs and the one browser of the run close after the last scenario. */
AfterAll(async () => {
  if (!runtime.running || !Object.values(runtime.running.mix.surfaces).includes('browser')) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { closeTabPool } = require('../drivers/browser/tab-pool') as typeof import('../drivers/browser/tab-pool');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { closeSharedBrowser } = require('../drivers/browser/chromium') as typeof import('../drivers/browser/chromium');
  await closeTabPool();
  await closeSharedBrowser();
});
