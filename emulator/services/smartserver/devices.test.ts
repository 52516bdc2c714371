import fc from 'fast-check';
import { afterEach, expect, test } from 'vitest';
import { transition } from 'xstate';
import { DEVICE_STATES, deviceColour, deviceMachine, type DeviceEvent, type DeviceState } from '../../../models/device.machine';
import { deviceStateToValue, deviceStateFromValue, stateIndex } from '../../../models/device.table';
import { createEmulator } from '../../runtime/emulator';
import type { Emulator } from '../../kernel/emulator';
import {
  addDevices,
  addGeneratedDevices,
  clearDevices,
  countDevices,
  derivedUid,
  getDevice,
  listDevices,
  operateDevice,
  relicense,
  reportHealth,
  setDeviceState,
  tallyDevices,
  type Device,
} from './devices';
import { PROTOCOLS, PROVISION_STATES, type DeviceHealth, type Protocol } from '../../kernel/vocabulary';
import { Problem } from '../../kernel/problems';
import { createSmartServer } from './create';
import { dashboard } from './licensing';

let emulator: Emulator | undefined;
afterEach(() => emulator?.close());

/**
 * The device store as it was before devices were packed into bytes: one record per device, each
 * moved by the device machine itself. The compact store must answer exactly as this does.
 */
interface ReferenceDevice {
  name: string;
  protocol: Protocol;
  uid?: string;
  state: DeviceState;
}

function send(state: DeviceState, type: DeviceEvent['type']): DeviceState | undefined {
  const snapshot = deviceMachine.resolveState({ value: deviceStateToValue(state), context: {} });
  if (!snapshot.can({ type } as DeviceEvent)) return undefined;
  return deviceStateFromValue(transition(deviceMachine, snapshot, { type } as DeviceEvent)[0].value);
}

class ReferenceStore {
  devices: ReferenceDevice[] = [];

  create(counts: Record<Protocol, number>): void {
    for (const protocol of PROTOCOLS) {
      for (let i = 0; i < counts[protocol]; i++) this.devices.push({ name: `${protocol.toUpperCase()}-${i + 1}`, protocol, state: 'unlicensed' });
    }
  }

  relicense(capacity: number): void {
    const admitted = Math.min(this.devices.length, Math.max(0, capacity - 1));
    this.devices.forEach((d, i) => (d.state = send(d.state, i < admitted ? 'LICENSE' : 'UNLICENSE') ?? d.state));
  }

  /** Runs the events in order; refuses (leaving the device as it was) when the machine does not take one. */
  apply(id: number, events: DeviceEvent['type'][]): boolean {
    const device = this.devices[id - 1];
    let state = device.state;
    for (const event of events) {
      const next = send(state, event);
      if (!next) return false;
      state = next;
    }
    device.state = state;
    return true;
  }

  /** The answer the old store gave; uids of generated devices were random, so only hand-made uids are compared. */
  expected(): Omit<Device, 'uid'>[] {
    return this.devices.map((d, i) => {
      const [provision, health] = d.state.split('.');
      const licensed = d.state !== 'unlicensed';
      return {
        id: i + 1,
        name: d.name,
        protocol: d.protocol,
        state: d.state,
        colour: deviceColour(d.state),
        licensed,
        status: {
          state: (provision === 'unlicensed' ? 'unprovisioned' : provision) as Device['status']['state'],
          health: (health ?? 'nascent') as DeviceHealth,
        },
        lic: { licensed },
      };
    });
  }
}

const steps = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('capacity' as const), capacity: fc.integer({ min: 0, max: 40 }) }),
    fc.record({ kind: fc.constant('add' as const), protocol: fc.constantFrom(...PROTOCOLS) }),
    fc.record({ kind: fc.constantFrom('provision' as const, 'deprovision' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('health' as const), pick: fc.nat(), health: fc.constantFrom<DeviceHealth>('normal', 'marginal', 'suspect', 'down') }),
    fc.record({ kind: fc.constant('clear' as const) }),
  ),
  { maxLength: 25 },
);

const refused = (run: () => unknown) => {
  try {
    run();
    return false;
  } catch (error) {
    if (error instanceof Problem) return true;
    throw error;
  }
};

