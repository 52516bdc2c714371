import type { HttpClient } from '../../http-client';
import type { EcoStruxureControlPlane, EcxNetworkChange, EcxServer, EcxServerSpec } from '../../surfaces/ecostruxure';

/** The emulator's control of EcoStruxure BMS servers (/_emulator/ecostruxure/servers). */
export class ApiEcoStruxureControlPlane implements EcoStruxureControlPlane {
  constructor(private readonly http: HttpClient) {}

  addServer(spec: EcxServerSpec): Promise<EcxServer> {
    return this.http.call('POST', '/_emulator/ecostruxure/servers', { body: spec });
  }

  changeNetwork(serverId: string, change: EcxNetworkChange): Promise<EcxServer> {
    return this.http.call('PATCH', `/_emulator/ecostruxure/servers/${encodeURIComponent(serverId)}`, { body: change });
  }
}
