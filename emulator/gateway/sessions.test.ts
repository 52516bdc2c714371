import { afterEach, expect, test, vi } from 'vitest';
import { newPartner, newSmartServer, problemOf, serverResetForEachTest, startTestServer, transfer } from '../testing/http-test-kit';

/**
 * Credentials and sessions over HTTP: stored passwords are hashes, repeated failed logins are
 * locked out (partner, customer and CMS), and tokens expire and cannot be edited.
 */
const server = serverResetForEachTest({ passwordCost: 'fast' });

/**
 * Lockout windows and token lifetimes are read from the wall clock (Date); the tests that wait one
 * out move that clock on instead of sleeping. Only Date is faked, and it keeps running, so sockets
 * and timers behave as ever. Faked before the test's server starts, since the server keeps Date.now.
 */
const movableClock = () => vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
const passSeconds = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);
afterEach(() => {
  vi.useRealTimers();
});

/** The answer must be 429 too-many-attempts with a Retry-After of 1 to `maxSeconds` seconds. */
async function expectLocked(url: string, body: unknown, maxSeconds = 15 * 60): Promise<void> {
  const response = await fetch(`${server().url}${url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  problemOf(
    { status: response.status, contentType: response.headers.get('content-type') ?? '', body: JSON.parse(text), text, headers: response.headers },
    429,
    'too-many-attempts',
  );
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(retryAfter, text).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
}

test('a partner account is locked after five failed logins: even its password gets 429 with Retry-After; other partners log in', async () => {
  const { api, running } = server();
  const { order } = await newPartner(api, { poNumber: 'PO-LOCK-1', email: 'locked@partner.example', lines: [{ model: '72220-10' }] });
  const other = await newPartner(api, { poNumber: 'PO-LOCK-2', email: 'free@partner.example', lines: [{ model: '72220-10' }] });
  const stored = running.emulator.ctx.db
    .prepare<[], { password_hash: string }>("SELECT password_hash FROM partners WHERE email = 'locked@partner.example'")
    .get()!;
  expect(stored.password_hash).not.toContain(order.credentials.password);
  expect(stored.password_hash).toMatch(/^scrypt\$/);
  for (let i = 0; i < 5; i++) {
    problemOf(await api.post('/partner/api/session', { email: 'locked@partner.example', password: `guess-${i}` }), 401, 'invalid-credentials');
  }
  await expectLocked('/partner/api/session', order.credentials);
  await expectLocked('/partner/api/session', { email: 'LOCKED@partner.example', password: 'guess' });
  await api.ok('POST', '/partner/api/session', { body: other.order.credentials });
  // A reset of the emulator forgets the failures with everything else.
  await api.ok('POST', '/_emulator/reset');
  problemOf(await api.post('/partner/api/session', order.credentials), 401, 'invalid-credentials');
});

test('an unknown partner email is locked out like a known one, so the lock does not tell which accounts exist', async () => {
  const { api } = server();
  for (let i = 0; i < 5; i++) problemOf(await api.post('/partner/api/session', { email: 'nobody@partner.example', password: 'x' }), 401, 'invalid-credentials');
  await expectLocked('/partner/api/session', { email: 'nobody@partner.example', password: 'x' });
});

test('a CMS user is locked after five failed logins; other users of the same SmartServer are not', async () => {
  const { api } = server();
  const ss = await newSmartServer(api, {
    users: [
      { username: 'owner', userType: 'Owner', password: 'owner-password' },
      { username: 'admin', userType: 'Admin', password: 'admin-password' },
    ],
  });
  const login = `/smartservers/${ss.installCode}/login`;
  for (let i = 0; i < 5; i++) problemOf(await api.post(login, { username: 'owner', password: `guess-${i}` }), 401, 'invalid-credentials');
  await expectLocked(login, { username: 'owner', password: 'owner-password' });
  await api.ok('POST', login, { body: { username: 'admin', password: 'admin-password' } });
  // A user the SmartServer does not have is refused as a wrong password is, and locked alike.
  for (let i = 0; i < 5; i++) problemOf(await api.post(login, { username: 'ghost', password: 'x' }), 401, 'invalid-credentials');
  await expectLocked(login, { username: 'ghost', password: 'x' });
});

test('guessing customer emails and EIDs stops at 30 failures from one address, however often the guesser logs in as itself', async () => {
  const { api } = server();
  const { token: partner, order } = await newPartner(api, { poNumber: 'PO-LOCK-3', email: 'cust@partner.example', lines: [{ model: '72220-10' }] });
  const moved = await transfer(api, partner, order.licenses[0].licenseId, 'Lockout Hall', { contactEmail: 'hall@customer.example' });
  let guesses = 0;
  for (let round = 0; round < 10; round++) {
    // Three guesses, then a login as itself, which once cleared the count.
    for (let i = 0; i < 3; i++) {
      const body = i === 0 ? { eid: `00000000-0000-4000-8000-${String(guesses).padStart(12, '0')}` } : { email: `guess-${guesses}@customer.example` };
      problemOf(await api.post('/customer/api/session', body), 401, 'invalid-credentials');
      guesses += 1;
    }
    if (guesses < 30) await api.ok('POST', '/customer/api/session', { body: { eid: moved.license.licenseId } });
  }
  await expectLocked('/customer/api/session', { email: 'guess-x@customer.example' });
  // The address is locked, so its own login waits too; the count is per address, not per account.
  await expectLocked('/customer/api/session', { email: 'hall@customer.example' });
});

test('five wrong guesses of one customer email lock that email only', async () => {
  const { api } = server();
  const { token: partner, order } = await newPartner(api, {
    poNumber: 'PO-LOCK-5',
    email: 'cust5@partner.example',
    lines: [{ model: '72220-10' }, { model: '72220-10' }],
  });
  const hall = await transfer(api, partner, order.licenses[0].licenseId, 'Guessed Hall', { contactEmail: 'guessed@customer.example' });
  await transfer(api, partner, order.licenses[1].licenseId, 'Other Hall', { contactEmail: 'other@customer.example' });
  // Failures for an unknown EID count against that EID (a retired one is answered with its new ID instead).
  const unknown = '00000000-0000-4000-8000-00000000005e';
  for (let i = 0; i < 5; i++) problemOf(await api.post('/customer/api/session', { eid: unknown }), 401, 'invalid-credentials');
  await expectLocked('/customer/api/session', { eid: unknown });
  await api.ok('POST', '/customer/api/session', { body: { eid: hall.license.licenseId } });
  await api.ok('POST', '/customer/api/session', { body: { email: 'other@customer.example' } });
});

test('portal logins from one address are limited across accounts; each SmartServer limits the CMS logins from an address itself', async () => {
  const { api } = server();
  const owner = [{ username: 'owner', userType: 'Owner', password: 'owner-password' }];
  const ss = await newSmartServer(api, { users: owner });
  const other = await newSmartServer(api, { users: owner });
  const login = `/smartservers/${ss.installCode}/login`;
  // One guess per name stays under each account's lock; the address reaches its limit first.
  for (let i = 0; i < 30; i++) problemOf(await api.post('/partner/api/session', { email: `p${i}@partner.example`, password: 'x' }), 401, 'invalid-credentials');
  await expectLocked('/partner/api/session', { email: 'new@partner.example', password: 'x' });
  for (let i = 0; i < 30; i++) problemOf(await api.post(login, { username: `u${i}`, password: 'x' }), 401, 'invalid-credentials');
  await expectLocked(login, { username: 'owner', password: 'owner-password' });
  // Another SmartServer is a machine of its own: the same address still logs in there.
  await api.ok('POST', `/smartservers/${other.installCode}/login`, { body: { username: 'owner', password: 'owner-password' } });
});

test('password checks run off the event loop: other requests are answered while standard-cost logins hash', async () => {
  const slow = await startTestServer({ passwordCost: 'standard' });
  try {
    const ss = await newSmartServer(slow.api, { users: [{ username: 'owner', userType: 'Owner', password: 'owner-password' }] });
    const order: string[] = [];
    const logins = Array.from({ length: 4 }, async () => {
      await slow.api.ok('POST', `/smartservers/${ss.installCode}/login`, { body: { username: 'owner', password: 'owner-password' } });
      order.push('login');
    });
    // Sent after the logins: with the hash on the event loop it could only be answered after all of them.
    const health = slow.api.ok('GET', '/_emulator/health').then(() => order.push('health'));
    await Promise.all([...logins, health]);
    expect(order.indexOf('health')).toBeLessThan(order.length - 1);
  } finally {
    await slow.stop();
  }
});

test('a lockout ends when its window has passed (a 1-second window here)', async () => {
  movableClock();
  const quick = await startTestServer({ passwordCost: 'fast', loginLockout: { maxFailures: 2, windowSeconds: 1 } });
  try {
    const { order } = await newPartner(quick.api, { poNumber: 'PO-LOCK-4', email: 'quick@partner.example', lines: [{ model: '72220-10' }] });
    for (let i = 0; i < 2; i++)
      problemOf(await quick.api.post('/partner/api/session', { email: 'quick@partner.example', password: 'x' }), 401, 'invalid-credentials');
    const locked = await fetch(`${quick.url}/partner/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(order.credentials),
    });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('1');
    passSeconds(1.1);
    await quick.api.ok('POST', '/partner/api/session', { body: order.credentials });
  } finally {
    await quick.stop();
  }
});

