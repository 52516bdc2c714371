import { expect, test } from 'vitest';
import { createActor } from 'xstate';
import { applyLicenseEvent, newLicense, RefusedError, type LicenseRecord } from './apply';
import { findProduct } from './catalog';
import { licenseMachine } from './license.machine';
import { licenseRefusal, successorContext, type ActivationTarget, type LicenseEvent } from './license.rules';
import type { Refusal } from './refusal';

const PARTNER = 'partner-1';
const CUSTOMER_A = '2133c667-af41-4518-94df-a2bb3b775330';
const CUSTOMER_B = '7f0e4c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b';
const TRANSFERRED = '2025-01-10T09:00:00Z';
const LATER = '2025-03-01T12:00:00Z';

type Transfer = Extract<LicenseEvent, { type: 'TRANSFER' }>;

function buy(model: string, licenseId = 'lic-original'): LicenseRecord {
  const product = findProduct(model);
  if (!product) throw new Error(`no product ${model}`);
  return newLicense({
    licenseId,
    model,
    kind: product.kind,
    capacity: product.capacity,
    termYears: product.termYears,
    partnerId: PARTNER,
  });
}

function transfer(record: LicenseRecord, customerId: string, successorId: string, at: string) {
  const event: Transfer = { type: 'TRANSFER', customerId, successorId, at };
  const original = applyLicenseEvent(record, event);
  const successor = newLicense(successorContext(record.context, event));
  return { original, successor };
}

/** A license of `model` bought and transferred to customer A. */
function owned(model: string, successorId = 'lic-owned', at = TRANSFERRED): LicenseRecord {
  return transfer(buy(model), CUSTOMER_A, successorId, at).successor;
}

function target(over: Partial<ActivationTarget> = {}): ActivationTarget {
  return { capacityAfter: 200, edition: 'standard', maintenanceRule: 'exact', ...over };
}

function activate(record: LicenseRecord, installCode: string, over: Partial<ActivationTarget> = {}, at = LATER, mode: 'online' | 'offline' = 'online') {
  return applyLicenseEvent(record, { type: 'ACTIVATE', mode, installCode, at, target: target(over) });
}

function refusalOf(fn: () => unknown): Refusal {
  try {
    fn();
  } catch (error) {
    if (error instanceof RefusedError) return error.refusal;
    throw error;
  }
  throw new Error('expected the event to be refused');
}

test('a purchased license without a customer starts in the partner inventory', () => {
  const license = buy('72220-200');
  expect(license.state).toBe('inInventory');
  expect(license.context.customerId).toBeUndefined();
});

test('a license created with a customer starts with that customer', () => {
  const license = newLicense({ licenseId: 'x', model: '72220-10', kind: 'capacity', capacity: 10, partnerId: PARTNER, customerId: CUSTOMER_A });
  expect(license.state).toBe('withCustomer');
});

test('the license machine starts in inventory when run as an actor without a customer', () => {
  const actor = createActor(licenseMachine, {
    input: { licenseId: 'x', model: '72220-10', kind: 'capacity', capacity: 10, partnerId: PARTNER },
  }).start();
  expect(actor.getSnapshot().value).toBe('inInventory');
  actor.stop();
});

test('transferring a license retires the original and records its successor', () => {
  const { original } = transfer(buy('72220-200'), CUSTOMER_A, 'lic-new', TRANSFERRED);
  expect(original.state).toBe('retired');
  expect(original.context.licenseId).toBe('lic-original');
  expect(original.context.successorId).toBe('lic-new');
});

test('the successor of a transfer is with the customer under a new License ID', () => {
  const { successor } = transfer(buy('72220-200'), CUSTOMER_A, 'lic-new', TRANSFERRED);
  expect(successor.state).toBe('withCustomer');
  expect(successor.context.licenseId).toBe('lic-new');
  expect(successor.context.licenseId).not.toBe('lic-original');
  expect(successor.context.predecessorId).toBe('lic-original');
  expect(successor.context.customerId).toBe(CUSTOMER_A);
  expect(successor.context.partnerId).toBe(PARTNER);
  expect(successor.context.model).toBe('72220-200');
  expect(successor.context.kind).toBe('capacity');
  expect(successor.context.capacity).toBe(200);
  expect(successor.context.transferredAt).toBe(TRANSFERRED);
});

