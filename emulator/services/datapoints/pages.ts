import type { CoreContext } from '../../kernel/context';
import { badInput, notFound } from '../../kernel/problems';
import { requireString } from '../../kernel/validate';
import { getSmartServer } from '../smartserver';
import { smartServerRoot } from './session';

/**
 * Custom web pages a partner uploads to a SmartServer, served from it under /user/pages/ to a
 * browser logged in with its login page, as on the real unit, so a page written against
 * IAP/REST runs unchanged.
 */

const KINDS: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
};
const MAX_BYTES = 512 * 1024;

export const pageUrl = (installCode: string, name: string) => `${smartServerRoot(installCode)}user/pages/${name}`;

function readPageName(value: unknown): { name: string; contentType: string } {
  const name = requireString(value, 'name', 100);
  const match = /^[A-Za-z0-9][\w.-]*\.(html|js|css|json)$/.exec(name);
  if (!match || name.includes('..')) throw badInput('name', 'must be a file name ending in .html, .js, .css or .json (letters, digits, _, . and -)');
  return { name, contentType: KINDS[match[1]] };
}

export function savePage(ctx: CoreContext, installCode: string, nameText: unknown, body: unknown) {
  const { name, contentType } = readPageName(nameText);
  // A JSON file arrives parsed, as any JSON body does: it is kept as JSON text again.
  const text = typeof body === 'string' ? body : contentType === KINDS.json && body !== undefined ? JSON.stringify(body) : undefined;
  if (text === undefined) throw badInput('body', 'must be the file itself, sent as text (text/html, text/javascript, text/css or application/json)');
  const bytes = new TextEncoder().encode(text);
  if (bytes.length > MAX_BYTES) throw badInput('body', `must be at most ${MAX_BYTES} bytes`);
  getSmartServer(ctx, installCode);
  ctx.db
    .prepare(
      'INSERT INTO custom_pages (install_code, name, content_type, body) VALUES (?, ?, ?, ?) ON CONFLICT(install_code, name) DO UPDATE SET content_type = excluded.content_type, body = excluded.body',
    )
    .run(installCode, name, contentType, ctx.db.blob(bytes));
  return { name, contentType, bytes: bytes.length, url: pageUrl(installCode, name) };
}

export function readPage(ctx: CoreContext, installCode: string, name: string): { contentType: string; body: Uint8Array } {
  const row = ctx.db
    .prepare<[string, string], { content_type: string; body: Uint8Array }>('SELECT content_type, body FROM custom_pages WHERE install_code = ? AND name = ?')
    .get(installCode, name);
  if (!row) throw notFound('custom page', `${name} on SmartServer ${installCode}`);
  return { contentType: row.content_type, body: row.body };
}

/** The SmartServer's login page, in its own words: user name, password, and where to go next. */
export function loginPage(installCode: string, next: string): string {
  const escaped = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>SmartServer ${escaped(installCode)}: log in</title></head>
<body><main>
<h1>SmartServer ${escaped(installCode)}</h1>
<form method="post" action="${smartServerRoot(installCode)}user/login">
<label>User name <input name="username" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<input type="hidden" name="next" value="${escaped(next)}">
<button type="submit">Log in</button>
</form>
</main></body></html>
`;
}
