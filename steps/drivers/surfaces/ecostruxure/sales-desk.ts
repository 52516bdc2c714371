import type { EcxIssuedEntitlement } from '../../../../emulator/services/ecostruxure';

export interface EcxProductLine {
  product: string;
  feature: string;
  seats: number;
}

export type { EcxIssuedEntitlement };

/**
 * Schneider Electric's sales desk for EcoStruxure BMS licenses: it issues an entitlement and
 * emails it to the customer with its certificate file attached.
 */
export interface EcoStruxureSalesDesk {
  /** Issues an entitlement sold to the customer, with seats of each feature, and emails it. */
  sendEntitlementByEmail(soldTo: string, email: string, lines: EcxProductLine[]): Promise<EcxIssuedEntitlement>;
}
