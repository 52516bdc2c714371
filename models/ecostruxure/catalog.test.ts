import { expect, test } from 'vitest';
import { featureApplies, findFeature, isServerProduct, LICENSE_FEATURES, SERVER_PRODUCTS } from './catalog';

test('features are found by code or by display name, whatever the case', () => {
  expect(findFeature('smartdriver')?.name).toBe('SmartDriver');
  expect(findFeature('Personal Dashboards')?.code).toBe('personal-dashboards');
  expect(findFeature(' timescaledb ')?.code).toBe('timescaledb');
  expect(findFeature('WebStation clients')).toBeUndefined();
});

test('SmartDrivers apply to AS-P and Edge Server but not to AS-B', () => {
  const smartDriver = findFeature('smartdriver')!;
  expect(featureApplies(smartDriver, 'AS-P')).toBe(true);
  expect(featureApplies(smartDriver, 'Edge Server')).toBe(true);
  expect(featureApplies(smartDriver, 'AS-B')).toBe(false);
});

test('TimescaleDB applies to the Edge Server only', () => {
  const timescale = findFeature('TimescaleDB')!;
  expect(SERVER_PRODUCTS.filter((p) => featureApplies(timescale, p))).toEqual(['Edge Server']);
});

test('every feature applies to at least one server product and says where its applicability comes from', () => {
  for (const feature of LICENSE_FEATURES) {
    expect(feature.appliesTo.length, feature.code).toBeGreaterThan(0);
    expect(['doc', 'inferred']).toContain(feature.source);
    expect(feature.why.length, feature.code).toBeGreaterThan(10);
  }
  expect(new Set(LICENSE_FEATURES.map((f) => f.code)).size).toBe(LICENSE_FEATURES.length);
});

test('only the three centrally licensed server products are recognised', () => {
  expect(isServerProduct('AS-P')).toBe(true);
  expect(isServerProduct('Edge Server')).toBe(true);
  expect(isServerProduct('Enterprise Server')).toBe(false);
  expect(isServerProduct(7)).toBe(false);
});
