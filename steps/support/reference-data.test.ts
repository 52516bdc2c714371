import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { readReferenceData, REFERENCE_VARIABLES, seedReference } from './reference-data';

test('without variables the seed fixture supplies every value', () => {
  expect(readReferenceData({}, seedReference())).toEqual(seedReference());
});

test('each variable overrides its value; CMS users are given as user:password', () => {
  const data = readReferenceData({ SSLAB_PARTNER_EMAIL: 'ops@partner.example', SSLAB_CMS_OWNER: 'boss:pa:ss', SSLAB_DEVICE_COUNT: '12' }, seedReference());
  expect(data.partner.email).toBe('ops@partner.example');
  expect(data.smartServer.users.Owner).toEqual(['boss', 'pa:ss']);
  expect(data.smartServer.devices).toBe(12);
  expect(data.customer).toEqual(seedReference().customer);
});

test('against real services every missing variable is named', () => {
  expect(() => readReferenceData({ SSLAB_PARTNER_EMAIL: 'ops@partner.example' })).toThrow(/SSLAB_PARTNER_PASSWORD/);
  const all = Object.fromEntries(REFERENCE_VARIABLES.map((v) => [v.env, v.env.includes('CMS') ? 'u:p' : v.env.includes('COUNT') ? '3' : 'x']));
  expect(readReferenceData(all).offlineSmartServer.users.Owner).toEqual(['u', 'p']);
});

test('the fixtures readme documents every variable', () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'features', 'fixtures', 'readme.md'), 'utf8');
  for (const variable of REFERENCE_VARIABLES) expect(readme).toContain(`| \`${variable.env}\` |`);
});
