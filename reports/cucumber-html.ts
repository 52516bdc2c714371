import { escapeHtml } from './inline-markdown';

/**
 * Cucumber's HTML report with the landmarks and the level-one heading it lacks, so it reads well
 * with assistive technology (and axe finds nothing): a banner naming the target, and the report's
 * own content inside the main landmark. A report that has them already is returned as it is.
 */
const CONTENT = /<div id="content">\s*<\/div>/;

export function withLandmarks(html: string, target: string): string {
  if (!CONTENT.test(html)) return html;
  const title = `Cucumber report: the ${target} target`;
  return html
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(title)} · sslab</title>`)
    .replace(
      CONTENT,
      `<header style="font-family:system-ui,sans-serif;padding:.75rem 1rem 0"><h1 style="font-size:1.2rem;margin:0">${escapeHtml(title)}</h1><p style="margin:.25rem 0 0"><a href="../conformance.html">The conformance report</a></p></header>\n<main id="content"></main>`,
    );
}
