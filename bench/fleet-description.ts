import type { FleetDescription } from '../emulator/control-plane/fleets/description';

/**
 * A hundred thousand SmartServers averaging two hundred devices each: twenty million devices. Ten
 * of them, the campuses, carry 1,000 devices each: activation and the device list are measured on
 * one of those, inside the whole fleet's data file.
 */
export const BENCH_FLEET: FleetDescription = {
  name: 'bench-estate',
  seed: 100_000,
  password: 'Bench-Estate-2026!',
  smartServers: [
    {
      group: 'offices',
      count: 60_000,
      version: { '4.0': 3, '4.2': 1 },
      online: 0.9,
      devices: { lon: { uniform: [100, 180] }, bacnet: { normal: { mean: 40, sd: 10 } }, modbus: { uniform: [10, 30] } },
    },
    { group: 'plants', count: 29_990, version: '4.3', devices: { lon: 150, bacnet: 30, modbus: 20 } },
    { group: 'residences', count: 10_000, version: '4.3', pi: true, devices: { bacnet: { uniform: [150, 250] } } },
    { group: 'campuses', count: 10, version: '4.0', devices: { lon: 600, bacnet: 300, modbus: 100 } },
  ],
};

export const BENCH_FLEET_SIZE = BENCH_FLEET.smartServers.reduce((sum, g) => sum + (g.count ?? 1), 0);
