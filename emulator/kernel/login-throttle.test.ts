import { expect, test } from 'vitest';
import { type LoginAttempt, LoginThrottle, type LoginThrottleOptions, TooManyAttempts } from './login-throttle';
import { Problem } from './problems';

const MINUTE = 60_000;

/** A throttle on a hand-moved clock, and a login that succeeds only with the right password. */
function setup(options: LoginThrottleOptions = {}) {
  let now = 1_000_000;
  const throttle = new LoginThrottle({ now: () => now, ...options });
  const login = (identity: string, password: string, source = 'a') =>
    throttle.attempt({ identity, source }, () => {
      if (password !== 'right') throw new Problem(401, 'invalid-credentials', 'wrong');
      return 'session';
    });
  const refusal = (identity: string, password: string, source = 'a') => {
    try {
      login(identity, password, source);
    } catch (error) {
      return error as Problem;
    }
    throw new Error('the login was not refused');
  };
  const locked = (who: LoginAttempt) => {
    try {
      throttle.refuseIfLocked(who);
      return false;
    } catch (error) {
      if (error instanceof TooManyAttempts) return true;
      throw error;
    }
  };
  return {
    throttle,
    login,
    refusal,
    locked,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

test('five failed logins within 15 minutes lock the identity: even the right password gets 429 until the window passes', () => {
  const { login, refusal, advance } = setup();
  for (let i = 0; i < 5; i++) {
    expect(refusal('partner:a@example.com', 'wrong', `s${i}`).status).toBe(401);
    advance(MINUTE);
  }
  const locked = refusal('partner:a@example.com', 'right', 'elsewhere');
  expect(locked).toBeInstanceOf(TooManyAttempts);
  expect(locked).toMatchObject({ status: 429, code: 'too-many-attempts', retryAfterSeconds: 10 * 60 });
  // The lock lifts when the first of the five failures is 15 minutes old.
  advance(10 * MINUTE - 1000);
  expect((refusal('partner:a@example.com', 'right') as TooManyAttempts).retryAfterSeconds).toBe(1);
  advance(1000);
  expect(login('partner:a@example.com', 'right')).toBe('session');
});

test('a success clears its own identity only, and failures older than the window do not count', () => {
  const { login, refusal, advance } = setup();
  for (let i = 0; i < 4; i++) refusal('cms:17q5t6a:owner', 'wrong');
  expect(login('cms:17q5t6a:owner', 'right')).toBe('session');
  for (let i = 0; i < 4; i++) expect(refusal('cms:17q5t6a:owner', 'wrong').status).toBe(401);
  // Another identity's success, from the same source, leaves the owner's four failures standing.
  expect(login('cms:17q5t6a:admin', 'right')).toBe('session');
  expect(refusal('cms:17q5t6a:owner', 'wrong').status).toBe(401);
  expect(refusal('cms:17q5t6a:owner', 'right')).toBeInstanceOf(TooManyAttempts);
  advance(15 * MINUTE + 1);
  for (let i = 0; i < 4; i++) expect(refusal('cms:17q5t6a:owner', 'wrong').status).toBe(401);
  expect(login('cms:17q5t6a:owner', 'right')).toBe('session');
});

test('one source guessing many identities is stopped, and its own successful logins do not clear its failures', () => {
  const { login, refusal, advance, locked } = setup({ maxSourceFailures: 30 });
  let guesses = 0;
  // Three guesses at other customers' emails, then a login as itself, over and over, as the guesser would do.
  while (!locked({ identity: 'customer:email:me@example.com', source: '10.0.0.9' })) {
    expect(guesses, 'guesses answered').toBeLessThan(30);
    for (let i = 0; i < 3; i++) expect(refusal(`customer:email:guess-${guesses++}@example.com`, 'wrong', '10.0.0.9').status).toBe(401);
    if (!locked({ identity: 'customer:email:me@example.com', source: '10.0.0.9' }))
      expect(login('customer:email:me@example.com', 'right', '10.0.0.9')).toBe('session');
  }
  expect(guesses).toBe(30);
  const answer = refusal('customer:email:guess-x@example.com', 'wrong', '10.0.0.9');
  expect(answer).toBeInstanceOf(TooManyAttempts);
  expect(answer.detail).toContain('from this address');
  // Other sources are not held up by it; the lock lapses with the window.
  expect(login('customer:email:someone@example.com', 'right', '10.0.0.10')).toBe('session');
  advance(15 * MINUTE + 1);
  expect(login('customer:email:me@example.com', 'right', '10.0.0.9')).toBe('session');
});

test('only refused credentials count: other errors leave the identity and the source unlocked', () => {
  const { throttle, login } = setup({ maxSourceFailures: 3 });
  for (let i = 0; i < 10; i++) {
    expect(() =>
      throttle.attempt({ identity: 'customer:email:c@example.com', source: 'a' }, () => {
        throw new Problem(404, 'smartserver-not-found', 'none');
      }),
    ).toThrow(Problem);
  }
  expect(login('customer:email:c@example.com', 'right')).toBe('session');
});

test('attempts in flight count at once: concurrent guesses cannot slip past the limit while a password hashes', async () => {
  const { throttle } = setup();
  const slowWrong = async () =>
    throttle.attempt({ identity: 'partner:a@example.com', source: 'a' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      throw new Problem(401, 'invalid-credentials', 'wrong');
    });
  const outcomes = await Promise.allSettled(Array.from({ length: 20 }, slowWrong));
  const codes = outcomes.map((o) => (o.status === 'rejected' ? (o.reason as Problem).status : 200));
  expect(codes.filter((c) => c === 401)).toHaveLength(5);
  expect(codes.filter((c) => c === 429)).toHaveLength(15);
});

test('an asynchronous success clears the identity and takes back its provisional failure from the source', async () => {
  const { throttle, locked } = setup({ maxFailures: 2, maxSourceFailures: 2 });
  const ok = () => throttle.attempt({ identity: 'x', source: 's' }, async () => 'session');
  for (let i = 0; i < 5; i++) await expect(ok()).resolves.toBe('session');
  expect(locked({ identity: 'x', source: 's' })).toBe(false);
});

test('the limits are settable; maxFailures 0 locks no identity (the per-source limit remains); clear() forgets every failure', () => {
  let now = 0;
  const throttle = new LoginThrottle({ maxFailures: 2, windowSeconds: 1, now: () => now });
  const fail = () =>
    throttle.attempt({ identity: 'x', source: 's' }, () => {
      throw new Problem(401, 'invalid-credentials', 'wrong');
    });
  expect(fail).toThrow('wrong');
  expect(fail).toThrow('wrong');
  expect(fail).toThrow(TooManyAttempts);
  now += 1001;
  expect(fail).toThrow('wrong');
  expect(fail).toThrow('wrong');
  throttle.clear();
  expect(fail).toThrow('wrong');

  const noIdentityLock = new LoginThrottle({ maxFailures: 0, maxSourceFailures: 3 });
  const guess = (source: string) => () =>
    noIdentityLock.attempt({ identity: 'cms:17q5t6a:owner', source }, () => {
      throw new Problem(401, 'invalid-credentials', 'wrong');
    });
  for (let i = 0; i < 3; i++) expect(guess('attacker')).toThrow('wrong');
  expect(guess('attacker')).toThrow(TooManyAttempts);
  // The Owner, from its own address, is not locked out by the attacker's guesses.
  expect(guess('owner-desk')).toThrow('wrong');
});

test('a flood of failures for other identities never evicts a lock', () => {
  const { throttle, locked, refusal } = setup({ maxFailures: 1, maxSourceFailures: 0, windowSeconds: 60 });
  refusal('victim', 'wrong');
  expect(locked({ identity: 'victim', source: 'a' })).toBe(true);
  for (let i = 0; i < 10_001; i++) refusal(`other-${i}`, 'wrong', `src-${i}`);
  expect(locked({ identity: 'victim', source: 'z' })).toBe(true);
  expect(throttle.remembered.identities).toBeGreaterThan(10_000);
});

test('unlocked and lapsed identities are forgotten past 10,000, so memory stays bounded', () => {
  const { throttle, refusal, advance } = setup({ maxFailures: 5, maxSourceFailures: 0, windowSeconds: 60 });
  refusal('lapsed', 'wrong');
  advance(2 * MINUTE);
  for (let i = 0; i < 20_000; i++) refusal(`one-failure-${i}`, 'wrong');
  expect(throttle.remembered.identities).toBeLessThanOrEqual(10_001);
});
