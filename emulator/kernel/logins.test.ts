import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { customerLicenses, customerLogin } from '../services/customer-portal';
import { createEmulator } from '../runtime/emulator';
import type { Emulator } from './emulator';
import { partnerLogin } from '../services/partner-portal';
import type { Problem } from './problems';
import { cmsLogin } from '../services/smartserver';
import { refusal, refusalOf } from '../testing/core-helpers';

/** The three logins on the domain core: what lets a user in, and that every wrong guess gets the same answer. */
const SEED = JSON.parse(readFileSync(join(__dirname, '..', '..', 'features', 'fixtures', 'real-seed.json'), 'utf8'));
const REF = SEED.reference;
let emulator: Emulator;

beforeEach(() => {
  emulator = createEmulator({ seed: SEED, passwordCost: 'fast', loginLockout: { maxFailures: 100 } });
});
afterEach(() => emulator.close());

const invalid = (problem: Problem) => [problem.status, problem.code];

test('a partner logs in with its email and password; a wrong password and an unknown email get the same answer', async () => {
  const { ctx } = emulator;
  expect((await partnerLogin(ctx, { email: REF.partner.email, password: REF.partner.password })).partner.name).toBe(REF.partner.name);
  const wrong = await refusalOf(() => partnerLogin(ctx, { email: REF.partner.email, password: 'not-the-password' }));
  const unknown = await refusalOf(() => partnerLogin(ctx, { email: 'nobody@example.com', password: REF.partner.password }));
  expect(invalid(wrong)).toEqual([401, 'invalid-credentials']);
  expect([unknown.status, unknown.code, unknown.detail]).toEqual([wrong.status, wrong.code, wrong.detail]);
});

test('a CMS user logs in with the password of its own SmartServer only; unknown users get the same answer', async () => {
  const { ctx } = emulator;
  const [username, password] = REF.smartServer.users.Admin;
  expect((await cmsLogin(ctx, REF.smartServer.installCode, { username, password })).userType).toBe('Admin');
  const wrong = await refusalOf(() => cmsLogin(ctx, REF.smartServer.installCode, { username, password: 'not-the-password' }));
  const unknown = await refusalOf(() => cmsLogin(ctx, REF.smartServer.installCode, { username: 'ghost', password }));
  const otherServer = await refusalOf(() => cmsLogin(ctx, REF.offlineSmartServer.installCode, { username, password }));
  expect(invalid(wrong)).toEqual([401, 'invalid-credentials']);
  expect(invalid(unknown)).toEqual(invalid(wrong));
  expect(invalid(otherServer)).toEqual(invalid(wrong));
});

test('a customer logs in with a current EID or its contact email, never a retired EID (told its successor); one of the two, not both', () => {
  const { ctx } = emulator;
  expect(customerLogin(ctx, { eid: REF.licenses.capacity }).customer.customerId).toBe(REF.customer.customerId);
  expect(customerLogin(ctx, { email: REF.customer.contactEmail }).customer.customerId).toBe(REF.customer.customerId);
  // An empty field counts as left out.
  expect(customerLogin(ctx, { eid: '', email: REF.customer.contactEmail }).customer.customerId).toBe(REF.customer.customerId);
  expect(customerLogin(ctx, { eid: REF.licenses.capacity, email: '' }).customer.customerId).toBe(REF.customer.customerId);
  // A retired EID is refused with the EID that replaced it (license-retired), not as a wrong credential.
  expect(invalid(refusal(() => customerLogin(ctx, { eid: REF.licenses.retired })))).toEqual([409, 'license-retired']);
  for (const body of [{ eid: REF.licenses.inventory }, { eid: '00000000-0000-4000-8000-000000000000' }, { email: 'nobody@example.com' }]) {
    expect(invalid(refusal(() => customerLogin(ctx, body))), JSON.stringify(body)).toEqual([401, 'invalid-credentials']);
  }
  for (const body of [{}, { eid: '', email: '' }, { eid: REF.licenses.capacity, email: REF.customer.contactEmail }]) {
    expect(refusal(() => customerLogin(ctx, body)).status, JSON.stringify(body)).toBe(400);
  }
});

test('the customer portal sends capacity licenses to its own offline files and maintenance ones to Customer Success', () => {
  const byId = Object.fromEntries(customerLicenses(emulator.ctx, REF.customer.customerId).items.map((l) => [l.licenseId, l]));
  expect(byId[REF.licenses.capacity].offlineFileFrom).toBe('customer-portal');
  expect(byId[REF.licenses.maintenance].offlineFileFrom).toBe('customer-success');
});
