import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ScreenshotGallery } from './screenshots';

const folder = () => mkdtempSync(join(tmpdir(), 'sslab-gallery-'));

test('a run of one process takes each screen once', () => {
  const gallery = new ScreenshotGallery(folder(), undefined);
  expect(gallery.claim('cms-login')).toBe(true);
  expect(gallery.claim('cms-login')).toBe(false);
  expect(gallery.claim('cms-dashboard')).toBe(true);
});

test("the workers of a parallel run share the claims, so one of them takes each screen; another run's workers take it again", () => {
  const dir = folder();
  const [first, second] = [new ScreenshotGallery(dir, join(dir, '.claims', '100')), new ScreenshotGallery(dir, join(dir, '.claims', '100'))];
  expect([first.claim('cms-login'), second.claim('cms-login')]).toEqual([true, false]);
  expect([second.claim('partner-portal-login'), first.claim('partner-portal-login')]).toEqual([true, false]);
  expect(new ScreenshotGallery(dir, join(dir, '.claims', '200')).claim('cms-login')).toBe(true);
});
