import { fromBase64, fromUtf8, toBase64Url, utf8 } from './encoding';
import type { CryptoPort } from './ports';
import { unauthenticated } from './problems';

/** Checked tokens remembered at most (a few MB); past that the memory starts again empty. */
const MAX_VERIFIED = 10_000;

/** Who a session token speaks for. */
export type Principal =
  | { kind: 'partner'; partnerId: string }
  | { kind: 'customer'; customerId: string }
  | { kind: 'cms'; installCode: string; username: string; userType: CmsUserType };

export type CmsUserType = 'Owner' | 'Admin' | 'Supervisor' | 'User';

/**
 * Stateless session tokens: the principal and an expiry, signed with a per-database secret, so a
 * restarted emulator still accepts the tokens it issued. Expiry follows real time, not the
 * virtual clock, because moving the domain date years ahead must not log everybody out.
 */
export class TokenIssuer {
  /**
   * Tokens whose signature was checked already, with what they say: every API call verifies its
   * token, and a client sends the same one many times. Only the expiry is checked again.
   */
  private readonly verified = new Map<string, { principal: Principal; exp: number }>();

  constructor(
    private readonly crypto: CryptoPort,
    private secret: Uint8Array,
    private readonly ttlSeconds: number,
  ) {}

  issue(principal: Principal): { token: string; expiresAt: string } {
    // Rounded up, so a token lives at least its whole lifetime.
    const exp = Math.ceil(Date.now() / 1000) + this.ttlSeconds;
    const body = toBase64Url(utf8(JSON.stringify({ ...principal, exp })));
    return { token: `${body}.${this.sign(body)}`, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** Signs with another secret from now on (a snapshot loaded with its own keys): tokens signed before stop verifying. */
  rekey(secret: Uint8Array): void {
    this.secret = secret;
    this.verified.clear();
  }

  verify(token: string | undefined): Principal {
    if (!token) throw unauthenticated();
    const known = this.verified.get(token);
    if (known) {
      if (known.exp * 1000 < Date.now()) throw unauthenticated('The session has expired; log in again.');
      return known.principal;
    }
    const [body, signature] = token.split('.');
    if (!body || !signature) throw unauthenticated('The session token is malformed; log in again.');
    if (!this.crypto.equal(utf8(this.sign(body)), utf8(signature))) {
      throw unauthenticated('The session token is not valid here; log in again.');
    }
    const { exp, ...principal } = JSON.parse(fromUtf8(fromBase64(body))) as Principal & { exp: number };
    if (exp * 1000 < Date.now()) throw unauthenticated('The session has expired; log in again.');
    if (this.verified.size >= MAX_VERIFIED) this.verified.clear();
    this.verified.set(token, { principal: Object.freeze(principal) as Principal, exp });
    return principal as Principal;
  }

  /**
   * The key the emulator's own SmartServer shards present to the licensing cloud API. It is derived
   * from the secret the processes of one sharded emulator share, so no one else holds it: the cloud
   * API would otherwise let anyone activate licenses that no SmartServer records.
   */
  cloudClientKey(): string {
    return this.sign('sslab licensing cloud client');
  }

  isCloudClientKey(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    return this.crypto.equal(utf8(this.cloudClientKey()), utf8(value));
  }

  private sign(body: string): string {
    return toBase64Url(this.crypto.hmacSha256(this.secret, body));
  }
}
