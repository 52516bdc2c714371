import type {
  DeviceAdministrator,
  EcoStruxureControlPlane,
  EcoStruxureSalesDesk,
  EcxFile,
  EcxIssuedEntitlement,
  EcxLicense,
  EcxProductLine,
  LicenseActivationServer,
} from '../drivers/surfaces/ecostruxure';
import type { World } from '../support/world';

export type RequestKind = 'activation' | 'return';

/** What an EcoStruxure scenario has named: entitlements by customer, servers by name, the files in hand. */
export class EcxScenario {
  private readonly entitlements = new Map<string, { issued: EcxIssuedEntitlement; lines: EcxProductLine[] }>();
  private readonly servers = new Map<string, string>();
  /** The last request and response file of each server, with what they are for. */
  readonly requests = new Map<string, { file: EcxFile; kind: RequestKind }>();
  readonly responses = new Map<string, { file: EcxFile; kind: RequestKind }>();

  constructor(private readonly world: World) {}

  get salesDesk(): EcoStruxureSalesDesk {
    return this.world.ecostruxure.salesDesk;
  }

  get deviceAdministrator(): DeviceAdministrator {
    return this.world.ecostruxure.deviceAdministrator;
  }

  get activationServer(): LicenseActivationServer {
    return this.world.ecostruxure.activationServer;
  }

  get controlPlane(): EcoStruxureControlPlane {
    return this.world.ecostruxure.controlPlane;
  }

  rememberEntitlement(soldTo: string, issued: EcxIssuedEntitlement, lines: EcxProductLine[]): void {
    this.entitlements.set(soldTo, { issued, lines });
  }

  entitlement(soldTo: string): EcxIssuedEntitlement {
    return this.known(this.entitlements, soldTo, 'entitlement for').issued;
  }

  /** The activation ID of the license product of the entitlement that holds `feature`. */
  activationIdOf(soldTo: string, feature: string): string {
    const { issued, lines } = this.known(this.entitlements, soldTo, 'entitlement for');
    const line = lines.find((l) => l.feature === feature);
    const product = line && issued.products.find((p) => p.name === line.product);
    if (!product) throw new Error(`The entitlement for "${soldTo}" has no ${feature} licenses`);
    return product.activationId;
  }

  rememberServer(name: string, serverId: string): void {
    this.servers.set(name, serverId);
  }

  serverId(name: string): string {
    return this.known(this.servers, name, 'EcoStruxure BMS server');
  }

  async licenses(server: string): Promise<EcxLicense[]> {
    return (await this.deviceAdministrator.server(this.serverId(server))).licenses;
  }

  /** The license of `feature` on the server, as Device Administrator lists it. */
  async license(server: string, feature: string): Promise<EcxLicense> {
    const license = (await this.licenses(server)).find((l) => l.featureName === feature);
    if (!license) throw new Error(`"${server}" has no ${feature} license`);
    return license;
  }

  /** Seats of `feature` on the server whose license is in one of `states`. */
  async seats(server: string, feature: string, states: string[]): Promise<number> {
    return (await this.licenses(server)).filter((l) => l.featureName === feature && states.includes(l.status)).reduce((n, l) => n + l.quantity, 0);
  }

  private known<T>(map: Map<string, T>, name: string, what: string): T {
    const value = map.get(name);
    if (value === undefined) throw new Error(`No ${what} "${name}" in this scenario; known: ${[...map.keys()].join(', ') || 'none'}`);
    return value;
  }
}

const scenarios = new WeakMap<World, EcxScenario>();

/** The EcoStruxure side of this scenario's World, created on first use. */
export function ecx(world: World): EcxScenario {
  let scenario = scenarios.get(world);
  if (!scenario) scenarios.set(world, (scenario = new EcxScenario(world)));
  return scenario;
}
