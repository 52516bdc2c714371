import { afterEach, beforeEach, expect, test } from 'vitest';
import { placeOrder } from '../backoffice';
import { cloudView } from '../licensing-cloud';
import { recordedTransitions } from '../../kernel/coverage';
import { readProvisionFilter, runDeviceAction } from './device-operations';
import { createEmulator } from '../../runtime/emulator';
import type { Emulator } from '../../kernel/emulator';
import { licenseView } from '../partner-portal';
import { activateFromCloud, transferToCloud } from './cloud-licensing';
import { createSmartServer } from './create';
import { cmsLogin, requireCmsUser, requireOwner } from './records';
import { customerAccounts, draftCustomerId, saveCustomerId, settleDraft } from './customer-id';
import { manageLicensesList, setLicenseNote } from './licensing';
import { refusal, refusalOf } from '../../testing/core-helpers';
import { firstPage } from '../../kernel/paging';

/** The SmartServer's own checks and views, called on the domain core directly. */
let emulator: Emulator;

beforeEach(() => {
  emulator = createEmulator({ passwordCost: 'fast' });
});
afterEach(() => emulator.close());

function order(lines: { model: string; quantity?: number }[], customer = 'Plant') {
  return placeOrder(emulator.ctx, {
    poNumber: `PO-${Math.random().toString(36).slice(2, 10)}`,
    partner: { name: 'Partner', email: 'partner@example.com' },
    customer,
    lines,
  });
}

test('a new SmartServer is refused naming the field for each rule it breaks, and nothing is stored', () => {
  const { ctx } = emulator;
  const cases: [Record<string, unknown>, string, string][] = [
    [{ version: 'latest' }, 'version', 'release'],
    [{ edition: 'lite' }, 'edition', '"standard" or "pi"'],
    [{ edition: 'pi', version: '4.0' }, 'edition', 'from release 4.2'],
    [{ devices: { lon: 1, zigbee: 2 } }, 'devices.zigbee', 'unknown protocol'],
    [{ users: [{ username: 'root', userType: 'Root' }] }, 'users[0].userType', 'Owner, Admin'],
    [
      {
        users: [
          { username: 'ann', userType: 'Owner' },
          { username: 'bob', userType: 'User' },
          { username: 'ann', userType: 'Admin' },
        ],
      },
      'users[2].username',
      'ann is given twice',
    ],
  ];
  for (const [body, field, rule] of cases) {
    const problem = refusal(() => createSmartServer(ctx, { installCode: '17qnew1', ...body }));
    expect([problem.status, problem.field, problem.detail], field).toEqual([400, field, expect.stringContaining(rule)]);
  }
  expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM smartservers').get()).toEqual({ n: 0 });
  expect(createSmartServer(ctx, { installCode: '17qnew1', edition: 'pi', version: '4.2', devices: { lon: 2 } })).toMatchObject({ edition: 'pi' });
  const twice = refusal(() => createSmartServer(ctx, { installCode: '17qnew1' }));
  expect([twice.status, twice.code]).toEqual([409, 'smartserver-exists']);
});

test('only a CMS session of this SmartServer reaches it, and only the Owner manages licenses', () => {
  const cms = (userType: 'Owner' | 'Admin' | 'Supervisor' | 'User', installCode = '17qown1') => ({
    kind: 'cms' as const,
    installCode,
    username: 'pat',
    userType,
  });
  expect(requireCmsUser(cms('User'), '17qown1').username).toBe('pat');
  for (const principal of [cms('Owner', '17qoth1'), { kind: 'partner' as const, partnerId: 'p1' }]) {
    expect(refusal(() => requireCmsUser(principal, '17qown1')).code).toBe('not-this-smartserver');
  }
  expect(() => requireOwner(cms('Owner'), '17qown1')).not.toThrow();
  expect(refusal(() => requireOwner(cms('Admin'), '17qown1')).detail).toContain('pat is an Admin.');
  expect(refusal(() => requireOwner(cms('Supervisor'), '17qown1')).detail).toContain('pat is a Supervisor.');
  expect(refusal(() => requireOwner(cms('User'), '17qown1')).status).toBe(403);
});

