import { expect, test } from 'vitest';
import { withLandmarks } from './cucumber-html';

const CUCUMBER = '<html lang="en"><head><title>Cucumber</title></head><body>\n<div id="content">\n</div>\n<script>app()</script></body></html>';

test("cucumber's report gains a banner naming the target and a main landmark for its content, once", () => {
  const page = withLandmarks(CUCUMBER, 'mock');
  expect(page).toContain('<title>Cucumber report: the mock target · sslab</title>');
  expect(page).toMatch(/<header[^>]*><h1[^>]*>Cucumber report: the mock target<\/h1>/);
  expect(page).toContain('<a href="../conformance.html">The conformance report</a>');
  expect(page).toContain('<main id="content"></main>');
  expect(page).not.toContain('<div id="content">');
  expect(withLandmarks(page, 'mock')).toBe(page);
});
