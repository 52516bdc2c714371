import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { placeOrder } from '../emulator/services/backoffice';
import { relicense, activateFromCloud, transferToCloud, createSmartServer, saveCustomerId } from '../emulator/services/smartserver';
import { createEmulator } from '../emulator/runtime/emulator';
import type { FleetDescription } from '../emulator/control-plane/fleets/description';
import { serveEmulator } from '../emulator/runtime/serve';
import { overviewPageFigures } from './fleet-overview-page';
import { median, percentile, type Bench, type BenchFigure } from './types';

/** Ten thousand SmartServers averaging two hundred devices each: two million devices. */
export const BENCH_FLEET: FleetDescription = {
  name: 'bench-estate',
  seed: 20_000,
  password: 'Bench-Estate-2026!',
  smartServers: [
    {
      group: 'offices',
      count: 6000,
      version: { '4.0': 3, '4.2': 1 },
      online: 0.9,
      devices: { lon: { uniform: [100, 180] }, bacnet: { normal: { mean: 40, sd: 10 } }, modbus: { uniform: [10, 30] } },
    },
    { group: 'plants', count: 3000, version: '4.3', devices: { lon: 150, bacnet: 30, modbus: 20 } },
    { group: 'residences', count: 1000, version: '4.3', pi: true, devices: { bacnet: { uniform: [150, 250] } } },
  ],
};

const ROOT = join(__dirname, '..');
const MB = 1024 * 1024;

/** Makes the fleet into `dataFile` in a child process, so its wall time and peak memory are measured alone. */
async function generationAndLoad(dataFile: string, log: (line: string) => void): Promise<BenchFigure[]> {
  {
    log('making 10,000 SmartServers in a child process…');
    const started = performance.now();
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['-r', join(ROOT, 'bin', 'register.js'), join(__dirname, 'fleet-load.child.ts'), dataFile], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`the load child exited with ${code}`))));
    });
    const childMs = performance.now() - started;
    const r = JSON.parse(output.trim().split('\n').pop()!) as {
      loadedMs: number;
      smartServers: number;
      devices: number;
      storedSmartServers: number;
      storedDevices: number;
      peakRss: number;
      rssBefore: number;
    };
    if (r.storedDevices !== r.devices) throw new Error(`the data file holds ${r.storedDevices} devices, the fleet ${r.devices}`);
    return [
      { name: 'fleet size: SmartServers', value: r.smartServers, unit: 'SmartServers', target: { op: '>=', value: 10_000 } },
      {
        name: 'fleet size: devices',
        value: r.devices,
        unit: 'devices',
        target: { op: '>=', value: 1_990_000 },
        note: 'drawn from the distributions of the bench fleet; about 2,000,000',
      },
      { name: 'generate and load the fleet into a data file', value: Math.round(r.loadedMs), unit: 'ms', target: { op: '<=', value: 10_000 } },
      { name: 'the same, with the child process start-up', value: Math.round(childMs), unit: 'ms' },
      { name: 'peak resident memory of the loading process (VmHWM)', value: Math.round(r.peakRss / MB), unit: 'MB', target: { op: '<=', value: 1024 } },
      { name: 'resident memory before loading (node, modules)', value: Math.round(r.rssBefore / MB), unit: 'MB' },
    ];
  }
}

/** A SmartServer with 1,000 devices whose customer holds a 1,000-device capacity license in the cloud. */
function thousandDeviceSmartServer() {
  const emulator = createEmulator({ dataFile: ':memory:' });
  const { ctx } = emulator;
  const order = placeOrder(ctx, {
    poNumber: 'PO-BENCH-1',
    partner: { name: 'Bench Partner', email: 'bench@partner.example' },
    customer: 'Bench Customer',
    lines: [{ model: '72220-1000', quantity: 1 }],
  });
  const { installCode } = createSmartServer(ctx, {
    version: '4.0',
    devices: { lon: 600, bacnet: 300, modbus: 100 },
    users: [{ username: 'owner', userType: 'Owner', password: 'bench-owner-password' }],
  });
  saveCustomerId(ctx, installCode, order.customer!.customerId);
  return { emulator, installCode, licenseId: order.licenses[0].licenseId };
}