/** The claims of a token, and a token with edited claims under the original signature. */
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8'));
const edited = (token: string, change: Record<string, unknown>) =>
  `${Buffer.from(JSON.stringify({ ...claimsOf(token), ...change })).toString('base64url')}.${token.split('.')[1]}`;

test('a session token stops working when its lifetime is over (a 2-second lifetime here)', async () => {
  movableClock();
  const brief = await startTestServer({ passwordCost: 'fast', tokenTtlSeconds: 2 });
  try {
    const { token } = await newPartner(brief.api, { poNumber: 'PO-TTL-1', email: 'ttl@partner.example', lines: [{ model: '72220-10' }] });
    const cms = await newSmartServer(brief.api);
    await brief.api.ok('GET', '/partner/api/inventory', { token });
    await brief.api.ok('GET', `/smartservers/${cms.installCode}/dashboard`, { token: cms.token });
    const expiresAt = Math.max(claimsOf(token).exp, claimsOf(cms.token).exp) * 1000;
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(3000);
    passSeconds((Math.max(0, expiresAt - Date.now()) + 50) / 1000);
    expect(problemOf(await brief.api.get('/partner/api/inventory', token), 401, 'unauthenticated').detail).toMatch(/expired/);
    expect(problemOf(await brief.api.get(`/smartservers/${cms.installCode}/dashboard`, cms.token), 401, 'unauthenticated').detail).toMatch(/expired/);
  } finally {
    await brief.stop();
  }
});

