import { expect, test } from 'vitest';
import { closestKeys, DOCUMENTED_LOCATORS, LOCATOR_KEYS, LocatorOverrideError, MANUALS, nameOf, withLocatorOverrides } from './locators';

test('without overrides the effective map is the documented one', () => {
  expect(withLocatorOverrides()).toEqual(DOCUMENTED_LOCATORS);
  expect(withLocatorOverrides({})['partnerPortal.tab.search'].text).toBe('Search');
});

test("an override replaces that entry's words only, and leaves the documented map as it was", () => {
  const effective = withLocatorOverrides({ 'partnerPortal.tab.search': 'Find Licenses' });
  expect(effective['partnerPortal.tab.search']).toEqual({ ...DOCUMENTED_LOCATORS['partnerPortal.tab.search'], text: 'Find Licenses' });
  expect(effective['partnerPortal.tab.myInventory']).toBe(DOCUMENTED_LOCATORS['partnerPortal.tab.myInventory']);
  expect(DOCUMENTED_LOCATORS['partnerPortal.tab.search'].text).toBe('Search');
});

test('an unknown key is refused with its name and the closest known keys', () => {
  expect(() => withLocatorOverrides({ 'partnerPortal.tab.serch': 'Find' })).toThrow(LocatorOverrideError);
  expect(() => withLocatorOverrides({ 'partnerPortal.tab.serch': 'Find' })).toThrow(
    'locators: "partnerPortal.tab.serch" is not a locator key; did you mean "partnerPortal.tab.search"',
  );
  expect(closestKeys('cms.button.activte')[0]).toBe('cms.button.activate');
});

test('blank words, and a per-row name without its placeholder, are refused naming the key and the rule', () => {
  expect(() => withLocatorOverrides({ 'cms.button.activate': '  ' })).toThrow(
    'locators: "cms.button.activate" must be the words to find it by, a non-empty string',
  );
  expect(() => withLocatorOverrides({ 'cms.checkbox.selectLicense': 'Select license' })).toThrow(
    'locators: "cms.checkbox.selectLicense" names one element per row and must keep {licenseId} in its words',
  );
  expect(withLocatorOverrides({ 'cms.checkbox.selectLicense': 'Choose {licenseId}' })['cms.checkbox.selectLicense'].text).toBe('Choose {licenseId}');
});

test('every problem of an override set is reported at once', () => {
  expect(() => withLocatorOverrides({ nope: 'x', 'cms.button.back': '' })).toThrow(/"nope" is not a locator key[\s\S]*"cms\.button\.back" must be/);
});

test('every entry names its manual by its public-facts key, or says the emulator chose the words', () => {
  for (const key of LOCATOR_KEYS) {
    const { source, screen } = DOCUMENTED_LOCATORS[key];
    expect(Object.keys(MANUALS), key).toContain(source);
    expect(screen.split('.')[0], key).toBe(key.split('.')[0]);
  }
});

test('a name is matched whole, by its start, by the words it holds, or per row with any License ID', () => {
  expect(nameOf(DOCUMENTED_LOCATORS['cms.button.activate'])).toBe('ACTIVATE');
  expect(nameOf(DOCUMENTED_LOCATORS['cms.button.manageLicenses'])).toEqual(/^Manage Licenses/);
  expect(nameOf(DOCUMENTED_LOCATORS['cms.checkbox.renewalConfirmation'])).toEqual(/confirmation when maintenance is renewed/);
  const perRow = nameOf(DOCUMENTED_LOCATORS['cms.checkbox.selectLicense']) as RegExp;
  expect(perRow.test('Select license b1e52546-f2db-4053-b2dd-2ab2fa7732d2')).toBe(true);
  expect(nameOf(DOCUMENTED_LOCATORS['cms.checkbox.selectLicense'], { licenseId: 'b1e5' })).toBe('Select license b1e5');
});
