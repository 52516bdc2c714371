import { createHmac } from 'node:crypto';
import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { nodeCrypto } from '../runtime/node-crypto';
import { createTables } from './store';
import { SESSION_TABLES, SessionLedger } from './sessions';
import type { Db } from './sql';
import { cmsSessionScope, TokenIssuer } from './tokens';

const SECRET = new Uint8Array(32).fill(7);
const hmac = (key: Uint8Array, data: string) => createHmac('sha256', key).update(data).digest('base64url');

function ledger(): SessionLedger {
  const db = new Database(':memory:') as unknown as Db;
  createTables(db, [SESSION_TABLES]);
  return new SessionLedger(db);
}

test('one key per purpose: neither session tokens nor the cloud client key are signed with the secret itself, nor with one shared key', () => {
  const issuer = new TokenIssuer(nodeCrypto, SECRET, 60);
  const { token } = issuer.issue({ kind: 'partner', partnerId: 'p-1' });
  const [body, signature] = token.split('.');
  expect(signature).not.toBe(hmac(SECRET, body));
  expect(issuer.cloudClientKey()).not.toBe(hmac(SECRET, 'sslab licensing cloud client'));
  const sessionKey = createHmac('sha256', SECRET).update('sslab key: session tokens').digest();
  expect(signature).toBe(hmac(sessionKey, body));
  expect(issuer.cloudClientKey()).not.toBe(hmac(sessionKey, 'sslab licensing cloud client'));
});

test('tokens are parsed strictly: a body that is not one principal with its claims is refused, even when signed', () => {
  const issuer = new TokenIssuer(nodeCrypto, SECRET, 60);
  const sessionKey = createHmac('sha256', SECRET).update('sslab key: session tokens').digest();
  const signed = (claims: unknown) => {
    const body = Buffer.from(typeof claims === 'string' ? claims : JSON.stringify(claims)).toString('base64url');
    return `${body}.${hmac(sessionKey, body)}`;
  };
  const exp = Math.ceil(Date.now() / 1000) + 60;
  expect(issuer.verify(signed({ kind: 'partner', partnerId: 'p', exp, sid: 's', e: 0, se: 0 }))).toEqual({ kind: 'partner', partnerId: 'p' });
  for (const claims of [
    'not json',
    [],
    { kind: 'partner', partnerId: 'p', exp, sid: 's', e: 0 },
    { kind: 'admin', exp, sid: 's', e: 0, se: 0 },
    { kind: 'cms', installCode: 'x', username: 'u', userType: 'Root', exp, sid: 's', e: 0, se: 0 },
    { kind: 'partner', partnerId: 7, exp, sid: 's', e: 0, se: 0 },
    { kind: 'partner', partnerId: 'p', exp: '9999999999', sid: 's', e: 0, se: 0 },
  ]) {
    expect(() => issuer.verify(signed(claims)), JSON.stringify(claims)).toThrow(/malformed/);
  }
  const good = issuer.issue({ kind: 'partner', partnerId: 'p' }).token;
  for (const bad of [`${good}.x`, `${good}x`, ` ${good}`, good.replace('.', '.\n')]) expect(() => issuer.verify(bad)).toThrow(/malformed/);
});

test('a logout, a reset and a factory restore end sessions, and another issuer on the same ledger (a restart) agrees', () => {
  const sessions = ledger();
  const issuer = new TokenIssuer(nodeCrypto, SECRET, 60, sessions);
  const a = issuer.issue({ kind: 'partner', partnerId: 'p' }).token;
  const b = issuer.issue({ kind: 'partner', partnerId: 'p' }).token;
  const cmsOne = issuer.issue({ kind: 'cms', installCode: 'one', username: 'o', userType: 'Owner' }).token;
  const cmsTwo = issuer.issue({ kind: 'cms', installCode: 'two', username: 'o', userType: 'Owner' }).token;
  issuer.verify(a);
  issuer.logOut(a);
  expect(() => issuer.verify(a)).toThrow(/ended/);
  expect(issuer.verify(b)).toEqual({ kind: 'partner', partnerId: 'p' });
  issuer.endSessions(cmsSessionScope('one'));
  expect(() => issuer.verify(cmsOne)).toThrow(/ended/);
  issuer.verify(cmsTwo);
  const restarted = new TokenIssuer(nodeCrypto, SECRET, 60, sessions);
  expect(() => restarted.verify(a)).toThrow(/ended/);
  restarted.verify(b);
  restarted.endSessions();
  for (const token of [b, cmsTwo]) expect(() => restarted.verify(token)).toThrow(/ended/);
  restarted.verify(restarted.issue({ kind: 'customer', customerId: 'c' }).token);
});
