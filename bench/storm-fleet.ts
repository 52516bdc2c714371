import type { FleetDescription } from '../emulator/control-plane/fleets/description';

/** The licensing storm's fleet: 10,000 SmartServers of 20 to 70 devices against a 50-device capacity each, so some license every device and some not all. */
export const STORM_FLEET: FleetDescription = {
  name: 'bench-storm',
  seed: 10_000,
  password: 'Bench-Storm-2026!',
  smartServers: [{ group: 'sites', count: 10_000, version: '4.0', online: true, devices: { lon: { uniform: [20, 60] }, bacnet: { uniform: [0, 10] } } }],
};
