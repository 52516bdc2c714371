import { describe, expect, it } from 'vitest';
import { DEVICE_STATES } from '../../../models/device.machine';
import type { Device } from './devices';
import { devicesJson } from './device-json';

const device = (id: number, state: Device['state'], extra: Partial<Device> = {}): Device => ({
  id,
  name: `LON-${id}`,
  protocol: 'lon',
  uid: `00d07100${String(id).padStart(4, '0')}`,
  state,
  colour: 'green',
  licensed: true,
  status: { state: 'provisioned', health: 'normal' },
  lic: { licensed: true },
  ...extra,
});

describe('devicesJson', () => {
  it('writes exactly what JSON.stringify writes, field for field and in order', () => {
    const devices = DEVICE_STATES.map((state, i) => device(i + 1, state, { licensed: i % 2 === 0, lic: { licensed: i % 2 === 0 } }));
    expect(devicesJson(devices)).toBe(JSON.stringify(devices));
  });

  it('writes each device its own state fields when devices in one state differ in them', () => {
    const devices = [
      device(1, DEVICE_STATES[0]),
      device(2, DEVICE_STATES[0], { colour: 'purple', licensed: false, lic: { licensed: false } }),
      device(3, DEVICE_STATES[0]),
    ];
    expect(devicesJson(devices)).toBe(JSON.stringify(devices));
  });

  it('escapes names and uids made by hand', () => {
    const devices = [device(1, DEVICE_STATES[0], { name: 'Boiler "north" \\ riser\n', uid: '\u2028' })];
    expect(JSON.parse(devicesJson(devices))).toEqual(devices);
  });

  it('leaves out fields the schema does not have', () => {
    const withExtra = { ...device(1, DEVICE_STATES[0]), secret: 'not for the answer' } as Device;
    expect(JSON.parse(devicesJson([withExtra]))[0]).not.toHaveProperty('secret');
  });

  it('writes an empty list as []', () => {
    expect(devicesJson([])).toBe('[]');
  });
});