test('for any sample SmartServer and any sequence of licensing and device operations, the compact store answers as the one-row-per-device store did', () => {
  emulator = createEmulator({ dataFile: ':memory:' });
  const { ctx } = emulator;
  let handMade = 0;
  const { installCode } = createSmartServer(ctx, { version: '4.0', users: [{ username: 'owner', userType: 'Owner', password: 'sample-password' }] });
  fc.assert(
    fc.property(fc.record({ lon: fc.nat(12), bacnet: fc.nat(12), modbus: fc.nat(12) }), steps, (counts, plan) => {
      // Each run starts the SmartServer afresh with its sample devices, as creating it would.
      clearDevices(ctx, installCode);
      addGeneratedDevices(ctx, installCode, counts);
      const reference = new ReferenceStore();
      reference.create(counts);
      const uids = new Map<number, string>();
      for (const step of plan) {
        const n = reference.devices.length;
        const id = 'pick' in step && n > 0 ? (step.pick % n) + 1 : 0;
        if (step.kind === 'capacity') {
          relicense(ctx, installCode, step.capacity);
          reference.relicense(step.capacity);
        } else if (step.kind === 'add') {
          handMade += 1;
          const uid = `00D0${handMade.toString(16).toUpperCase().padStart(8, '0')}`;
          addDevices(ctx, installCode, [{ name: `Hand ${handMade}`, protocol: step.protocol, uid }]);
          reference.devices.push({ name: `Hand ${handMade}`, protocol: step.protocol, uid, state: 'unlicensed' });
          uids.set(reference.devices.length, uid);
        } else if (step.kind === 'clear') {
          expect(clearDevices(ctx, installCode)).toBe(n);
          reference.devices = [];
          uids.clear();
        } else if (id > 0 && step.kind === 'health') {
          const event = `HEALTH_${step.health.toUpperCase()}` as DeviceEvent['type'];
          expect(refused(() => reportHealth(ctx, installCode, id, step.health))).toBe(!reference.apply(id, [event]));
        } else if (id > 0) {
          const events: DeviceEvent['type'][] = step.kind === 'provision' ? ['PROVISION', 'PROVISIONING_SUCCEEDED'] : ['DEPROVISION'];
          const machineRefuses = step.kind === 'provision' && reference.devices[id - 1].state === 'unlicensed';
          const wasRefused = refused(() => operateDevice(ctx, installCode, id, step.kind as 'provision' | 'deprovision'));
          expect(wasRefused).toBe(machineRefuses || !reference.apply(id, events));
        }
        const listed = listDevices(ctx, installCode);
        expect(listed.map(({ uid: _uid, ...rest }) => rest)).toEqual(reference.expected());
        for (const [seq, uid] of uids) expect(listed[seq - 1].uid).toBe(uid);
        for (const device of listed) expect(getDevice(ctx, installCode, device.id)).toEqual(device);
        for (const state of PROVISION_STATES) {
          expect(listDevices(ctx, installCode, [state]).map((d) => d.id)).toEqual(listed.filter((d) => d.status.state === state).map((d) => d.id));
          expect(countDevices(ctx, installCode, [state])).toBe(listed.filter((d) => d.status.state === state).length);
        }
        expect(countDevices(ctx, installCode)).toBe(listed.length);
        const tally = tallyDevices(ctx, installCode);
        expect(tally.defined).toBe(listed.length);
        expect(tally.licensed).toBe(listed.filter((d) => d.licensed).length);
        for (const state of DEVICE_STATES) expect(tally.byColour[deviceColour(state)]).toBe(listed.filter((d) => d.colour === deviceColour(state)).length);
      }
      const board = dashboard(ctx, installCode);
      expect(board.definedDevices).toBe(reference.devices.length);
      expect(board.licensedDevices).toBe(reference.devices.filter((d) => d.state !== 'unlicensed').length);
    }),
    { numRuns: 120 },
  );
});

test('a generated device keeps the same 12-hex-digit uid, and the devices of one SmartServer have distinct uids', () => {
  const uids = new Set<string>();
  for (let seq = 1; seq <= 2000; seq++) {
    const uid = derivedUid('17q5t6a', seq, seq % 2 ? 'lon' : 'bacnet');
    expect(uid).toMatch(/^[0-9A-F]{12}$/);
    expect(derivedUid('17q5t6a', seq, seq % 2 ? 'lon' : 'bacnet')).toBe(uid);
    uids.add(uid);
  }
  expect(uids.size).toBe(2000);
  expect(derivedUid('17q5t6a', 1, 'lon')).not.toBe(derivedUid('17qanut', 1, 'lon'));
});