test('an entered Customer ID is saved or discarded; the saved one stays until then', () => {
  const { ctx } = emulator;
  createSmartServer(ctx, { installCode: '17qcus1' });
  const saved = '2133c667-af41-4518-94df-a2bb3b775330';
  const entered = '5f6d4630-bc7a-4ee1-9fb5-ce4348358821';
  expect(refusal(() => settleDraft(ctx, '17qcus1', 'save')).code).toBe('no-pending-change');
  saveCustomerId(ctx, '17qcus1', saved);
  draftCustomerId(ctx, '17qcus1', entered);
  expect(customerAccounts(ctx, '17qcus1')[0]).toMatchObject({ customerId: saved, pendingCustomerId: entered });
  expect(settleDraft(ctx, '17qcus1', 'discard')[0]).toMatchObject({ customerId: saved, pendingCustomerId: null });
  draftCustomerId(ctx, '17qcus1', entered);
  expect(settleDraft(ctx, '17qcus1', 'save')[0]).toMatchObject({ customerId: entered, pendingCustomerId: null });
});

test('activating and returning record the SmartServer machine transitions they made', async () => {
  const { ctx, cloud } = emulator;
  const placed = order([{ model: '72220-50' }]);
  createSmartServer(ctx, { installCode: '17qrec1', devices: { lon: 3 } });
  saveCustomerId(ctx, '17qrec1', placed.customer!.customerId);
  const smartserver = () =>
    recordedTransitions(ctx.db)
      .filter((t) => t.machine === 'smartserver')
      .map((t) => [t.from, t.event, t.to, t.count]);
  await activateFromCloud(ctx, cloud, '17qrec1', { licenseIds: [placed.licenses[0].licenseId] });
  expect(smartserver()).toEqual([['unlicensed', 'ACTIVATE', 'licensed', 1]]);
  await transferToCloud(ctx, cloud, '17qrec1');
  expect(smartserver()).toEqual(
    expect.arrayContaining([
      ['unlicensed', 'ACTIVATE', 'licensed', 1],
      ['licensed', 'RETURN_ALL', 'unlicensed', 1],
    ]),
  );
  expect(smartserver()).toHaveLength(2);
});

test('Manage Licenses words maintenance by its end date and every other license as Active; notes can be cleared', async () => {
  const { ctx, cloud } = emulator;
  const placed = order([{ model: '72220-50' }, { model: '92201R-1Y-50' }, { model: '72220-00' }]);
  createSmartServer(ctx, { installCode: '17qman1' });
  saveCustomerId(ctx, '17qman1', placed.customer!.customerId);
  const ids = placed.licenses.map((l) => l.licenseId);
  await activateFromCloud(ctx, cloud, '17qman1', { licenseIds: ids.slice(0, 2) });
  await activateFromCloud(ctx, cloud, '17qman1', { licenseIds: ids.slice(2) });
  const rows = () => Object.fromEntries(manageLicensesList(ctx, '17qman1').map((r) => [r.kind, r]));
  expect(rows().capacity).toMatchObject({ status: 'Active', description: '50-device capacity' });
  expect(rows().trial).toMatchObject({ status: 'Active', description: '5-device trial capacity' });
  expect(rows().maintenance.status).toMatch(/^Active/);
  ctx.clock.advance(340);
  expect(rows().maintenance.status).toMatch(/^Expiring /);
  expect(rows().capacity.status).toBe('Active');
  ctx.clock.advance(60);
  expect(rows().maintenance.status).toMatch(/^Expired /);

  const capacityId = rows().capacity.licenseId;
  expect(setLicenseNote(ctx, '17qman1', capacityId, { note: 'riser 2' })).toMatchObject({ licenseId: capacityId, note: 'riser 2' });
  expect(setLicenseNote(ctx, '17qman1', capacityId, { note: null })).toMatchObject({ licenseId: capacityId, note: null });
});

test('device numbers are whole numbers from 1, as digits in the path or as numbers', () => {
  const { ctx } = emulator;
  createSmartServer(ctx, { installCode: '17qdev1', devices: { lon: 12 } });
  for (const id of ['0', '-1', '1.5', ' 1', '1a', 'a1', '', 0, 1.5, -3, null]) {
    const problem = refusal(() => runDeviceAction(ctx, '17qdev1', id, { action: 'provision' }));
    expect([problem.status, problem.field], String(id)).toEqual([400, 'id']);
  }
  for (const id of ['12', '012', 12]) {
    const problem = refusal(() => runDeviceAction(ctx, '17qdev1', id, { action: 'provision' }));
    // A device number that reads well reaches the device (unlicensed here, so the action is refused for that).
    expect(problem.field, String(id)).not.toBe('id');
  }
});

