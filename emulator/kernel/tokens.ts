import { createHmac, timingSafeEqual } from 'node:crypto';
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

  constructor(private readonly secret: Buffer, private readonly ttlSeconds: number) {}

  issue(principal: Principal): { token: string; expiresAt: string } {
    // Rounded up, so a token lives at least its whole lifetime.
    const exp = Math.ceil(Date.now() / 1000) + this.ttlSeconds;
    const body = Buffer.from(JSON.stringify({ ...principal, exp })).toString('base64url');
    return { token: `${body}.${this.sign(body)}`, expiresAt: new Date(exp * 1000).toISOString() };
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
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw unauthenticated('The session token is not valid here; log in again.');
    }
    const { exp, ...principal } = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Principal & { exp: number };
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
    const expected = Buffer.from(this.cloudClientKey());
    const given = Buffer.from(value);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
