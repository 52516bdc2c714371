import type { CoreContext } from '../../kernel/context';
import type { Principal } from '../../kernel/tokens';
import { requireCmsUser } from '../smartserver';

/**
 * The browser session of a SmartServer's own web pages. Custom pages run from the SmartServer and
 * send no token: its login page sets a cookie, HttpOnly (scripts cannot read it), SameSite=Strict
 * (other sites cannot send it) and scoped by its Path to that one SmartServer, and the REST paths
 * take it where no Authorization header is given. Logging out ends the session for good: a
 * token logged out of is refused from then on, in the cookie or in a header.
 */

export const SESSION_COOKIE = 'sslab_iap';

/** Where a SmartServer's pages and REST paths live in the emulator: the cookie's Path. */
export const smartServerRoot = (installCode: string) => `/smartservers/${installCode}/`;

export function sessionCookie(installCode: string, token: string): string {
  return `${SESSION_COOKIE}=${token}; Path=${smartServerRoot(installCode)}; HttpOnly; SameSite=Strict`;
}

export function clearedSessionCookie(installCode: string): string {
  return `${SESSION_COOKIE}=; Path=${smartServerRoot(installCode)}; HttpOnly; SameSite=Strict; Max-Age=0`;
}

/** The session token a cookie header carries, if any. */
export function tokenFromCookies(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=') || undefined;
  }
  return undefined;
}

/** Who a request speaks for on this SmartServer: the bearer token if given, else the session cookie. */
export function iapUser(ctx: CoreContext, installCode: string, bearer: string | undefined, cookies: string | undefined): Extract<Principal, { kind: 'cms' }> {
  return requireCmsUser(ctx.tokens.verify(bearer ?? tokenFromCookies(cookies)), installCode);
}

/** POST /iap/auth/logout: the session's token is refused from now on. */
export function logout(ctx: CoreContext, installCode: string, bearer: string | undefined, cookies: string | undefined): void {
  iapUser(ctx, installCode, bearer, cookies);
  // The same ending as every other logout: the session is refused by every surface, the CMS and IAP/MQ too.
  ctx.tokens.logOut(bearer ?? tokenFromCookies(cookies));
}

/** Where a login page may send the browser afterwards: only a page of the same SmartServer. */
export function safeNext(installCode: string, next: unknown): string {
  const root = smartServerRoot(installCode);
  return typeof next === 'string' && next.startsWith(root) && !next.includes('//') && !next.includes('\\') ? next : `${root}user/pages/`;
}
