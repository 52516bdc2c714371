import { fromBase64, fromUtf8, toBase64Url, utf8 } from './encoding';
import type { CryptoPort } from './ports';
import { unauthenticated } from './problems';
import { EVERY_SESSION, type SessionLedger } from './sessions';

/** Checked tokens remembered at most (a few MB); past that the memory starts again empty. */
const MAX_VERIFIED = 10_000;

/** Who a session token speaks for. */
export type Principal =
  | { kind: 'partner'; partnerId: string }
  | { kind: 'customer'; customerId: string }
  | { kind: 'cms'; installCode: string; username: string; userType: CmsUserType }
  | { kind: 'ecostruxure'; username: string };

export type CmsUserType = 'Owner' | 'Admin' | 'Supervisor' | 'User';

const CMS_USER_TYPES: readonly string[] = ['Owner', 'Admin', 'Supervisor', 'User'];

/** What a token says besides its principal: expiry, session ID and the epochs it was issued under. */
interface Claims {
  principal: Principal;
  exp: number;
  sid: string;
  /** The epoch of every session, and of the principal's own scope (a SmartServer's, for CMS sessions). */
  epoch: number;
  scopeEpoch: number;
}

/**
 * base64url body, a dot, and the 43 base64url characters of an HMAC-SHA256: nothing before, between
 * or after. The body's bound is checked on the length: a counted repetition of thousands makes V8
 * compile a regular expression many times the size of this one, on the first tokens it reads.
 */
const TOKEN_SHAPE = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/;
const MAX_TOKEN_LENGTH = 4096 + 1 + 43;

/** The scope of the CMS sessions of one SmartServer. */
export const cmsSessionScope = (installCode: string): string => `cms:${installCode}`;

/** The scope whose epoch, besides every session's, a principal's sessions end with. */
export function sessionScope(principal: Principal): string {
  return principal.kind === 'cms' ? cmsSessionScope(principal.installCode) : principal.kind;
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 200;

/** The principal in a parsed body, or undefined when the body is not exactly one of the three shapes. */
function principalIn(body: Record<string, unknown>): Principal | undefined {
  if (body.kind === 'partner' && isText(body.partnerId)) return { kind: 'partner', partnerId: body.partnerId };
  if (body.kind === 'customer' && isText(body.customerId)) return { kind: 'customer', customerId: body.customerId };
  if (body.kind === 'ecostruxure' && isText(body.username)) return { kind: 'ecostruxure', username: body.username };
  if (body.kind === 'cms' && isText(body.installCode) && isText(body.username) && CMS_USER_TYPES.includes(body.userType as string)) {
    return { kind: 'cms', installCode: body.installCode, username: body.username, userType: body.userType as CmsUserType };
  }
  return undefined;
}

function claimsIn(body: string): Claims | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromUtf8(fromBase64(body)));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const { exp, sid, e, se, ...rest } = parsed as Record<string, unknown>;
  const principal = principalIn(rest);
  const whole = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
  if (!principal || !whole(exp) || !isText(sid) || !whole(e) || !whole(se)) return undefined;
  return { principal: Object.freeze(principal) as Principal, exp, sid, epoch: e, scopeEpoch: se };
}

/**
 * Session tokens: the principal, an expiry, a session ID and the epochs it was issued under,
 * signed with a key derived from the per-database secret, so a restarted emulator still accepts
 * the tokens it issued. A token ends early when its session logs out, when the emulator is reset
 * or, for a CMS session, when its SmartServer is restored to factory settings (see sessions.ts).
 * Expiry follows real time, not the virtual clock, because moving the domain date years ahead must
 * not log everybody out.
 */
export class TokenIssuer {
  /**
   * Tokens whose signature was checked already, with what they say: every API call verifies its
   * token, and a client sends the same one many times. Expiry and revocation are checked again.
   */
  private readonly verified = new Map<string, Claims>();
  /** One key per purpose, each derived from the secret, so no value made for one purpose serves another. */
  private sessionKey: Uint8Array;
  private cloudKey: Uint8Array;

