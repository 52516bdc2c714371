import type { EcxEntitlement as ApiEntitlement } from '../../../../emulator/services/ecostruxure';
import type { EcxFile, EcxLicense, EcxServer } from './types';

export type EcxFeatureSeats = EcxEntitlement['products'][number]['features'][number];

export type EcxEntitlement = Omit<ApiEntitlement, 'addedAt'>;

/**
 * Schneider Electric's Device Administrator, the engineer's tool for EcoStruxure BMS licensing:
 * it takes in entitlements, assigns their seats to servers, and activates and returns licenses
 * online or, for servers without Internet access, with request and response files.
 */
export interface DeviceAdministrator {
  /** Adds an entitlement from the certificate file its email carried. */
  addEntitlementFromFile(file: EcxFile): Promise<EcxEntitlement>;
  /** Adds an entitlement by its entitlement ID. */
  addEntitlementById(entitlementId: string): Promise<EcxEntitlement>;
  /** The entitlements added so far, with their seats in use and free. */
  entitlements(): Promise<EcxEntitlement[]>;
  /** A server with the licenses it holds. */
  server(serverId: string): Promise<EcxServer>;
  /** Assigns seats of a feature from a license product (by activation ID) to a server; they wait for activation. */
  assign(serverId: string, activationId: string, feature: string, quantity: number): Promise<EcxLicense>;
  /** Activates online the assigned licenses of the given servers (of all servers when none are given), or just the given licenses. */
  activateOnline(choice: { servers?: string[]; licenseIds?: string[] }): Promise<EcxLicense[]>;
  /** Deactivates one of a server's licenses, which frees its seats. */
  deactivate(serverId: string, licenseId: string): Promise<void>;
  /** Creates the activation request file of a server's assigned licenses, to carry to the License Activation Server. */
  createActivationRequest(serverId: string): Promise<EcxFile>;
  /** Loads an activation response file into a server, which activates the licenses it answers. */
  sendActivationResponse(serverId: string, file: EcxFile): Promise<EcxLicense[]>;
  /** Returns a server's licenses online. */
  returnOnline(serverId: string): Promise<EcxLicense[]>;
  /** Creates the return request file of a server's licenses. */
  createReturnRequest(serverId: string): Promise<EcxFile>;
  /** Loads a return response file into a server, which gives up the licenses it answers. */
  sendReturnResponse(serverId: string, file: EcxFile): Promise<EcxLicense[]>;
}