test('a capacity license has no maintenance term after its transfer', () => {
  const { successor } = transfer(buy('72220-50'), CUSTOMER_A, 'lic-new', TRANSFERRED);
  expect(successor.context.termStart).toBeUndefined();
  expect(successor.context.termEnd).toBeUndefined();
});

test('a 3-year maintenance term starts at the first transfer to a customer', () => {
  const { successor } = transfer(buy('92201R-P-200'), CUSTOMER_A, 'lic-new', TRANSFERRED);
  expect(successor.context.termStart).toBe('2025-01-10');
  expect(successor.context.termEnd).toBe('2028-01-10');
});

test('a 1-year maintenance term ends one year after the first transfer', () => {
  const { successor } = transfer(buy('92201R-1Y-50'), CUSTOMER_A, 'lic-new', '2024-02-29T08:00:00Z');
  expect(successor.context.termStart).toBe('2024-02-29');
  expect(successor.context.termEnd).toBe('2025-02-28');
});

test('a maintenance term is kept when the license moves from one customer to another', () => {
  const first = transfer(buy('92201R-P-200'), CUSTOMER_A, 'lic-a', TRANSFERRED).successor;
  const { original, successor } = transfer(first, CUSTOMER_B, 'lic-b', '2026-06-30T10:00:00Z');
  expect(original.state).toBe('retired');
  expect(original.context.successorId).toBe('lic-b');
  expect(successor.state).toBe('withCustomer');
  expect(successor.context.licenseId).toBe('lic-b');
  expect(successor.context.predecessorId).toBe('lic-a');
  expect(successor.context.customerId).toBe(CUSTOMER_B);
  expect(successor.context.transferredAt).toBe('2026-06-30T10:00:00Z');
  expect(successor.context.termStart).toBe('2025-01-10');
  expect(successor.context.termEnd).toBe('2028-01-10');
});

test('a retired License ID cannot be transferred again', () => {
  const { original } = transfer(buy('72220-200'), CUSTOMER_A, 'lic-new', TRANSFERRED);
  const refusal = refusalOf(() => applyLicenseEvent(original, { type: 'TRANSFER', customerId: CUSTOMER_B, successorId: 'lic-other', at: LATER }));
  expect(refusal.code).toBe('license-retired');
  expect(refusal.kind).toBe('state');
  expect(refusal.message).toContain('lic-new');
  expect(refusal.message).toContain('lic-original');
});

test('a retired License ID cannot be activated online or offline', () => {
  const { original } = transfer(buy('72220-200'), CUSTOMER_A, 'lic-new', TRANSFERRED);
  for (const mode of ['online', 'offline'] as const) {
    const refusal = refusalOf(() => activate(original, 'a1b2c3d', {}, LATER, mode));
    expect(refusal.code).toBe('license-retired');
    expect(refusal.message).toContain('lic-new');
  }
});

test('a retired License ID gets no offline activation file and cannot be returned', () => {
  const { original } = transfer(buy('72220-200'), CUSTOMER_A, 'lic-new', TRANSFERRED);
  expect(refusalOf(() => applyLicenseEvent(original, { type: 'ISSUE_OFFLINE_FILE', installCode: 'a1b2c3d', issuer: 'customer-portal', at: LATER })).code).toBe(
    'license-retired',
  );
  expect(refusalOf(() => applyLicenseEvent(original, { type: 'RETURN', at: LATER })).code).toBe('license-retired');
});

