import type { EcxFile } from './types';

export interface EcxProductLine {
  product: string;
  feature: string;
  seats: number;
}

export interface EcxIssuedEntitlement {
  entitlementId: string;
  products: { activationId: string; name: string; features: { code: string; seats: number }[] }[];
  email: { to: string; subject: string; body: string; attachment: EcxFile };
}

/**
 * Schneider Electric's sales desk for EcoStruxure BMS licenses: it issues an entitlement and
 * emails it to the customer with its certificate file attached.
 */
export interface EcoStruxureSalesDesk {
  /** Issues an entitlement sold to the customer, with seats of each feature, and emails it. */
  sendEntitlementByEmail(soldTo: string, email: string, lines: EcxProductLine[]): Promise<EcxIssuedEntitlement>;
}
