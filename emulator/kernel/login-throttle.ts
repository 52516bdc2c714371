import { Problem } from './problems';

export interface LoginThrottleOptions {
  /** Failed logins of one identity that lock it (5 unless told). */
  maxFailures?: number;
  /** How long a failure counts, in real seconds (15 minutes unless told). */
  windowSeconds?: number;
  /** Real time in milliseconds; tests pass their own. */
  now?: () => number;
}

/** 429 too-many-attempts, with the seconds to wait for the Retry-After header. */
export class TooManyAttempts extends Problem {
  constructor(readonly retryAfterSeconds: number) {
    super(
      429,
      'too-many-attempts',
      `Too many failed logins for this account; try again in ${retryAfterSeconds} seconds. A correct password is refused too until then.`,
    );
  }
}

/** Identities remembered at most; past this the ones whose failures all lapsed are forgotten first. */
const MAX_IDENTITIES = 10_000;

/**
 * Slows password guessing: after `maxFailures` failed logins of one identity (a partner email, a
 * customer EID or email, a SmartServer's user) within the window, every login of that identity is
 * refused with 429 until the oldest of those failures leaves the window. A successful login
 * clears the identity's failures. Time is real time, not the virtual clock, so moving the domain
 * date does not unlock an account. Held in memory only: a restart or a reset forgets it.
 */
export class LoginThrottle {
  readonly maxFailures: number;
  readonly windowMs: number;
  private readonly now: () => number;
  private readonly failures = new Map<string, number[]>();

  constructor(options: LoginThrottleOptions = {}) {
    this.maxFailures = options.maxFailures ?? 5;
    this.windowMs = (options.windowSeconds ?? 15 * 60) * 1000;
    this.now = options.now ?? Date.now;
  }

  /**
   * Runs a login attempt for `identity`: refused with 429 while the identity is locked; a
   * failure (a 401 Problem from `attempt`) is counted, a success clears the count.
   */
  attempt<T>(identity: string, attempt: () => T): T {
    this.refuseIfLocked(identity);
    try {
      const result = attempt();
      this.failures.delete(identity);
      return result;
    } catch (error) {
      if (error instanceof Problem && error.status === 401) this.recordFailure(identity);
      throw error;
    }
  }

  refuseIfLocked(identity: string): void {
    const recent = this.recent(identity);
    if (recent.length >= this.maxFailures) {
      const unlocksAt = recent[recent.length - this.maxFailures] + this.windowMs;
      throw new TooManyAttempts(Math.max(1, Math.ceil((unlocksAt - this.now()) / 1000)));
    }
  }

  recordFailure(identity: string): void {
    const recent = this.recent(identity);
    recent.push(this.now());
    // Only the last maxFailures matter for the lock, so older ones are dropped.
    this.failures.set(identity, recent.slice(-this.maxFailures));
    if (this.failures.size > MAX_IDENTITIES) this.forgetLapsed();
  }

  clear(): void {
    this.failures.clear();
  }

  private recent(identity: string): number[] {
    const since = this.now() - this.windowMs;
    return (this.failures.get(identity) ?? []).filter((at) => at > since);
  }

  private forgetLapsed(): void {
    for (const identity of [...this.failures.keys()]) {
      if (this.recent(identity).length === 0) this.failures.delete(identity);
    }
    // Still too many live identities: drop the oldest entries (Map keeps insertion order).
    for (const identity of this.failures.keys()) {
      if (this.failures.size <= MAX_IDENTITIES) break;
      this.failures.delete(identity);
    }
  }
}