test('an edited token is refused: a User made Owner, another partner, a later expiry, a borrowed signature', async () => {
  const { api } = server();
  const mine = await newPartner(api, { poNumber: 'PO-TAMPER-1', email: 'mine@partner.example', lines: [{ model: '72220-10' }] });
  const theirs = await newPartner(api, { poNumber: 'PO-TAMPER-2', email: 'theirs@partner.example', lines: [{ model: '72220-10' }] });
  const ss = await newSmartServer(api, {
    users: [
      { username: 'owner', userType: 'Owner' },
      { username: 'viewer', userType: 'User', password: 'viewer-password' },
    ],
  });
  const user = (await api.ok('POST', `/smartservers/${ss.installCode}/login`, { body: { username: 'viewer', password: 'viewer-password' } })).token as string;
  problemOf(await api.get(`/smartservers/${ss.installCode}/iap/lic`, user), 403, 'owner-only');

  const forged = [
    [edited(user, { userType: 'Owner' }), `/smartservers/${ss.installCode}/iap/lic`],
    [edited(mine.token, { partnerId: claimsOf(theirs.token).partnerId }), '/partner/api/inventory'],
    [edited(mine.token, { exp: claimsOf(mine.token).exp + 365 * 86400 }), '/partner/api/inventory'],
    [`${mine.token.split('.')[0]}.${theirs.token.split('.')[1]}`, '/partner/api/inventory'],
    [`${mine.token}x`, '/partner/api/inventory'],
  ];
  for (const [token, url] of forged) {
    expect(problemOf(await api.get(url, token), 401, 'unauthenticated').detail, token).toMatch(/not valid|malformed/);
  }
  // The genuine tokens still work, and each sees only its own.
  const inventory = await api.ok('GET', '/partner/api/inventory', { token: mine.token });
  expect(inventory.map((l: { poNumber: string }) => l.poNumber)).toEqual(['PO-TAMPER-1']);
});

