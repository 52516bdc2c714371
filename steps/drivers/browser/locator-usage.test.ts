import { expect, test } from 'vitest';
import { LOCATOR_KEYS } from './locators';
import { AFTER_HOOK, keysByOperation, locatorUsage } from './locator-usage';

test('every locator is used by some operation of the browser driver, so the map holds no dead words', () => {
  const used = new Set([...keysByOperation().values()].flatMap((keys) => [...keys]));
  expect(LOCATOR_KEYS.filter((key) => !used.has(key))).toEqual([]);
});

test('a locator leads to the operations that use it and to the @ui scenarios that run them', async () => {
  const usage = new Map((await locatorUsage()).map((u) => [u.key, u]));
  const searchTab = usage.get('partnerPortal.tab.search')!;
  expect(searchTab.operations).toEqual(['partnerPortal.search']);
  expect(searchTab.scenarios.map((s) => s.uri)).toContain('features/partner-portal/searching.feature');
  expect(searchTab.scenarios.every((s) => !s.uri.includes('customer-portal'))).toBe(true);

  expect(usage.get('cms.button.activate')!.operations).toEqual(['cloud.activate']);
  expect(usage.get('cms.button.activate')!.scenarios.map((s) => s.name)).toContain('Only the selected licenses are activated');
  expect(usage.get('emulator.table.fleet')!.operations).toEqual([AFTER_HOOK]);
}, 60_000);
