import { Problem } from './problems';

export interface LoginThrottleOptions {
  /**
   * Failed logins of one identity that lock it (5 unless told). The lock also keeps the identity's
   * own user out, so anyone who knows a name can lock it: 0 locks no identity and leaves guessing
   * to the per-source limit alone.
   */
  maxFailures?: number;
  /** Failed logins from one source address, whatever identities they named, that lock the source (30 unless told; 0: no limit). */
  maxSourceFailures?: number;
  /** How long a failure counts, in real seconds (15 minutes unless told). */
  windowSeconds?: number;
  /** Real time in milliseconds; tests pass their own. */
  now?: () => number;
}

/** One login attempt: the identity it names and the address it comes from. */
export interface LoginAttempt {
  identity: string;
  source: string;
}

/** 429 too-many-attempts, with the seconds to wait for the Retry-After header. */
export class TooManyAttempts extends Problem {
  constructor(
    readonly retryAfterSeconds: number,
    about: 'identity' | 'source' = 'identity',
  ) {
    super(
      429,
      'too-many-attempts',
      about === 'identity'
        ? `Too many failed logins for this account; try again in ${retryAfterSeconds} seconds. A correct password is refused too until then.`
        : `Too many failed logins from this address; try again in ${retryAfterSeconds} seconds.`,
    );
  }
}

/** Keys remembered at most per kind; past this, lapsed ones and then unlocked ones are forgotten, never a lock. */
const MAX_KEYS = 10_000;

/** Failure times per key (an identity or a source), the most recent `limit` kept. */
class FailureLog {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** The moment the key unlocks, or undefined when it is not locked. */
  lockedUntil(key: string): number | undefined {
    if (this.limit <= 0) return undefined;
    const recent = this.recent(key);
    return recent.length >= this.limit ? recent[recent.length - this.limit] + this.windowMs : undefined;
  }

  add(key: string, at: number): void {
    if (this.limit <= 0) return;
    const recent = this.recent(key);
    recent.push(at);
    this.failures.delete(key);
    this.failures.set(key, recent.slice(-this.limit));
    if (this.failures.size > MAX_KEYS) this.shrink();
  }

  /** Takes back one failure recorded at `at` (an attempt that turned out not to be a failure). */
  remove(key: string, at: number): void {
    const list = this.failures.get(key);
    const index = list?.lastIndexOf(at) ?? -1;
    if (list && index >= 0) list.splice(index, 1);
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  clear(): void {
    this.failures.clear();
  }

  get size(): number {
    return this.failures.size;
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    return (this.failures.get(key) ?? []).filter((at) => at > since);
  }

  /**
   * A flood of new keys must not push out a lock: lapsed keys go first, then unlocked ones, oldest
   * first, down to nine tenths of the bound so that the next thousand keys cost nothing.
   */
  private shrink(): void {
    const target = Math.floor(MAX_KEYS * 0.9);
    for (const key of [...this.failures.keys()]) if (this.recent(key).length === 0) this.failures.delete(key);
    for (const key of [...this.failures.keys()]) {
      if (this.failures.size <= target) break;
      if (this.lockedUntil(key) === undefined) this.failures.delete(key);
    }
  }
}

/**
 * Slows password guessing twice over. Per identity (a partner email, a customer EID or email, a
 * SmartServer's user): after `maxFailures` failed logins within the window, every login of that
 * identity is refused with 429 until the oldest of them leaves the window. Per source address:
 * after `maxSourceFailures` failures from one address, whatever names they tried, that address is
 * refused, which is what stops guessing customer emails and EIDs (each guess a new identity).
 *
 * A successful login clears its own identity's failures and nothing else: not the source's, not
 * another identity's. An attempt counts as a failure from the moment it starts (taken back if it
 * succeeds or fails for another reason), so concurrent guesses cannot slip past the limit while
 * the password hashes. Time is real time, not the virtual clock. Held in memory only: a restart
 * or a reset forgets it.
 */
export class LoginThrottle {
  readonly maxFailures: number;
  readonly maxSourceFailures: number;
  readonly windowMs: number;
  private readonly now: () => number;
  private readonly identities: FailureLog;
  private readonly sources: FailureLog;

  constructor(options: LoginThrottleOptions = {}) {
    this.maxFailures = options.maxFailures ?? 5;
    this.maxSourceFailures = options.maxSourceFailures ?? 30;
    this.windowMs = (options.windowSeconds ?? 15 * 60) * 1000;
    this.now = options.now ?? Date.now;
    this.identities = new FailureLog(this.maxFailures, this.windowMs, this.now);
    this.sources = new FailureLog(this.maxSourceFailures, this.windowMs, this.now);
  }

  /**
   * Runs a login attempt: refused with 429 while its identity or its source is locked; a failure
   * (a 401 Problem from `attempt`) is counted against both. `attempt` may return a promise (a
   * password hashed off the event loop); the count is settled when it does.
   */
  attempt<T>(who: LoginAttempt, attempt: () => T): T {
    this.refuseIfLocked(who);
    const at = this.now();
    this.identities.add(who.identity, at);
    this.sources.add(who.source, at);
    const settle = (error?: unknown) => {
      const failed = error instanceof Problem && error.status === 401;
      if (failed) return;
      if (error === undefined) this.identities.forget(who.identity);
      else this.identities.remove(who.identity, at);
      this.sources.remove(who.source, at);
    };
    let result: T;
    try {
      result = attempt();
    } catch (error) {
      settle(error);
      throw error;
    }
    if (result instanceof Promise) {
      return result.then(
        (value) => {
          settle();
          return value;
        },
        (error: unknown) => {
          settle(error);
          throw error;
        },
      ) as T;
    }
    settle();
    return result;
  }

  refuseIfLocked(who: LoginAttempt): void {
    const identityUntil = this.identities.lockedUntil(who.identity);
    if (identityUntil !== undefined) throw new TooManyAttempts(this.secondsUntil(identityUntil), 'identity');
    const sourceUntil = this.sources.lockedUntil(who.source);
    if (sourceUntil !== undefined) throw new TooManyAttempts(this.secondsUntil(sourceUntil), 'source');
  }

  /** Identities and sources remembered now (for tests of the memory bound). */
  get remembered(): { identities: number; sources: number } {
    return { identities: this.identities.size, sources: this.sources.size };
  }

  clear(): void {
    this.identities.clear();
    this.sources.clear();
  }

  private secondsUntil(at: number): number {
    return Math.max(1, Math.ceil((at - this.now()) / 1000));
  }
}