test('the provision-state filter takes upper-case names, comma-separated, blanks around them ignored', () => {
  expect(readProvisionFilter(undefined)).toBeUndefined();
  expect(readProvisionFilter('')).toBeUndefined();
  expect(readProvisionFilter(' PROVISIONED , UNPROVISIONED')).toEqual(['provisioned', 'unprovisioned']);
  expect(refusal(() => readProvisionFilter(['PROVISIONED', 'UNPROVISIONED'])).detail).toContain('must be given once');
  expect(refusal(() => readProvisionFilter('provisioned')).field).toBe('sts');
});

test('the portals count a license as transferred, activated or available by its state', async () => {
  const { ctx, cloud } = emulator;
  const inInventory = placeOrder(ctx, { poNumber: 'PO-VIEW-1', partner: { name: 'Partner', email: 'partner@example.com' }, lines: [{ model: '72220-50' }] })
    .licenses[0];
  const placed = order([{ model: '72220-50', quantity: 2 }]);
  createSmartServer(ctx, { installCode: '17qview' });
  saveCustomerId(ctx, '17qview', placed.customer!.customerId);
  await activateFromCloud(ctx, cloud, '17qview', { licenseIds: [placed.licenses[0].licenseId] });
  const view = (licenseId: string) => {
    const { transferred, activated, available, status } = licenseView(ctx, ctx.licenses.get(licenseId)!);
    return { status, transferred, activated, available };
  };
  expect(view(inInventory.licenseId)).toEqual({ status: 'inInventory', transferred: 0, activated: 0, available: 1 });
  expect(view(placed.licenses[1].licenseId)).toEqual({ status: 'withCustomer', transferred: 1, activated: 0, available: 1 });
  expect(view(placed.licenses[0].licenseId)).toEqual({ status: 'active', transferred: 1, activated: 1, available: 0 });
  const retired = ctx.licenses.get(placed.licenses[1].licenseId)!.context.predecessorId!;
  expect(view(retired)).toEqual({ status: 'retired', transferred: 1, activated: 0, available: 0 });
});

test('the cloud describes a maintenance license with its end date, others without; unknown customers are not found', async () => {
  const { ctx, cloud } = emulator;
  const placed = order([{ model: '72220-50' }, { model: '92201R-1Y-50' }]);
  const [capacity, maintenance] = placed.licenses.map((l) => ctx.licenses.get(l.licenseId)!);
  expect(cloudView(maintenance).description).toMatch(/, expires \d{4}-\d{2}-\d{2}$/);
  expect(cloudView(capacity).description).not.toContain('expires');
  expect(cloudView(capacity).transferDate).toBe(ctx.clock.today());
  const inInventory = placeOrder(ctx, { poNumber: 'PO-VIEW-2', partner: { name: 'Partner', email: 'partner@example.com' }, lines: [{ model: '72220-50' }] })
    .licenses[0];
  expect(cloudView(ctx.licenses.get(inInventory.licenseId)!).transferDate).toBe(ctx.clock.today());
  const problem = await refusalOf(() => cloud.available('00000000-0000-4000-8000-000000000000', firstPage()));
  expect([problem.status, problem.code]).toEqual([404, 'customer-id-not-found']);
});

test('each SmartServer counts the failed logins from an address itself: logins to many at once from one address all pass, guessing on one locks it there only', async () => {
  const { ctx } = emulator;
  const codes = Array.from({ length: 40 }, (_, i) => `17qt${String(i).padStart(3, '0')}`);
  for (const installCode of codes) createSmartServer(ctx, { installCode, users: [{ username: 'owner', userType: 'Owner', password: 'owner-password-1' }] });
  // More at once than the address may fail: each attempt counts as a failure until it succeeds.
  const sessions = await Promise.all(codes.map((code) => cmsLogin(ctx, code, { username: 'owner', password: 'owner-password-1' }, '10.0.0.7')));
  expect(sessions.every((s) => typeof s.token === 'string')).toBe(true);

  const guesses = await Promise.allSettled(
    Array.from({ length: 31 }, async (_, i) => cmsLogin(ctx, codes[0], { username: `guess-${i}`, password: 'wrong' }, '10.0.0.8')),
  );
  expect(guesses.filter((g) => g.status === 'rejected' && (g.reason as { status: number }).status === 429).length).toBeGreaterThan(0);
  expect((await refusalOf(() => cmsLogin(ctx, codes[0], { username: 'owner', password: 'owner-password-1' }, '10.0.0.8'))).status).toBe(429);
  expect(await cmsLogin(ctx, codes[1], { username: 'owner', password: 'owner-password-1' }, '10.0.0.8')).toMatchObject({ userType: 'Owner' });
});
