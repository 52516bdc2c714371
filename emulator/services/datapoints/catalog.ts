import type { Protocol } from '../../kernel/vocabulary';

/**
 * The functional blocks and datapoints each kind of emulated device has, per protocol, in the
 * style of the protocol's own vocabulary: LON network variables with SNVT types, BACnet objects'
 * present values, Modbus registers. Every device of a protocol has the same small set, so a
 * datapoint is addressed by its device and its place in this table and costs no storage until it
 * is written.
 */

export type Direction = 'input' | 'output';

export interface DatapointDefinition {
  /** The block's name as IAP names it (`if/{block}/{index}`). */
  block: string;
  index: number;
  /** The datapoint's name in its block. */
  name: string;
  /** Its type in the protocol's terms (SNVT_temp_p, analog-value, uint16 register, …). */
  type: string;
  unit: string;
  /** Outputs are the device's readings and follow the clock; inputs take writes. */
  direction: Direction;
  /** Seconds between two polls: an output's value changes at most once per poll. */
  pollSeconds: number;
  min: number;
  max: number;
  /** Decimal places its values carry. */
  decimals: number;
  /** An input's value before anything was written to it. */
  initial?: number;
}

const lon: DatapointDefinition[] = [
  { block: 'lightSensor', index: 0, name: 'nvoLuxLevel', type: 'SNVT_lux', unit: 'lux', direction: 'output', pollSeconds: 60, min: 0, max: 2000, decimals: 0 },
  { block: 'tempSensor', index: 0, name: 'nvoTemp', type: 'SNVT_temp_p', unit: '°C', direction: 'output', pollSeconds: 30, min: 15, max: 30, decimals: 2 },
  {
    block: 'thermostat',
    index: 0,
    name: 'nviSetpoint',
    type: 'SNVT_temp_p',
    unit: '°C',
    direction: 'input',
    pollSeconds: 30,
    min: 5,
    max: 35,
    decimals: 2,
    initial: 21,
  },
  { block: 'thermostat', index: 0, name: 'nvoSpaceTemp', type: 'SNVT_temp_p', unit: '°C', direction: 'output', pollSeconds: 30, min: 16, max: 28, decimals: 2 },
];

const bacnet: DatapointDefinition[] = [
  {
    block: 'analogInput',
    index: 1,
    name: 'presentValue',
    type: 'analog-input',
    unit: 'degrees-celsius',
    direction: 'output',
    pollSeconds: 30,
    min: 15,
    max: 30,
    decimals: 1,
  },
  {
    block: 'analogValue',
    index: 1,
    name: 'presentValue',
    type: 'analog-value',
    unit: 'degrees-celsius',
    direction: 'input',
    pollSeconds: 30,
    min: 5,
    max: 35,
    decimals: 1,
    initial: 21,
  },
  {
    block: 'binaryOutput',
    index: 1,
    name: 'presentValue',
    type: 'binary-output',
    unit: 'active/inactive',
    direction: 'input',
    pollSeconds: 30,
    min: 0,
    max: 1,
    decimals: 0,
    initial: 0,
  },
];

const modbus: DatapointDefinition[] = [
  {
    block: 'phase',
    index: 1,
    name: 'voltage',
    type: 'input register (uint16, 0.1 V)',
    unit: 'V',
    direction: 'output',
    pollSeconds: 15,
    min: 220,
    max: 240,
    decimals: 1,
  },
  {
    block: 'phase',
    index: 1,
    name: 'current',
    type: 'input register (uint16, 0.01 A)',
    unit: 'A',
    direction: 'output',
    pollSeconds: 15,
    min: 0,
    max: 32,
    decimals: 2,
  },
  {
    block: 'meter',
    index: 1,
    name: 'demandLimit',
    type: 'holding register (uint16)',
    unit: 'kW',
    direction: 'input',
    pollSeconds: 60,
    min: 0,
    max: 500,
    decimals: 0,
    initial: 100,
  },
];

export const DATAPOINTS: Readonly<Record<Protocol, readonly DatapointDefinition[]>> = { lon, bacnet, modbus };

/** The datapoints of a device of this protocol, in a fixed order (a datapoint's position is its number). */
export const datapointsOf = (protocol: Protocol): readonly DatapointDefinition[] => DATAPOINTS[protocol];
