import { afterEach, beforeEach, expect, test } from 'vitest';
import { placeOrder } from '../backoffice';
import { inTransaction } from '../../kernel/context';
import { createEmulator } from '../../runtime/emulator';
import type { Emulator } from '../../kernel/emulator';
import { OFFLINE_FILE_FORMAT, type OfflineFile, type OfflineFilePayload } from '../../kernel/ports';
import { issueMaintenanceFile, issueOfflineFile, readOfflineFile, redeemOfflineFile, signingKeyId, signPayload } from './offline-files';
import { createSmartServer, getSmartServer, licensingState } from '../smartserver';
import { refusal } from '../../testing/core-helpers';

/**
 * The offline activation file as the licensing cloud reads and redeems it, called directly: the
 * checks here stand behind the SmartServer's own (which the HTTP tests go through), so they are
 * reached only by files a SmartServer would never pass on.
 */
let emulator: Emulator;

beforeEach(() => {
  emulator = createEmulator({ passwordCost: 'fast' });
});
afterEach(() => emulator.close());

/** A customer with a 50-device capacity license, a second one, and a maintenance license; one SmartServer. */
function fixture() {
  const { ctx } = emulator;
  const order = placeOrder(ctx, {
    poNumber: 'PO-OFFLINE-1',
    partner: { name: 'Partner', email: 'partner@example.com' },
    customer: 'Plant',
    lines: [
      { model: '72220-50', quantity: 2 },
      { model: '92201R-1Y-50', quantity: 1 },
    ],
  });
  const [capacity, second] = order.licenses.filter((l) => l.model === '72220-50').map((l) => l.licenseId);
  const maintenance = order.licenses.find((l) => l.model === '92201R-1Y-50')!.licenseId;
  const { installCode } = createSmartServer(ctx, { installCode: '17qoff1', online: false });
  createSmartServer(ctx, { installCode: '17qoff2', online: false });
  return { capacity, second, maintenance, installCode };
}

function issue(licenseId: string, installCode: string) {
  const { ctx } = emulator;
  return inTransaction(ctx, () => issueOfflineFile(ctx, ctx.licenses.get(licenseId)!, installCode, 'customer-portal'));
}

/** A file signed with this emulator's own key, whatever its payload says. */
function signed(payload: Record<string, unknown>): string {
  const { ctx } = emulator;
  return JSON.stringify({
    format: OFFLINE_FILE_FORMAT,
    payload,
    keyId: signingKeyId(ctx),
    signature: signPayload(ctx, payload as unknown as OfflineFilePayload),
  });
}

const server = (installCode: string) => licensingState(emulator.ctx, getSmartServer(emulator.ctx, installCode));

test('a file is named after its kind, SmartServer and License ID, and reads back as issued', () => {
  const { capacity, maintenance, installCode } = fixture();
  const file = issue(capacity, installCode);
  expect(file.fileName).toBe(`offline-capacity-${installCode}-${capacity.slice(0, 8)}.json`);
  expect(readOfflineFile(emulator.ctx, file.text).payload).toMatchObject({
    licenseId: capacity,
    installCode,
    kind: 'capacity',
    capacity: 50,
    issuer: 'customer-portal',
  });
  const ofMaintenance = issueMaintenanceFile(emulator.ctx, { licenseId: maintenance, installCode });
  expect(ofMaintenance.fileName).toBe(`offline-maintenance-${installCode}-${maintenance.slice(0, 8)}.json`);
  expect(ofMaintenance.issuer).toBe('customer-success');
});

test('Customer Success cannot issue a file for a license that does not exist', () => {
  fixture();
  const problem = refusal(() => issueMaintenanceFile(emulator.ctx, { licenseId: '00000000-0000-4000-8000-000000000000', installCode: '17qoff1' }));
  expect([problem.status, problem.code]).toEqual([404, 'license-not-found']);
});

test('text that is not a file is refused naming the file and what is wrong with it', () => {
  const { ctx } = emulator;
  const cases: [unknown, string][] = [
    [undefined, 'is required'],
    ['', 'is required'],
    ['  \n ', 'is required'],
    [42, 'is required'],
    ['x'.repeat(65_537), 'is longer than 65536 characters'],
    [`${' '.repeat(65_535)}x`, 'is not JSON'],
    ['{"format":', 'is not JSON'],
    ['[]', 'is not an object'],
    ['null', 'is not an object'],
    ['7', 'is not an object'],
    ['"text"', 'is not an object'],
    ['{}', 'has the unknown format null'],
    [JSON.stringify({ format: 'other/1' }), 'has the unknown format "other/1"'],
    [JSON.stringify({ format: OFFLINE_FILE_FORMAT, signature: 'AA==' }), 'lacks its payload or signature'],
    [JSON.stringify({ format: OFFLINE_FILE_FORMAT, payload: null, signature: 'AA==' }), 'lacks its payload or signature'],
    [JSON.stringify({ format: OFFLINE_FILE_FORMAT, payload: [], signature: 'AA==' }), 'lacks its payload or signature'],
    [JSON.stringify({ format: OFFLINE_FILE_FORMAT, payload: 'p', signature: 'AA==' }), 'lacks its payload or signature'],
    [JSON.stringify({ format: OFFLINE_FILE_FORMAT, payload: {} }), 'lacks its payload or signature'],
    [JSON.stringify({ format: OFFLINE_FILE_FORMAT, payload: {}, signature: 64 }), 'lacks its payload or signature'],
  ];
  for (const [text, why] of cases) {
    const problem = refusal(() => readOfflineFile(ctx, text));
    expect([problem.status, problem.field, problem.detail], String(text).slice(0, 40)).toEqual([400, 'file', expect.stringContaining(why)]);
  }
});

