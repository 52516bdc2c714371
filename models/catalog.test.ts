import { expect, test } from 'vitest';
import { describeProduct, findProduct, PRODUCTS } from './catalog';

const product = (model: string) => {
  const found = findProduct(model);
  if (!found) throw new Error(`${model} is missing from the catalog`);
  return found;
};

test('the 72220-00 trial license admits 5 devices and never expires', () => {
  const trial = product('72220-00');
  expect(trial.kind).toBe('trial');
  expect(trial.capacity).toBe(5);
  expect(trial.termYears).toBeUndefined();
  expect(trial.documented).toBe(true);
});

test('the 72220 capacity licenses admit 10, 50, 200 and 1000 devices and never expire', () => {
  for (const devices of [10, 50, 200, 1000]) {
    const p = product(`72220-${devices}`);
    expect(p.kind, p.model).toBe('capacity');
    expect(p.capacity, p.model).toBe(devices);
    expect(p.termYears, p.model).toBeUndefined();
    expect(p.documented, p.model).toBe(true);
  }
});

test('the 92201R-P Premium Passes are 3-year maintenance for 10, 50, 200 and 1000 devices', () => {
  for (const devices of [10, 50, 200, 1000]) {
    const p = product(`92201R-P-${devices}`);
    expect(p.kind, p.model).toBe('maintenance');
    expect(p.capacity, p.model).toBe(devices);
    expect(p.termYears, p.model).toBe(3);
    expect(p.documented, p.model).toBe(true);
  }
});

test('1-year maintenance exists for 10, 50, 200 and 1000 devices and is marked undocumented', () => {
  for (const devices of [10, 50, 200, 1000]) {
    const p = product(`92201R-1Y-${devices}`);
    expect(p.kind, p.model).toBe('maintenance');
    expect(p.capacity, p.model).toBe(devices);
    expect(p.termYears, p.model).toBe(1);
    expect(p.documented, p.model).toBe(false);
  }
});

test('the SmartServer Pi Core license adds no capacity, never expires and is marked undocumented', () => {
  const core = product('SSPI-CORE');
  expect(core.kind).toBe('core');
  expect(core.capacity).toBe(0);
  expect(core.termYears).toBeUndefined();
  expect(core.documented).toBe(false);
});

test('the catalog holds exactly the known products, each model number once', () => {
  const models = PRODUCTS.map((p) => p.model);
  expect(new Set(models).size).toBe(models.length);
  expect([...models].sort()).toEqual(
    [
      '72220-00',
      '72220-10',
      '72220-50',
      '72220-200',
      '72220-1000',
      '92201R-P-10',
      '92201R-P-50',
      '92201R-P-200',
      '92201R-P-1000',
      '92201R-1Y-10',
      '92201R-1Y-50',
      '92201R-1Y-200',
      '92201R-1Y-1000',
      'SSPI-CORE',
    ].sort(),
  );
});

test('only maintenance licenses have a term, and it is 1 or 3 years', () => {
  for (const p of PRODUCTS) {
    if (p.kind === 'maintenance') expect([1, 3], p.model).toContain(p.termYears);
    else expect(p.termYears, p.model).toBeUndefined();
  }
});

test('every maintenance license has a capacity license of the same size to match', () => {
  const capacities = new Set(PRODUCTS.filter((p) => p.kind === 'capacity').map((p) => p.capacity));
  for (const p of PRODUCTS.filter((x) => x.kind === 'maintenance')) expect(capacities.has(p.capacity), p.model).toBe(true);
});

test('an unknown model number is not found', () => {
  expect(findProduct('72220-300')).toBeUndefined();
  expect(findProduct('')).toBeUndefined();
});

test('products are described as the CMS shows them', () => {
  expect(describeProduct(product('72220-200'))).toBe('200-device capacity');
  expect(describeProduct(product('72220-1000'))).toBe('1000-device capacity');
  expect(describeProduct(product('72220-00'))).toBe('5-device trial capacity');
  expect(describeProduct(product('92201R-P-200'))).toBe('3-year maintenance (200 devices)');
  expect(describeProduct(product('92201R-1Y-50'))).toBe('1-year maintenance (50 devices)');
  expect(describeProduct(product('SSPI-CORE'))).toBe('SmartServer Pi core');
});
