import { expect, test } from 'vitest';
import { UpdateHub } from './updates';

test('device changes are followed only while a listener wants them, and only a listener that wants them is told', () => {
  const hub = new UpdateHub();
  expect(hub.followsDevices).toBe(false);
  let connected = false;
  const told: string[] = [];
  const stop = hub.onDevicesChanged(
    (installCode, before) => told.push(`${installCode}:${before.length}`),
    () => connected,
  );
  expect(hub.followsDevices).toBe(false);
  hub.devicesChanged('17q0aaa', new Uint8Array(3));
  expect(told).toEqual([]);
  connected = true;
  expect(hub.followsDevices).toBe(true);
  hub.devicesChanged('17q0aaa', new Uint8Array(3));
  expect(told).toEqual(['17q0aaa:3']);
  stop();
  expect(hub.followsDevices).toBe(false);
});

test('a listener that says nothing of when it wants changes wants every one', () => {
  const hub = new UpdateHub();
  const told: string[] = [];
  hub.onDevicesChanged((installCode) => told.push(installCode));
  expect(hub.followsDevices).toBe(true);
  hub.devicesChanged('17q0bbb', new Uint8Array(0));
  expect(told).toEqual(['17q0bbb']);
});
