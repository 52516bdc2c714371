import { expect, test } from 'vitest';
import { LoginThrottle, TooManyAttempts } from './login-throttle';
import { Problem } from './problems';

const MINUTE = 60_000;

/** A throttle on a hand-moved clock, and a login that succeeds only with the right password. */
function setup() {
  let now = 1_000_000;
  const throttle = new LoginThrottle({ now: () => now });
  const login = (identity: string, password: string) =>
    throttle.attempt(identity, () => {
      if (password !== 'right') throw new Problem(401, 'invalid-credentials', 'wrong');
      return 'session';
    });
  const refusal = (identity: string, password: string) => {
    try {
      login(identity, password);
    } catch (error) {
      return error as Problem;
    }
    throw new Error('the login was not refused');
  };
  return {
    throttle,
    login,
    refusal,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

test('five failed logins within 15 minutes lock the identity: even the right password gets 429 until the window passes', () => {
  const { login, refusal, advance } = setup();
  for (let i = 0; i < 5; i++) {
    expect(refusal('partner:a@example.com', 'wrong').status).toBe(401);
    advance(MINUTE);
  }
  const locked = refusal('partner:a@example.com', 'right');
  expect(locked).toBeInstanceOf(TooManyAttempts);
  expect(locked).toMatchObject({ status: 429, code: 'too-many-attempts', retryAfterSeconds: 10 * 60 });
  // The lock lifts when the first of the five failures is 15 minutes old.
  advance(10 * MINUTE - 1000);
  expect((refusal('partner:a@example.com', 'right') as TooManyAttempts).retryAfterSeconds).toBe(1);
  advance(1000);
  expect(login('partner:a@example.com', 'right')).toBe('session');
});

test('a success clears the count, other identities are untouched, and failures older than the window do not count', () => {
  const { login, refusal, advance } = setup();
  for (let i = 0; i < 4; i++) refusal('cms:17q5t6a:owner', 'wrong');
  expect(login('cms:17q5t6a:owner', 'right')).toBe('session');
  for (let i = 0; i < 4; i++) expect(refusal('cms:17q5t6a:owner', 'wrong').status).toBe(401);
  expect(login('cms:17q5t6a:admin', 'right')).toBe('session');
  advance(15 * MINUTE + 1);
  for (let i = 0; i < 4; i++) expect(refusal('cms:17q5t6a:owner', 'wrong').status).toBe(401);
  expect(login('cms:17q5t6a:owner', 'right')).toBe('session');
});

test('only refused credentials count: other errors leave the identity unlocked', () => {
  const { throttle, login } = setup();
  for (let i = 0; i < 10; i++) {
    expect(() =>
      throttle.attempt('customer:email:c@example.com', () => {
        throw new Problem(404, 'smartserver-not-found', 'none');
      }),
    ).toThrow(Problem);
  }
  expect(login('customer:email:c@example.com', 'right')).toBe('session');
});

test('the limits are settable, and clear() forgets every failure (as an emulator reset does)', () => {
  let now = 0;
  const throttle = new LoginThrottle({ maxFailures: 2, windowSeconds: 1, now: () => now });
  const fail = () =>
    throttle.attempt('x', () => {
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
});

test('it remembers at most 10,000 identities: lapsed ones go first, then the oldest live ones', () => {
  let now = 1_000_000;
  const throttle = new LoginThrottle({ now: () => now, maxFailures: 1, windowSeconds: 60 });
  const locked = (identity: string) => {
    try {
      throttle.refuseIfLocked(identity);
      return false;
    } catch (error) {
      if (error instanceof TooManyAttempts) return true;
      throw error;
    }
  };
  throttle.recordFailure('lapsed');
  now += 2 * MINUTE;
  for (let i = 0; i < 10_000; i++) throttle.recordFailure(`live-${i}`);
  // 10,001 identities: the lapsed one is forgotten and every live lock holds.
  expect([locked('live-0'), locked('live-9999')]).toEqual([true, true]);
  throttle.recordFailure('newest');
  // 10,001 live identities: the oldest lock gives way to the newest.
  expect([locked('live-0'), locked('live-1'), locked('newest')]).toEqual([false, true, true]);
});