test('a token with anything appended, or any part not in the token alphabet, is refused as malformed', async () => {
  const { api } = server();
  const { token } = await newPartner(api, { poNumber: 'PO-STRICT-1', email: 'strict@partner.example', lines: [{ model: '72220-10' }] });
  await api.ok('GET', '/partner/api/inventory', { token });
  for (const bad of [`${token}.anything`, `${token}.`, `.${token}`, token.replace('.', '..'), `${token.split('.')[0]}.${token.split('.')[1]}=`]) {
    expect(problemOf(await api.get('/partner/api/inventory', bad), 401, 'unauthenticated').detail, bad).toMatch(/malformed|not valid/);
  }
});

test('logging out ends the session on the server: the token is refused at once, for partners, customers and CMS users', async () => {
  const { api } = server();
  const { token: partner, order } = await newPartner(api, { poNumber: 'PO-OUT-1', email: 'out@partner.example', lines: [{ model: '72220-10' }] });
  const moved = await transfer(api, partner, order.licenses[0].licenseId, 'Logout Hall', { contactEmail: 'out@customer.example' });
  const customer = (await api.ok('POST', '/customer/api/session', { body: { eid: moved.license.licenseId } })).token as string;
  const ss = await newSmartServer(api);
  const second = (await api.ok('POST', '/partner/api/session', { body: order.credentials })).token as string;

  await api.ok('DELETE', '/partner/api/session', { token: partner });
  await api.ok('DELETE', '/customer/api/session', { token: customer });
  await api.ok('POST', `/smartservers/${ss.installCode}/logout`, { token: ss.token });
  expect(problemOf(await api.get('/partner/api/inventory', partner), 401, 'unauthenticated').detail).toMatch(/ended/);
  problemOf(await api.get('/customer/api/licenses', customer), 401, 'unauthenticated');
  problemOf(await api.get(`/smartservers/${ss.installCode}/dashboard`, ss.token), 401, 'unauthenticated');
  // Only that session ends: the partner's other session goes on.
  await api.ok('GET', '/partner/api/inventory', { token: second });
  // A partner token cannot log a CMS session out.
  problemOf(await api.post(`/smartservers/${ss.installCode}/logout`, undefined, second), 403, 'not-this-smartserver');
});

test('a reset ends every session, and Restore Factory Settings ends the CMS sessions of that SmartServer only', async () => {
  const { api } = server();
  const one = await newSmartServer(api);
  const two = await newSmartServer(api);
  await api.ok('POST', `/smartservers/${one.installCode}/restore-factory-settings`, { token: one.token });
  problemOf(await api.get(`/smartservers/${one.installCode}/dashboard`, one.token), 401, 'unauthenticated');
  await api.ok('GET', `/smartservers/${two.installCode}/dashboard`, { token: two.token });
  const { token } = await newPartner(api, { poNumber: 'PO-RESET-1', email: 'reset@partner.example', lines: [{ model: '72220-10' }] });
  await api.ok('POST', '/_emulator/reset');
  problemOf(await api.get('/partner/api/inventory', token), 401, 'unauthenticated');
  problemOf(await api.get(`/smartservers/${two.installCode}/dashboard`, two.token), 401, 'unauthenticated');
});