test('the refused error names itself and carries the refusal message', () => {
  const { original } = transfer(buy('72220-10'), CUSTOMER_A, 'lic-new', TRANSFERRED);
  let caught: unknown;
  try {
    activate(original, 'a1b2c3d');
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(RefusedError);
  expect((caught as RefusedError).name).toBe('RefusedError');
  expect((caught as RefusedError).message).toBe((caught as RefusedError).refusal.message);
});

test('a license still in the partner inventory cannot be activated or given an offline file', () => {
  const license = buy('72220-200');
  expect(refusalOf(() => activate(license, 'a1b2c3d')).code).toBe('license-not-with-customer');
  expect(refusalOf(() => applyLicenseEvent(license, { type: 'ISSUE_OFFLINE_FILE', installCode: 'a1b2c3d', issuer: 'customer-portal', at: LATER })).code).toBe(
    'license-not-with-customer',
  );
});

test('online activation binds the license to one SmartServer install code', () => {
  const active = activate(owned('72220-200'), 'a1b2c3d');
  expect(active.state).toBe('active');
  expect(active.context.installCode).toBe('a1b2c3d');
  expect(active.context.activationMode).toBe('online');
  expect(active.context.activatedAt).toBe(LATER);
});

test('an active license cannot be activated a second time on any SmartServer', () => {
  const active = activate(owned('72220-200'), 'a1b2c3d');
  for (const installCode of ['a1b2c3d', 'zz99yy8']) {
    const refusal = refusalOf(() => activate(active, installCode));
    expect(refusal.code).toBe('license-already-active');
    expect(refusal.kind).toBe('state');
    expect(refusal.message).toContain('a1b2c3d');
  }
});

test('an active license gets no offline activation file', () => {
  const active = activate(owned('72220-200'), 'a1b2c3d');
  const refusal = refusalOf(() => applyLicenseEvent(active, { type: 'ISSUE_OFFLINE_FILE', installCode: 'zz99yy8', issuer: 'customer-portal', at: LATER }));
  expect(refusal.code).toBe('license-already-active');
});

test('an active license cannot be transferred until it is returned', () => {
  const active = activate(owned('72220-200'), 'a1b2c3d');
  const refusal = refusalOf(() => applyLicenseEvent(active, { type: 'TRANSFER', customerId: CUSTOMER_B, successorId: 'lic-b', at: LATER }));
  expect(refusal.code).toBe('license-active');
  expect(refusal.message).toContain('a1b2c3d');
});

test('returning an active license to the cloud frees it for another SmartServer', () => {
  const active = activate(owned('72220-200'), 'a1b2c3d');
  const returned = applyLicenseEvent(active, { type: 'RETURN', at: LATER });
  expect(returned.state).toBe('withCustomer');
  expect(returned.context.installCode).toBeUndefined();
  expect(returned.context.activationMode).toBeUndefined();
  expect(returned.context.activatedAt).toBeUndefined();
  const elsewhere = activate(returned, 'zz99yy8');
  expect(elsewhere.state).toBe('active');
  expect(elsewhere.context.installCode).toBe('zz99yy8');
});

test('a returned license can be transferred to another customer', () => {
  const returned = applyLicenseEvent(activate(owned('72220-200'), 'a1b2c3d'), { type: 'RETURN', at: LATER });
  const { original, successor } = transfer(returned, CUSTOMER_B, 'lic-b', LATER);
  expect(original.state).toBe('retired');
  expect(successor.context.customerId).toBe(CUSTOMER_B);
  expect(successor.context.installCode).toBeUndefined();
});

test('a license that is not active cannot be returned', () => {
  const refusal = refusalOf(() => applyLicenseEvent(owned('72220-200'), { type: 'RETURN', at: LATER }));
  expect(refusal.code).toBe('license-not-active');
  expect(refusalOf(() => applyLicenseEvent(buy('72220-200'), { type: 'RETURN', at: LATER })).code).toBe('license-not-active');
});

test('applying an event leaves the stored license record unchanged', () => {
  const license = owned('72220-200');
  const before = structuredClone(license);
  activate(license, 'a1b2c3d');
  expect(license).toEqual(before);
});

test('under the exact rule a maintenance license must cover exactly the SmartServer capacity', () => {
  const maintenance = owned('92201R-P-200');
  expect(activate(maintenance, 'a1b2c3d', { capacityAfter: 200, maintenanceRule: 'exact' }).state).toBe('active');
  for (const capacityAfter of [50, 199, 201, 1000]) {
    const refusal = refusalOf(() => activate(maintenance, 'a1b2c3d', { capacityAfter, maintenanceRule: 'exact' }));
    expect(refusal.code).toBe('maintenance-capacity-mismatch');
    expect(refusal.kind).toBe('rule');
    expect(refusal.message).toContain(' match ');
    expect(refusal.message).toContain(String(capacityAfter));
  }
});

test('under the at-least rule a maintenance license must meet or exceed the SmartServer capacity', () => {
  const maintenance = owned('92201R-P-200');
  expect(activate(maintenance, 'a1b2c3d', { capacityAfter: 200, maintenanceRule: 'at-least' }).state).toBe('active');
  expect(activate(maintenance, 'a1b2c3d', { capacityAfter: 50, maintenanceRule: 'at-least' }).state).toBe('active');
  const refusal = refusalOf(() => activate(maintenance, 'a1b2c3d', { capacityAfter: 201, maintenanceRule: 'at-least' }));
  expect(refusal.code).toBe('maintenance-capacity-mismatch');
  expect(refusal.kind).toBe('rule');
  expect(refusal.message).toContain('meet or exceed');
});

test('a maintenance license cannot be activated on a SmartServer without capacity', () => {
  const maintenance = owned('92201R-P-10');
  for (const maintenanceRule of ['exact', 'at-least'] as const) {
    expect(refusalOf(() => activate(maintenance, 'a1b2c3d', { capacityAfter: 0, maintenanceRule })).code).toBe('maintenance-capacity-mismatch');
  }
});

test('capacity licenses are not held to maintenance rules', () => {
  const capacity = owned('72220-50');
  const active = activate(capacity, 'a1b2c3d', { capacityAfter: 50, maintenanceEnd: '2020-01-01', maintenanceRule: 'exact' });
  expect(active.state).toBe('active');
});

test('maintenance can be extended up to the last day of the SmartServer maintenance', () => {
  const maintenance = owned('92201R-P-200');
  const active = activate(maintenance, 'a1b2c3d', { maintenanceEnd: '2025-03-01' }, '2025-03-01T23:59:00Z');
  expect(active.state).toBe('active');
});

test('maintenance cannot be extended once the SmartServer maintenance expired', () => {
  const maintenance = owned('92201R-P-200');
  const refusal = refusalOf(() => activate(maintenance, 'a1b2c3d', { maintenanceEnd: '2025-02-28' }, '2025-03-01T00:00:00Z'));
  expect(refusal.code).toBe('maintenance-expired');
  expect(refusal.kind).toBe('state');
  expect(refusal.message).toContain('2025-02-28');
  expect(refusal.message).toContain('a1b2c3d');
});

test('a maintenance license whose own term ended cannot be activated', () => {
  const maintenance = owned('92201R-1Y-200', 'lic-owned', '2023-01-10T09:00:00Z');
  expect(maintenance.context.termEnd).toBe('2024-01-10');
  expect(activate(maintenance, 'a1b2c3d', {}, '2024-01-10T18:00:00Z').state).toBe('active');
  const refusal = refusalOf(() => activate(maintenance, 'a1b2c3d', {}, '2024-01-11T00:00:00Z'));
  expect(refusal.code).toBe('maintenance-term-ended');
  expect(refusal.message).toContain('2024-01-10');
});

test('the customer portal creates offline activation files for capacity and trial licenses', () => {
  for (const model of ['72220-200', '72220-00']) {
    const issued = applyLicenseEvent(owned(model), { type: 'ISSUE_OFFLINE_FILE', installCode: 'a1b2c3d', issuer: 'customer-portal', at: LATER });
    expect(issued.state).toBe('offlineFileIssued');
    expect(issued.context.installCode).toBe('a1b2c3d');
  }
});

test('the customer portal does not create offline maintenance files', () => {
  const refusal = refusalOf(() =>
    applyLicenseEvent(owned('92201R-P-200'), { type: 'ISSUE_OFFLINE_FILE', installCode: 'a1b2c3d', issuer: 'customer-portal', at: LATER }),
  );
  expect(refusal.code).toBe('offline-maintenance-needs-customer-success');
  expect(refusal.kind).toBe('rule');
  expect(refusal.message).toContain('Customer Success');
});

test('customer success issues offline maintenance files', () => {
  const issued = applyLicenseEvent(owned('92201R-P-200'), { type: 'ISSUE_OFFLINE_FILE', installCode: 'a1b2c3d', issuer: 'customer-success', at: LATER });
  expect(issued.state).toBe('offlineFileIssued');
  expect(issued.context.installCode).toBe('a1b2c3d');
});

test('customer success does not issue offline capacity files', () => {
  const refusal = refusalOf(() =>
    applyLicenseEvent(owned('72220-200'), { type: 'ISSUE_OFFLINE_FILE', installCode: 'a1b2c3d', issuer: 'customer-success', at: LATER }),
  );
  expect(refusal.code).toBe('offline-file-not-maintenance');
  expect(refusal.kind).toBe('rule');
});

test('a core license offline file refusal does not call it a maintenance or capacity license', () => {
  const core = owned('SSPI-CORE');
  for (const issuer of ['customer-portal', 'customer-success'] as const) {
    const refusal = refusalOf(() => applyLicenseEvent(core, { type: 'ISSUE_OFFLINE_FILE', installCode: 'a1b2c3d', issuer, at: LATER }));
    expect(refusal.kind).toBe('rule');
    expect(refusal.message).toContain('Core');
    expect(refusal.message).not.toContain('is a maintenance license');
  }
});

test('offline activation succeeds only with the install code the file was made for', () => {
  const issued = applyLicenseEvent(owned('72220-200'), { type: 'ISSUE_OFFLINE_FILE', installCode: 'a1b2c3d', issuer: 'customer-portal', at: LATER });
  const refusal = refusalOf(() => activate(issued, 'zz99yy8', {}, LATER, 'offline'));
  expect(refusal.code).toBe('license-bound-offline');
  expect(refusal.message).toContain('a1b2c3d');
  const active = activate(issued, 'a1b2c3d', {}, LATER, 'offline');
  expect(active.state).toBe('active');
  expect(active.context.installCode).toBe('a1b2c3d');
  expect(active.context.activationMode).toBe('offline');
});

test('an offline maintenance file still obeys the maintenance capacity rule', () => {
  const issued = applyLicenseEvent(owned('92201R-P-200'), { type: 'ISSUE_OFFLINE_FILE', installCode: 'a1b2c3d', issuer: 'customer-success', at: LATER });
  expect(refusalOf(() => activate(issued, 'a1b2c3d', { capacityAfter: 50 }, LATER, 'offline')).code).toBe('maintenance-capacity-mismatch');
  expect(activate(issued, 'a1b2c3d', { capacityAfter: 200 }, LATER, 'offline').state).toBe('active');
});

test('offline activation without an offline file is refused', () => {
  const refusal = refusalOf(() => activate(owned('72220-200'), 'a1b2c3d', {}, LATER, 'offline'));
  expect(refusal.code).toBe('offline-file-unknown');
});

test('a license bound by an offline file cannot be activated online, even on its own SmartServer', () => {
  const issued = applyLicenseEvent(owned('72220-200'), { type: 'ISSUE_OFFLINE_FILE', installCode: 'a1b2c3d', issuer: 'customer-portal', at: LATER });
  expect(refusalOf(() => activate(issued, 'a1b2c3d', {}, LATER, 'online')).code).toBe('license-bound-offline');
});

test('an offline file can be fetched again for the same SmartServer but not for another', () => {
  const issued = applyLicenseEvent(owned('72220-200'), { type: 'ISSUE_OFFLINE_FILE', installCode: 'a1b2c3d', issuer: 'customer-portal', at: LATER });
  const again = applyLicenseEvent(issued, { type: 'ISSUE_OFFLINE_FILE', installCode: 'a1b2c3d', issuer: 'customer-portal', at: LATER });
  expect(again.state).toBe('offlineFileIssued');
  expect(again.context.installCode).toBe('a1b2c3d');
  const refusal = refusalOf(() => applyLicenseEvent(issued, { type: 'ISSUE_OFFLINE_FILE', installCode: 'zz99yy8', issuer: 'customer-portal', at: LATER }));
  expect(refusal.code).toBe('license-bound-offline');
});

test('a license bound by an offline file cannot be transferred', () => {
  const issued = applyLicenseEvent(owned('72220-200'), { type: 'ISSUE_OFFLINE_FILE', installCode: 'a1b2c3d', issuer: 'customer-portal', at: LATER });
  const refusal = refusalOf(() => applyLicenseEvent(issued, { type: 'TRANSFER', customerId: CUSTOMER_B, successorId: 'lic-b', at: LATER }));
  expect(refusal.code).toBe('license-bound-offline');
});

test('an offline-activated license returned to the cloud is free for online activation anywhere', () => {
  const issued = applyLicenseEvent(owned('72220-200'), { type: 'ISSUE_OFFLINE_FILE', installCode: 'a1b2c3d', issuer: 'customer-portal', at: LATER });
  const returned = applyLicenseEvent(activate(issued, 'a1b2c3d', {}, LATER, 'offline'), { type: 'RETURN', at: LATER });
  expect(returned.state).toBe('withCustomer');
  expect(activate(returned, 'zz99yy8').context.installCode).toBe('zz99yy8');
});

test('a core license activates only on a SmartServer Pi', () => {
  const core = owned('SSPI-CORE');
  const refusal = refusalOf(() => activate(core, 'a1b2c3d', { edition: 'standard', capacityAfter: 0 }));
  expect(refusal.code).toBe('core-needs-pi');
  expect(refusal.kind).toBe('rule');
  expect(activate(core, 'a1b2c3d', { edition: 'pi', capacityAfter: 0 }).state).toBe('active');
});

test('licenseRefusal gives no reason for events the machine accepts', () => {
  const license = owned('72220-200');
  const ev: LicenseEvent = { type: 'ACTIVATE', mode: 'online', installCode: 'a1b2c3d', at: LATER, target: target() };
  expect(licenseRefusal(license.state, license.context, ev)).toBeUndefined();
  expect(licenseRefusal('inInventory', buy('72220-10').context, { type: 'TRANSFER', customerId: CUSTOMER_A, successorId: 'n', at: LATER })).toBeUndefined();
});

/** A capacity license bound by the customer portal's file `fileId` for install code a1b2c3d, loadable until the 31st of March. */
function boundByFile(fileId = 'file-1', installCode = 'a1b2c3d'): LicenseRecord {
  return applyLicenseEvent(owned('72220-200'), {
    type: 'ISSUE_OFFLINE_FILE',
    installCode,
    issuer: 'customer-portal',
    at: LATER,
    fileId,
    expiresAt: '2025-03-31T12:00:00.000Z',
  });
}

test('issuing a file records the file and until when it can be loaded; asking again for the same SmartServer adds the file and moves the date on', () => {
  const first = boundByFile('file-1');
  expect(first.context).toMatchObject({ installCode: 'a1b2c3d', offlineFileIds: ['file-1'], offlineFileExpiresAt: '2025-03-31T12:00:00.000Z' });
  const again = applyLicenseEvent(first, {
    type: 'ISSUE_OFFLINE_FILE',
    installCode: 'a1b2c3d',
    issuer: 'customer-portal',
    at: LATER,
    fileId: 'file-2',
    expiresAt: '2025-04-02T12:00:00.000Z',
  });
  expect(again.context).toMatchObject({ offlineFileIds: ['file-1', 'file-2'], offlineFileExpiresAt: '2025-04-02T12:00:00.000Z' });
  const loaded = applyLicenseEvent(again, { type: 'ACTIVATE', mode: 'offline', installCode: 'a1b2c3d', at: LATER, target: target(), fileId: 'file-1' });
  expect(loaded.state).toBe('active');
  expect(loaded.context.offlineFileIds).toBeUndefined();
});

test('a withdrawn file gives the license back, and it no longer loads even after a new file binds the license again', () => {
  const withdrawn = applyLicenseEvent(boundByFile('file-1'), { type: 'WITHDRAW_OFFLINE_FILE', issuer: 'customer-portal', at: LATER });
  expect(withdrawn.state).toBe('withCustomer');
  expect(withdrawn.context).toMatchObject({ installCode: undefined, offlineFileIds: undefined, offlineFileExpiresAt: undefined });
  const old = (license: LicenseRecord) =>
    applyLicenseEvent(license, { type: 'ACTIVATE', mode: 'offline', installCode: 'a1b2c3d', at: LATER, target: target(), fileId: 'file-1' });
  expect(refusalOf(() => old(withdrawn)).code).toBe('offline-file-withdrawn');
  const rebound = applyLicenseEvent(withdrawn, {
    type: 'ISSUE_OFFLINE_FILE',
    installCode: 'a1b2c3d',
    issuer: 'customer-portal',
    at: LATER,
    fileId: 'file-2',
    expiresAt: '2025-03-31T12:00:00.000Z',
  });
  expect(refusalOf(() => old(rebound)).code).toBe('offline-file-withdrawn');
  expect(activate(withdrawn, 'zz99yy8').state).toBe('active');
});

test('only an unused file can be withdrawn, and a maintenance file only by Customer Success', () => {
  expect(refusalOf(() => applyLicenseEvent(owned('72220-200'), { type: 'WITHDRAW_OFFLINE_FILE', issuer: 'customer-portal', at: LATER })).code).toBe(
    'no-offline-file',
  );
  const loaded = activate(boundByFile(), 'a1b2c3d', {}, LATER, 'offline');
  expect(refusalOf(() => applyLicenseEvent(loaded, { type: 'WITHDRAW_OFFLINE_FILE', issuer: 'customer-portal', at: LATER })).code).toBe(
    'license-already-active',
  );
  const maintenance = applyLicenseEvent(owned('92201R-P-200'), { type: 'ISSUE_OFFLINE_FILE', installCode: 'a1b2c3d', issuer: 'customer-success', at: LATER });
  const refusal = refusalOf(() => applyLicenseEvent(maintenance, { type: 'WITHDRAW_OFFLINE_FILE', issuer: 'customer-portal', at: LATER }));
  expect(refusal.code).toBe('offline-maintenance-needs-customer-success');
  expect(applyLicenseEvent(maintenance, { type: 'WITHDRAW_OFFLINE_FILE', issuer: 'customer-success', at: LATER }).state).toBe('withCustomer');
});

test('an unused file gives its license back only once the moment it could be loaded until has passed', () => {
  const bound = boundByFile();
  const early = refusalOf(() => applyLicenseEvent(bound, { type: 'OFFLINE_FILE_EXPIRED', at: '2025-03-31T12:00:00.000Z' }));
  expect(early.code).toBe('offline-file-not-expired');
  const back = applyLicenseEvent(bound, { type: 'OFFLINE_FILE_EXPIRED', at: '2025-03-31T12:00:00.001Z' });
  expect(back.state).toBe('withCustomer');
  expect(back.context.installCode).toBeUndefined();
  expect(refusalOf(() => applyLicenseEvent(back, { type: 'OFFLINE_FILE_EXPIRED', at: '2025-05-01T00:00:00Z' })).code).toBe('no-offline-file');
  // A file from before files had dates never expires.
  const undated = applyLicenseEvent(owned('72220-200'), { type: 'ISSUE_OFFLINE_FILE', installCode: 'a1b2c3d', issuer: 'customer-portal', at: LATER });
  expect(refusalOf(() => applyLicenseEvent(undated, { type: 'OFFLINE_FILE_EXPIRED', at: '2099-01-01T00:00:00Z' })).code).toBe('offline-file-not-expired');
});
