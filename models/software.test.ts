import { expect, test } from 'vitest';
import { softwareChangeRefusal, type SoftwareChange } from './software';
import { parseVersion, type Version } from './versions';

const v = (text: string): Version => parseVersion(text)!;
const change = (from: string, to: string, over: Partial<SoftwareChange> = {}): SoftwareChange => ({
  installCode: '17q5t6a',
  edition: 'standard',
  from: v(from),
  to: v(to),
  today: '2026-06-01',
  ...over,
});

test('a feature upgrade needs maintenance active on the day, up to and including its end date', () => {
  expect(softwareChangeRefusal(change('4.0', '4.1', { maintenanceEnd: '2026-06-01' }))).toBeUndefined();
  expect(softwareChangeRefusal(change('3.3', '4.0', { maintenanceEnd: '2027-01-01' }))).toBeUndefined();
  const lapsed = softwareChangeRefusal(change('4.0', '4.1', { maintenanceEnd: '2026-05-31' }))!;
  expect(lapsed).toMatchObject({ code: 'maintenance-required', kind: 'state' });
  expect(lapsed.message).toContain('ended on 2026-05-31');
  expect(lapsed.message).toContain('2026-06-01');
});

test('without any maintenance the refusal says so and names both releases', () => {
  const refusal = softwareChangeRefusal(change('3.3', '3.4'))!;
  expect(refusal.message).toContain('holds no maintenance license');
  expect(refusal.message).toContain('3.3');
  expect(refusal.message).toContain('3.4');
});

test('updates, the same release and older releases never need maintenance', () => {
  for (const [from, to] of [
    ['4.0', '4.0 Update 1'],
    ['4.0 Update 2', '4.0'],
    ['4.0', '4.0'],
    ['4.1', '3.3'],
    ['3.3', '3.2'],
  ]) {
    expect(softwareChangeRefusal(change(from, to)), `${from} -> ${to}`).toBeUndefined();
  }
});

test('upgrading away from a release without licensing needs no maintenance', () => {
  expect(softwareChangeRefusal(change('3.2', '3.3'))).toBeUndefined();
  expect(softwareChangeRefusal(change('3.2 Update 2', '4.0'))).toBeUndefined();
});

test('a SmartServer Pi takes no release older than 4.2, even with maintenance', () => {
  const refusal = softwareChangeRefusal(change('4.2', '4.1', { edition: 'pi', maintenanceEnd: '2030-01-01' }))!;
  expect(refusal).toMatchObject({ code: 'release-not-for-pi', kind: 'rule' });
  expect(softwareChangeRefusal(change('4.2', '4.3', { edition: 'pi', maintenanceEnd: '2030-01-01' }))).toBeUndefined();
});
