import type { EcxServer, EcxServerSpec } from './types';

export type EcxNetworkChange = Partial<Pick<EcxServer, 'internet' | 'https' | 'certificatesInstalled'>>;

/**
 * The emulator's test-only control of EcoStruxure BMS servers (/_emulator/ecostruxure): building
 * them and changing what their network allows. No Schneider tool offers it.
 */
export interface EcoStruxureControlPlane {
  /** Builds an EcoStruxure BMS server of the given product and network. */
  addServer(spec: EcxServerSpec): Promise<EcxServer>;
  /** Gives a server or takes from it Internet access, HTTPS or installed certificates. */
  changeNetwork(serverId: string, change: EcxNetworkChange): Promise<EcxServer>;
}