test('a signature is genuine only in its canonical spelling, at its full length, and for the payload as signed', () => {
  const { capacity, installCode } = fixture();
  const file = JSON.parse(issue(capacity, installCode).text) as OfflineFile;
  const tampered = (changed: Partial<OfflineFile>) => refusal(() => readOfflineFile(emulator.ctx, JSON.stringify({ ...file, ...changed })));
  // Node's base64 decoder skips characters outside the alphabet: the same bytes, spelt otherwise, are not the file as issued.
  expect(tampered({ signature: `${file.signature.slice(0, 10)}!${file.signature.slice(10)}` }).code).toBe('offline-file-tampered');
  expect(tampered({ signature: Buffer.from(file.signature, 'base64').subarray(0, 63).toString('base64') }).code).toBe('offline-file-tampered');
  expect(tampered({ signature: Buffer.alloc(10).toString('base64') }).code).toBe('offline-file-tampered');
  expect(tampered({ payload: { ...file.payload, capacity: 500 } }).code).toBe('offline-file-tampered');
  // The order of the payload's keys is not part of what is signed.
  const reordered = Object.fromEntries(Object.entries(file.payload).reverse());
  expect(readOfflineFile(emulator.ctx, JSON.stringify({ ...file, payload: reordered })).payload).toEqual(file.payload);
});

test('a key this cloud does not know is named, cut to 40 characters', () => {
  const { capacity, installCode } = fixture();
  const file = JSON.parse(issue(capacity, installCode).text) as OfflineFile;
  const keyId = `${'k'.repeat(40)}TAIL`;
  const problem = refusal(() => readOfflineFile(emulator.ctx, JSON.stringify({ ...file, keyId })));
  expect([problem.status, problem.code]).toEqual([422, 'offline-file-unknown-key']);
  expect(problem.detail).toContain(`(key ${'k'.repeat(40)})`);
});

test('a genuinely signed payload is still checked field by field', () => {
  const { capacity, installCode } = fixture();
  const good = (JSON.parse(issue(capacity, installCode).text) as OfflineFile).payload as unknown as Record<string, unknown>;
  const bad: Record<string, unknown[]> = {
    fileId: [7, undefined],
    licenseId: [7, undefined],
    model: [null],
    kind: [1],
    capacity: ['50', undefined],
    termYears: ['1', undefined],
    termEnd: [5, undefined],
    installCode: [null],
    issuer: ['the partner', undefined],
    issuedAt: [0],
    expiresAt: ['not a date', 12, null],
  };
  for (const [name, values] of Object.entries(bad)) {
    for (const value of values) {
      const problem = refusal(() => readOfflineFile(emulator.ctx, signed({ ...good, [name]: value })));
      expect([problem.status, problem.detail], `${name}: ${String(value)}`).toEqual([400, expect.stringContaining(`has no valid payload.${name}`)]);
    }
  }
  // What the fields may hold besides strings: no term, no end, no expiry (files written before expiry existed).
  const { expiresAt: _dropped, ...withoutExpiry } = good;
  for (const payload of [
    { ...good, termYears: null, termEnd: null },
    { ...good, termYears: 1, termEnd: '2027-01-05' },
    withoutExpiry,
    { ...good, issuer: 'customer-success' },
  ]) {
    expect(readOfflineFile(emulator.ctx, signed(payload)).payload).toEqual(payload);
  }
});

test('the cloud redeems a file only for the SmartServer it names, and only as its records have it', () => {
  const { capacity, second, installCode } = fixture();
  const file = issue(capacity, installCode);
  const payload = (JSON.parse(file.text) as OfflineFile).payload;
  const redeem = (text: string, code: string) => redeemOfflineFile(emulator.ctx, { text, server: server(code) }, (held) => held);

  const foreign = refusal(() => redeem(file.text, '17qoff2'));
  expect([foreign.status, foreign.code, foreign.field]).toEqual([422, 'offline-file-foreign', 'file']);
  // Signed, but not as the cloud recorded the file: another license, or another SmartServer, under its file ID.
  for (const forged of [
    { ...payload, licenseId: second },
    { ...payload, installCode: '17qoff2' },
  ]) {
    const unknown = refusal(() => redeem(signed(forged), forged.installCode));
    expect([unknown.status, unknown.code]).toEqual([409, 'offline-file-unknown']);
  }
  expect(emulator.ctx.licenses.get(capacity)?.state).toBe('offlineFileIssued');

  const held = redeem(file.text, installCode);
  expect(held).toMatchObject({ licenseId: capacity, capacity: 50, mode: 'offline' });
  const replay = refusal(() => redeem(file.text, installCode));
  expect([replay.code, replay.detail]).toEqual([
    'offline-file-replayed',
    expect.stringContaining(`was loaded on ${emulator.ctx.clock.now().slice(0, 10)} already`),
  ]);
});

test('an expired file is refused naming the last day it could be loaded', () => {
  const { capacity, installCode } = fixture();
  const file = issue(capacity, installCode);
  const { expiresAt } = (JSON.parse(file.text) as OfflineFile).payload;
  emulator.ctx.clock.set(new Date(Date.parse(expiresAt!) + 1000).toISOString());
  const problem = refusal(() => redeemOfflineFile(emulator.ctx, { text: file.text, server: server(installCode) }, (held) => held));
  expect([problem.code, problem.detail]).toEqual(['offline-file-expired', expect.stringContaining(`could be loaded until ${expiresAt!.slice(0, 10)};`)]);
});
