import { expect, test } from 'vitest';
import { DEFAULT_ADDRESSES, resolveAddresses, vendorAddressMap } from './addresses';

const pathFor = (href: string, given = {}) => vendorAddressMap(resolveAddresses(given))(new URL(href));

test('each vendor address goes to the part of the emulator that serves it, the rest of the URL kept as sent', () => {
  expect(pathFor('https://edgeactp.enocean.com/api/search?customerName=P%202022')).toBe('/partner/api/search?customerName=P%202022');
  expect(pathFor('https://edgeactp.enocean.com')).toBe('/partner/');
  expect(pathFor('https://customer-portal.sslab.invalid/api/session')).toBe('/customer/api/session');
  expect(pathFor('https://licensing-cloud.sslab.invalid/api/activations')).toBe('/cloud/api/activations');
  expect(pathFor('https://ecostruxure.sslab.invalid/las/api/responses')).toBe('/ecostruxure/las/api/responses');
  expect(pathFor('https://emulator.sslab.invalid/_emulator/health')).toBe('/_emulator/health');
});

test("a SmartServer's host name carries its install code; its paths go under the emulator's path for that SmartServer", () => {
  expect(pathFor('https://smartserver-17q5t6a/iap/devs?sts=PROVISIONED')).toBe('/smartservers/17q5t6a/iap/devs?sts=PROVISIONED');
  expect(pathFor('https://smartserver-17q5t6a/login')).toBe('/smartservers/17q5t6a/login');
});

test('a host that only looks like a served one is not taken', () => {
  expect(pathFor('https://smartserver-17q5t6a.example.com/iap/devs')).toBeUndefined();
  expect(pathFor('http://smartserver-17q5t6a/iap/devs')).toBeUndefined();
  expect(pathFor('https://edgeactp.enocean.com.example.com/api/inventory')).toBeUndefined();
  expect(pathFor('https://edgeactp.enocean.com:8443/api/inventory')).toBeUndefined();
});

test('an address with a path serves only below it, and wins over another at the same host', () => {
  const given = { emulator: 'https://gateway.test', partnerPortal: 'https://gateway.test/partners/', smartServers: 'https://gateway.test/ss/{installCode}' };
  expect(pathFor('https://gateway.test/partners/api/inventory', given)).toBe('/partner/api/inventory');
  expect(pathFor('https://gateway.test/ss/17q5t6a/iap/lic', given)).toBe('/smartservers/17q5t6a/iap/lic');
  expect(pathFor('https://gateway.test/openapi.json', given)).toBe('/openapi.json');
});

test('an address that cannot be served is refused when the kit starts, naming the option', () => {
  expect(() => resolveAddresses({ customerPortal: 'customer-portal' })).toThrow(/addresses\.customerPortal must be an absolute URL/);
  expect(() => resolveAddresses({ smartServers: 'https://smartserver' })).toThrow(/addresses\.smartServers must hold \{installCode\}/);
  expect(() => resolveAddresses({ licensingCloud: DEFAULT_ADDRESSES.partnerPortal })).toThrow(/licensingCloud and addresses\.partnerPortal are both/);
  expect(() => resolveAddresses({ licensingCloud: 'https://cloud.test/?v=1' })).toThrow(/no query or fragment/);
});
