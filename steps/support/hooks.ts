import { AfterAll, Before, BeforeAll, setDefaultTimeout } from '@cucumber/cucumber';
import { readSettings } from './settings';
import { startTarget, type Target } from './targets';
import { runtime, type World } from './world';

setDefaultTimeout(30_000);

let target: Target | undefined;

BeforeAll({ timeout: 60_000 }, async function (this: { parameters: Record<string, unknown> }) {
  const settings = readSettings(this.parameters);
  target = await startTarget(settings.target, settings.url);
  runtime.baseUrl = target.baseUrl;
});

/** Every scenario starts from a clean emulator. */
Before(async function (this: World) {
  await this.driver.reset();
});

AfterAll(async function () {
  await target?.stop();
});
