/**
 * The products a purchase order can hold. Capacity and Premium Pass model numbers come from the
 * vendor's licensing page; the 1-year maintenance and SmartServer Pi Core entries stand in for
 * products whose model numbers are not public, and say so in `documented`.
 */
export type LicenseKind = 'capacity' | 'trial' | 'maintenance' | 'core';

export interface Product {
  model: string;
  kind: LicenseKind;
  name: string;
  /** Devices the license admits (capacity, trial) or covers (maintenance); 0 for core. */
  capacity: number;
  /** Maintenance term in years; undefined for licenses that never expire. */
  termYears?: 1 | 3;
  documented: boolean;
}

const capacity = (model: string, name: string, devices: number, kind: LicenseKind = 'capacity'): Product => ({
  model,
  kind,
  name,
  capacity: devices,
  documented: true,
});

const premiumPass = (devices: number): Product => ({
  model: `92201R-P-${devices}`,
  kind: 'maintenance',
  name: `SmartServer D${devices} Premium Pass (3-year maintenance)`,
  capacity: devices,
  termYears: 3,
  documented: true,
});

const oneYearMaintenance = (devices: number): Product => ({
  model: `92201R-1Y-${devices}`,
  kind: 'maintenance',
  name: `SmartServer D${devices} 1-year maintenance`,
  capacity: devices,
  termYears: 1,
  documented: false,
});

export const PRODUCTS: readonly Product[] = [
  capacity('72220-00', 'SmartServer Trial License (5-device trial key)', 5, 'trial'),
  capacity('72220-10', 'SmartServer D10 License (10-device capacity)', 10),
  capacity('72220-50', 'SmartServer D50 License (50-device capacity)', 50),
  capacity('72220-200', 'SmartServer D200 License (200-device capacity)', 200),
  capacity('72220-1000', 'SmartServer D1000 License (1,000-device capacity)', 1000),
  ...[10, 50, 200, 1000].map(premiumPass),
  ...[10, 50, 200, 1000].map(oneYearMaintenance),
  { model: 'SSPI-CORE', kind: 'core', name: 'SmartServer Pi Core License (never expires)', capacity: 0, documented: false },
];

const byModel = new Map(PRODUCTS.map((p) => [p.model, p]));

export function findProduct(model: string): Product | undefined {
  return byModel.get(model);
}

/** A short description as the CMS shows it, e.g. "200-device capacity" or "3-year maintenance". */
export function describeProduct(product: Product): string {
  switch (product.kind) {
    case 'capacity':
      return `${product.capacity}-device capacity`;
    case 'trial':
      return `${product.capacity}-device trial capacity`;
    case 'maintenance':
      return `${product.termYears}-year maintenance (${product.capacity} devices)`;
    case 'core':
      return 'SmartServer Pi core';
  }
}
