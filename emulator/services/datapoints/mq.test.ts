import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Emulator } from '../../kernel/emulator';
import { createEmulator } from '../../runtime/emulator';
import { addDevice, createSmartServer, listDevices } from '../smartserver';
import { ClockMove, dataMessage, dataUpdatesBetween } from './mq';
import { readValues } from './service';

/** The datapoint updates a clock move publishes, built from shared parts, against the one-message builder. */
let emulator: Emulator;

beforeEach(() => {
  emulator = createEmulator({ passwordCost: 'fast' });
});
afterEach(() => emulator.close());

test('a day’s move publishes every output once, each message the bytes dataMessage makes and the value a read shows', () => {
  const { ctx } = emulator;
  // Release 3.2 predates licensing: every device may be read.
  const { installCode } = createSmartServer(ctx, { version: '3.2', devices: { lon: 2, bacnet: 1, modbus: 1 } });
  // A name with what JSON escapes and topics reserve.
  addDevice(ctx, installCode, { name: 'Hall "A"/2+#', protocol: 'lon' });
  const from = Date.parse(ctx.clock.now());
  ctx.clock.advance(1);
  const at = ctx.clock.now();

  const devices = listDevices(ctx, installCode);
  const messages = dataUpdatesBetween(ctx, installCode, new ClockMove(from, Date.parse(at), at));
  // Three outputs per LON device, one per BACnet device, two per Modbus device.
  expect(messages).toHaveLength(3 * 3 + 1 + 2);
  for (const message of messages) {
    expect(message.topic).toBe(`glp/0/${installCode}/ev/data`);
    const body = JSON.parse(message.payload);
    const [blockName, blockIndex] = body.topic.split('/if/')[1].split('/');
    const update = {
      deviceName: body.deviceName,
      protocol: body.topic.split('/')[5],
      blockName,
      blockIndex: Number(blockIndex),
      datapointName: body.message,
      value: body.data,
    };
    expect(message.payload).toBe(dataMessage(installCode, update, at).payload);
    const [read] = readValues(ctx, installCode, {
      device: String(devices.find((d) => d.name === body.deviceName)!.id),
      block: blockName,
      index: blockIndex,
      datapoint: body.message,
    }) as {
      value: number;
    }[];
    expect(body.data).toBe(read.value);
  }
  expect(messages.filter((m) => m.payload.includes('"deviceName":"Hall \\"A\\"/2+#"'))).toHaveLength(3);
  expect(JSON.parse(messages.find((m) => m.payload.includes('Hall'))!.payload).topic).toMatch(/\/fb\/dev\/lon\/Hall "A"%2F2%2B%23\/if\//);
});

test('a move within every poll publishes nothing', () => {
  const { ctx } = emulator;
  const { installCode } = createSmartServer(ctx, { version: '3.2', devices: { lon: 1 } });
  // 09:00:00.000 to 09:00:01.000: no poll of 15 s or more ends in between.
  const from = Date.parse(ctx.clock.now());
  expect(dataUpdatesBetween(ctx, installCode, new ClockMove(from, from + 1000, new Date(from + 1000).toISOString()))).toEqual([]);
});