  constructor(
    private readonly crypto: CryptoPort,
    private secret: Uint8Array,
    private readonly ttlSeconds: number,
    private readonly ledger?: SessionLedger,
  ) {
    this.sessionKey = crypto.hmacSha256(secret, 'sslab key: session tokens');
    this.cloudKey = crypto.hmacSha256(secret, 'sslab key: licensing cloud client');
  }

  issue(principal: Principal): { token: string; expiresAt: string } {
    // Rounded up, so a token lives at least its whole lifetime.
    const exp = Math.ceil(Date.now() / 1000) + this.ttlSeconds;
    const sid = toBase64Url(this.crypto.randomBytes(16));
    const claims = { ...principal, exp, sid, e: this.epoch(EVERY_SESSION), se: this.epoch(sessionScope(principal)) };
    const body = toBase64Url(utf8(JSON.stringify(claims)));
    return { token: `${body}.${this.sign(body)}`, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** Signs with another secret from now on (a snapshot loaded with its own keys): tokens signed before stop verifying. */
  rekey(secret: Uint8Array): void {
    this.secret = secret;
    this.sessionKey = this.crypto.hmacSha256(secret, 'sslab key: session tokens');
    this.cloudKey = this.crypto.hmacSha256(secret, 'sslab key: licensing cloud client');
    this.verified.clear();
  }

  verify(token: string | undefined): Principal {
    return this.claims(token).principal;
  }

  /** Ends the session of `token` (a logout); the token is refused from now on. */
  logOut(token: string | undefined): Principal {
    const claims = this.claims(token);
    this.ledger?.logOut(claims.sid, claims.exp);
    return claims.principal;
  }

  /** Forgets what ended sessions (a snapshot loaded: the sessions of its time verify again). */
  forgetEndedSessions(): void {
    this.ledger?.clear();
  }

  /** Ends every session issued so far (a reset), or every CMS session of one SmartServer. */
  endSessions(scope: string = EVERY_SESSION): void {
    this.ledger?.endAll(scope);
  }

  /**
   * The key the emulator's own SmartServer shards present to the licensing cloud API. It is derived
   * from the secret the processes of one sharded emulator share, so no one else holds it: the cloud
   * API would otherwise let anyone activate licenses that no SmartServer records.
   */
  cloudClientKey(): string {
    return toBase64Url(this.crypto.hmacSha256(this.cloudKey, 'sslab licensing cloud client'));
  }

  /** Bytes for `purpose` and `data`, under a key of that purpose derived from the secret: what only holders of the secret can make. */
  derive(purpose: string, data: string): Uint8Array {
    return this.crypto.hmacSha256(this.crypto.hmacSha256(this.secret, `sslab key: ${purpose}`), data);
  }

  isCloudClientKey(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    return this.crypto.equal(utf8(this.cloudClientKey()), utf8(value));
  }

  private claims(token: string | undefined): Claims {
    if (!token) throw unauthenticated();
    let claims = this.verified.get(token);
    if (!claims) {
      const shape = token.length <= MAX_TOKEN_LENGTH ? TOKEN_SHAPE.exec(token) : null;
      if (!shape) throw unauthenticated('The session token is malformed; log in again.');
      const [, body, signature] = shape;
      if (!this.crypto.equal(utf8(this.sign(body)), utf8(signature))) throw unauthenticated('The session token is not valid here; log in again.');
      claims = claimsIn(body);
      if (!claims) throw unauthenticated('The session token is malformed; log in again.');
      if (this.verified.size >= MAX_VERIFIED) this.verified.clear();
      this.verified.set(token, claims);
    }
    if (claims.exp * 1000 < Date.now()) throw unauthenticated('The session has expired; log in again.');
    if (this.ended(claims)) throw unauthenticated('The session has ended (logged out, or the emulator or the SmartServer was reset); log in again.');
    return claims;
  }

  private ended(claims: Claims): boolean {
    if (!this.ledger) return false;
    return (
      this.ledger.isLoggedOut(claims.sid) ||
      claims.epoch < this.ledger.epoch(EVERY_SESSION) ||
      claims.scopeEpoch < this.ledger.epoch(sessionScope(claims.principal))
    );
  }

  private epoch(scope: string): number {
    return this.ledger?.epoch(scope) ?? 0;
  }

  private sign(body: string): string {
    return toBase64Url(this.crypto.hmacSha256(this.sessionKey, body));
  }
}