test('a device number outside the list is not found, and the store keeps creation order across generated and hand-made devices', () => {
  emulator = createEmulator({ dataFile: ':memory:' });
  const { ctx } = emulator;
  const { installCode } = createSmartServer(ctx, {
    devices: { lon: 2, modbus: 1 },
    users: [{ username: 'owner', userType: 'Owner', password: 'sample-password' }],
  });
  addDevices(ctx, installCode, [{ name: 'Chiller', protocol: 'bacnet', uid: '0A0B0C0D0E0F' }]);
  expect(listDevices(ctx, installCode).map((d) => [d.id, d.name, d.protocol])).toEqual([
    [1, 'LON-1', 'lon'],
    [2, 'LON-2', 'lon'],
    [3, 'MODBUS-1', 'modbus'],
    [4, 'Chiller', 'bacnet'],
  ]);
  expect(() => getDevice(ctx, installCode, 5)).toThrow(/No device 5 on SmartServer/);
  expect(() => getDevice(ctx, installCode, 0)).toThrow(Problem);
  relicense(ctx, installCode, 4);
  expect(listDevices(ctx, installCode).map((d) => d.state)).toEqual(['unprovisioned', 'unprovisioned', 'unprovisioned', 'unlicensed']);
  expect(stateIndex(getDevice(ctx, installCode, 4).state)).toBe(stateIndex('unlicensed'));
});

test('generated devices are numbered per protocol around hand-made ones, and hand-made ones added together keep their order', () => {
  emulator = createEmulator({ passwordCost: 'fast' });
  const { ctx } = emulator;
  createSmartServer(ctx, { installCode: '17qnum1', devices: { lon: 1 } });
  addDevices(ctx, '17qnum1', [
    { name: 'Boiler', protocol: 'lon', uid: '00D071000001' },
    { name: 'Chiller', protocol: 'lon', uid: '00D071000002' },
  ]);
  addGeneratedDevices(ctx, '17qnum1', { lon: 1 });
  const names = listDevices(ctx, '17qnum1').map((d) => [d.id, d.name, d.uid.startsWith('00D07100000') ? d.uid : 'derived']);
  expect(names).toEqual([
    [1, 'LON-1', 'derived'],
    [2, 'Boiler', '00D071000001'],
    [3, 'Chiller', '00D071000002'],
    [4, 'LON-2', 'derived'],
  ]);
  expect([getDevice(ctx, '17qnum1', 4).name, getDevice(ctx, '17qnum1', 3).name]).toEqual(['LON-2', 'Chiller']);
});

test('re-deriving the devices and running device actions record the device transitions they made, counted', async () => {
  const { recordedTransitions } = await import('../../kernel/coverage');
  emulator = createEmulator({ passwordCost: 'fast' });
  const { ctx } = emulator;
  createSmartServer(ctx, { installCode: '17qtal1', devices: { lon: 4 } });
  const device = () =>
    recordedTransitions(ctx.db)
      .filter((t) => t.machine === 'device')
      .map((t) => [t.from, t.event, t.to, t.count]);
  const before = device();
  relicense(ctx, '17qtal1', 10);
  relicense(ctx, '17qtal1', 10);
  operateDevice(ctx, '17qtal1', 1, 'provision');
  reportHealth(ctx, '17qtal1', 1, 'normal');
  reportHealth(ctx, '17qtal1', 1, 'down');
  const counts = new Map(device().map(([from, event, to, count]) => [`${from} ${event} ${to}`, count as number]));
  const beforeCounts = new Map(before.map(([from, event, to, count]) => [`${from} ${event} ${to}`, count as number]));
  const added = (key: string) => (counts.get(key) ?? 0) - (beforeCounts.get(key) ?? 0);
  // Four devices licensed once (the second re-derivation changes nothing), one provisioned, one health change.
  expect(added('unlicensed LICENSE unprovisioned')).toBe(4);
  expect(added('unprovisioned PROVISION provisioning')).toBe(1);
  expect(added('provisioning PROVISIONING_SUCCEEDED provisioned.normal')).toBe(1);
  expect(added('provisioned.normal HEALTH_DOWN provisioned.down')).toBe(1);
  expect([...counts.keys()].filter((k) => k.startsWith('provisioned.normal HEALTH_NORMAL'))).toEqual([]);
});

test('a re-derivation that changed nothing is not repeated while the devices read the same, and is once any write changes them', () => {
  emulator = createEmulator({ passwordCost: 'fast' });
  const { ctx } = emulator;
  createSmartServer(ctx, { installCode: '17qset1', devices: { lon: 3 } });
  const licensed = () => listDevices(ctx, '17qset1').filter((d) => d.licensed).length;
  relicense(ctx, '17qset1', 10);
  relicense(ctx, '17qset1', 10);
  expect(licensed()).toBe(3);
  // Written past the licensing rules, as a snapshot or another part of the emulator could write the cells.
  setDeviceState(ctx, '17qset1', stateIndex('unlicensed'));
  expect(licensed()).toBe(0);
  relicense(ctx, '17qset1', 10);
  expect(licensed()).toBe(3);
  // A capacity that admits fewer devices is worked out again, whatever was found before.
  relicense(ctx, '17qset1', 2);
  expect(licensed()).toBe(1);
});
