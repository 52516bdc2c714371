import type { HttpClient } from '../../http-client';
import type { EcoStruxureSalesDesk, EcxIssuedEntitlement, EcxProductLine } from '../../surfaces/ecostruxure';

/** The sales desk as the emulator stands in for it: an entitlement issued and emailed through its control plane. */
export class ApiEcoStruxureSalesDesk implements EcoStruxureSalesDesk {
  constructor(private readonly http: HttpClient) {}

  sendEntitlementByEmail(soldTo: string, email: string, lines: EcxProductLine[]): Promise<EcxIssuedEntitlement> {
    const products = [...new Set(lines.map((l) => l.product))].map((name) => ({
      name,
      features: lines.filter((l) => l.product === name).map((l) => ({ feature: l.feature, seats: l.seats })),
    }));
    return this.http.call('POST', '/_emulator/ecostruxure/entitlements', { body: { soldTo, email, products } });
  }
}
