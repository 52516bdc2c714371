import { afterEach, beforeEach, expect, test } from 'vitest';
import { readAccountDetails } from './accounts';
import { placeOrder } from '../services/backoffice';
import { createEmulator } from '../runtime/emulator';
import type { Emulator } from './emulator';
import { requireSystemAdministrator } from '../services/smartserver/software';
import { refusal } from '../testing/core-helpers';

let emulator: Emulator;

beforeEach(() => {
  emulator = createEmulator({ passwordCost: 'fast' });
});
afterEach(() => emulator.close());

test('account details may leave the contact email out or empty; a given one must be an email', () => {
  expect(readAccountDetails({}, 'newAccount').contactEmail).toBeUndefined();
  expect(readAccountDetails({ contactEmail: '' }, 'newAccount').contactEmail).toBeUndefined();
  expect(readAccountDetails({ contactEmail: 'Site@Example.com' }, 'newAccount').contactEmail).toBe('site@example.com');
  expect(refusal(() => readAccountDetails({ contactEmail: 'site' }, 'newAccount')).field).toBe('newAccount.contactEmail');
});

test('an order without a customer project leaves the order and its licenses with the partner', () => {
  const { ctx } = emulator;
  const placed = placeOrder(ctx, { poNumber: 'PO-ACC-1', partner: { name: 'Partner', email: 'partner@example.com' }, lines: [{ model: '72220-10' }] });
  expect(placed.customer).toBeUndefined();
  expect(ctx.db.prepare('SELECT customer_id FROM orders WHERE po_number = ?').get('PO-ACC-1')).toEqual({ customer_id: null });
  const refused = refusal(() => placeOrder(ctx, { poNumber: 'PO-ACC-2', partner: { email: 'partner@example.com' }, lines: [{ model: '72220-7' }] }));
  expect([refused.field, refused.detail]).toEqual(['lines[0].model', expect.stringContaining('known: 72220-00, 72220-10')]);
});

test('system configuration belongs to the Owner and Admin user types; the others are told which type they are', () => {
  const cms = (userType: 'Owner' | 'Admin' | 'Supervisor' | 'User') => ({ kind: 'cms' as const, installCode: '17qsys1', username: 'pat', userType });
  expect(() => requireSystemAdministrator(cms('Owner'), '17qsys1')).not.toThrow();
  expect(() => requireSystemAdministrator(cms('Admin'), '17qsys1')).not.toThrow();
  expect(refusal(() => requireSystemAdministrator(cms('Supervisor'), '17qsys1')).detail).toContain('pat is a Supervisor.');
  expect(refusal(() => requireSystemAdministrator(cms('User'), '17qsys1')).detail).toContain('pat is a User.');
});