async function activationAndReturn(log: (line: string) => void): Promise<BenchFigure[]> {
  const { emulator, installCode, licenseId } = thousandDeviceSmartServer();
  const runs = 300;
  log(`activating and returning a 1,000-device capacity license ${runs} times…`);
  const activate: number[] = [];
  const giveBack: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      await activateFromCloud(emulator.ctx, emulator.cloud, installCode, { licenseIds: [licenseId] });
      activate.push(performance.now() - t);
      t = performance.now();
      await transferToCloud(emulator.ctx, emulator.cloud, installCode);
      giveBack.push(performance.now() - t);
    }
    const rederive: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      relicense(emulator.ctx, installCode, i % 2 ? 0 : 1000);
      rederive.push(performance.now() - t);
    }
    const ms = (v: number) => Math.round(v * 1000) / 1000;
    return [
      {
        name: 'activate a 1,000-device capacity on a 1,000-device SmartServer (median)',
        value: ms(median(activate)),
        unit: 'ms',
        target: { op: '<=', value: 5 },
        note: `p95 ${ms(percentile(activate, 95))} ms; cloud and SmartServer transaction, every device re-derived`,
      },
      {
        name: 'return its licenses to the cloud (median)',
        value: ms(median(giveBack)),
        unit: 'ms',
        target: { op: '<=', value: 5 },
        note: `p95 ${ms(percentile(giveBack, 95))} ms`,
      },
      {
        name: 're-derive 1,000 devices alone (median)',
        value: ms(median(rederive)),
        unit: 'ms',
        note: 'one pass over the device cells with the table derived from the device machine',
      },
    ];
  } finally {
    emulator.close();
  }
}

async function deviceListThroughApi(log: (line: string) => void): Promise<BenchFigure[]> {
  const running = await serveEmulator({ port: 0, dataFile: ':memory:' });
  const runs = 300;
  try {
    const call = async (method: string, path: string, body?: unknown, token?: string) => {
      const response = await fetch(`${running.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return response.json() as Promise<Record<string, unknown>>;
    };
    const created = await call('POST', '/_emulator/smartservers', {
      devices: { lon: 600, bacnet: 300, modbus: 100 },
      users: [{ username: 'owner', userType: 'Owner', password: 'bench-owner-password' }],
    });
    const path = `/smartservers/${created.installCode as string}`;
    const { token } = (await call('POST', `${path}/login`, { username: 'owner', password: 'bench-owner-password' })) as { token: string };
    log(`reading a 1,000-device list over loopback ${runs} times…`);
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs + 20; i++) {
      const t = performance.now();
      const response = await fetch(`${running.url}${path}/iap/devs`, { headers: { authorization: `Bearer ${token}` } });
      const text = await response.text();
      if (i >= 20) times.push(performance.now() - t);
      bytes = text.length;
      if (!response.ok || (JSON.parse(text) as unknown[]).length !== 1000) throw new Error(`the device list answered ${response.status}`);
    }
    const ms = (v: number) => Math.round(v * 1000) / 1000;
    return [
      {
        name: "read one SmartServer's 1,000-device list through the API on loopback (median)",
        value: ms(median(times)),
        unit: 'ms',
        target: { op: '<=', value: 10 },
        note: `p95 ${ms(percentile(times, 95))} ms; ${Math.round(bytes / 1024)} KiB of JSON, after 20 warm-up reads`,
      },
    ];
  } finally {
    await running.stop();
  }
}

export const bench: Bench = {
  name: 'fleet at scale',
  async run(log) {
    const dir = mkdtempSync(join(tmpdir(), 'sslab-bench-'));
    try {
      const dataFile = join(dir, 'bench.sqlite');
      const figures = [
        ...(await generationAndLoad(dataFile, log)),
        ...(await overviewPageFigures(dataFile, log)),
        ...(await activationAndReturn(log)),
        ...(await deviceListThroughApi(log)),
      ];
      return { name: this.name, figures };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
