import { expect, test } from 'vitest';
import { inlineMarkdown } from './inline-markdown';

test('emphasis, strong text, code spans and links become HTML; nothing else does', () => {
  expect(inlineMarkdown('must *match* the capacity; **never** less')).toBe('must <em>match</em> the capacity; <strong>never</strong> less');
  expect(inlineMarkdown('`sslab emulator --maintenance-rule at-least` switches')).toBe('<code>sslab emulator --maintenance-rule at-least</code> switches');
  expect(inlineMarkdown('see [the FAQ](https://example.com/faq)')).toBe('see <a href="https://example.com/faq">the FAQ</a>');
});

test('HTML in the text is shown, not run, and code spans are taken literally', () => {
  expect(inlineMarkdown('<script>alert(1)</script> & "quotes"')).toBe('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
  expect(inlineMarkdown('`*not emphasis*` and 2 * 3 * 4')).toBe('<code>*not emphasis*</code> and 2 * 3 * 4');
  expect(inlineMarkdown('[bad](javascript:alert(1))')).toBe('[bad](javascript:alert(1))');
});
