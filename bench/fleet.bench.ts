import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { placeOrder } from '../emulator/services/backoffice';
import { relicense, activateFromCloud, transferToCloud, saveCustomerId } from '../emulator/services/smartserver';
import { createEmulator } from '../emulator/runtime/emulator';
import { fleetMemberPage } from '../emulator/control-plane/fleets/store';
import { serveEmulator } from '../emulator/runtime/serve';
import { cursorAfter } from '../emulator/kernel/paging';
import { BENCH_FLEET, BENCH_FLEET_SIZE } from './fleet-description';
import { overviewPageFigures } from './fleet-overview-page';
import { readOverLoopback } from './loopback-reader';
import { median, percentile, type Bench, type BenchFigure } from './types';

/** The first campus: the fleet place after every other group. */
const CAMPUS_PLACE = BENCH_FLEET_SIZE - BENCH_FLEET.smartServers.at(-1)!.count!;

const ROOT = join(__dirname, '..');
const MB = 1024 * 1024;
const ms3 = (v: number) => Math.round(v * 1000) / 1000;

/** Makes the fleet into `dataFile` in a child process, so its wall time and peak memory are measured alone; its progress shows as it loads. */
async function generationAndLoad(dataFile: string, log: (line: string) => void): Promise<BenchFigure[]> {
  log(`making ${BENCH_FLEET_SIZE.toLocaleString('en-US')} SmartServers in a child process…`);
  const started = performance.now();
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', join(ROOT, 'bin', 'register.js'), join(__dirname, 'fleet-load.child.ts'), dataFile], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) log(`  ${line.trim()}`);
    });
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`the load child exited with ${code}`))));
  });
  const childMs = performance.now() - started;
  const r = JSON.parse(output.trim().split('\n').pop()!) as {
    loadedMs: number;
    closedMs: number;
    smartServers: number;
    devices: number;
    storedSmartServers: number;
    storedDevices: number;
    peakRss: number;
    rssBefore: number;
  };
  if (r.storedDevices !== r.devices) throw new Error(`the data file holds ${r.storedDevices} devices, the fleet ${r.devices}`);
  return [
    { name: 'fleet size: SmartServers', value: r.smartServers, unit: 'SmartServers', target: { op: '>=', value: 100_000 } },
    {
      name: 'fleet size: devices',
      value: r.devices,
      unit: 'devices',
      target: { op: '>=', value: 19_900_000 },
      note: 'drawn from the distributions of the bench fleet; about 20,000,000',
    },
    {
      name: 'generate and load the fleet into a data file',
      value: Math.round(r.loadedMs),
      unit: 'ms',
      target: { op: '<=', value: 10_000 },
      note: `${Math.round(r.closedMs)} ms until the data file is closed`,
    },
    { name: 'the same, with the child process start-up', value: Math.round(childMs), unit: 'ms' },
    { name: 'peak resident memory of the loading process (VmHWM)', value: Math.round(r.peakRss / MB), unit: 'MB', target: { op: '<=', value: 2048 } },
    { name: 'resident memory before loading (node, modules)', value: Math.round(r.rssBefore / MB), unit: 'MB' },
  ];
}

/** A campus of the fleet, its customer holding a 1,000-device capacity license in the cloud. */
function campusWithLicense(dataFile: string) {
  const emulator = createEmulator({ dataFile });
  const { ctx } = emulator;
  const order = placeOrder(ctx, {
    poNumber: 'PO-BENCH-1',
    partner: { name: 'Bench Partner', email: 'bench@partner.example' },
    customer: 'Bench Customer',
    lines: [{ model: '72220-1000', quantity: 1 }],
  });
  const [campus] = fleetMemberPage(ctx, BENCH_FLEET.name, { after: CAMPUS_PLACE, limit: 1 }).items;
  saveCustomerId(ctx, campus.installCode, order.customer!.customerId);
  return { emulator, installCode: campus.installCode, licenseId: order.licenses[0].licenseId };
}

async function activationAndReturn(dataFile: string, log: (line: string) => void): Promise<BenchFigure[]> {
  const { emulator, installCode, licenseId } = campusWithLicense(dataFile);
  const runs = 300;
  log(`activating and returning a 1,000-device capacity license on a campus of the fleet ${runs} times…`);
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
    return [
      {
        name: 'in the fleet: activate a 1,000-device capacity on a 1,000-device SmartServer (median)',
        value: ms3(median(activate)),
        unit: 'ms',
        target: { op: '<=', value: 1 },
        note: `p95 ${ms3(percentile(activate, 95))} ms; cloud and SmartServer transaction in the fleet's data file, every device re-derived`,
      },
      {
        name: 'in the fleet: return its licenses to the cloud (median)',
        value: ms3(median(giveBack)),
        unit: 'ms',
        target: { op: '<=', value: 1 },
        note: `p95 ${ms3(percentile(giveBack, 95))} ms`,
      },
      {
        name: 're-derive 1,000 devices alone (median)',
        value: ms3(median(rederive)),
        unit: 'ms',
        note: 'one pass over the device cells with the table derived from the device machine',
      },
    ];
  } finally {
    emulator.close();
  }
}

/** The campus's device list through the API of an emulator serving the whole fleet's data file. */
async function deviceListThroughApi(url: string, log: (line: string) => void): Promise<BenchFigure[]> {
  const runs = 300;
  const emulatorUrl = new URL(url);
  const reader = readOverLoopback(emulatorUrl);
  try {
    const members = JSON.parse((await reader.get(`/_emulator/fleets/${BENCH_FLEET.name}/smartservers?limit=1&cursor=${cursorAfter(CAMPUS_PLACE)}`)).body) as {
      installCode: string;
    }[];
    const path = `/smartservers/${members[0].installCode}`;
    const login = await reader.post(`${path}/login`, { username: 'owner', password: BENCH_FLEET.password });
    const { token } = JSON.parse(login.body) as { token: string };
    log(`reading a campus's 1,000-device list over loopback ${runs} times…`);
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs + 20; i++) {
      const t = performance.now();
      const answer = await reader.get(`${path}/iap/devs`, token);
      if (i >= 20) times.push(performance.now() - t);
      bytes = answer.body.length;
      if (answer.status !== 200 || (JSON.parse(answer.body) as unknown[]).length !== 1000) throw new Error(`the device list answered ${answer.status}`);
    }
    return [
      {
        name: "in the fleet: read one SmartServer's 1,000-device list through the API on loopback (median)",
        value: ms3(median(times)),
        unit: 'ms',
        target: { op: '<=', value: 2 },
        note: `p95 ${ms3(percentile(times, 95))} ms; ${Math.round(bytes / 1024)} KiB of JSON, after 20 warm-up reads, one kept-alive connection`,
      },
    ];
  } finally {
    reader.close();
  }
}

export const bench: Bench = {
  name: 'fleet at scale',
  async run(log) {
    const dir = mkdtempSync(join(tmpdir(), 'sslab-bench-'));
    try {
      const dataFile = join(dir, 'bench.sqlite');
      const figures = await generationAndLoad(dataFile, log);
      const running = await serveEmulator({ port: 0, dataFile });
      try {
        figures.push(...(await overviewPageFigures(running.url, BENCH_FLEET_SIZE, log)), ...(await deviceListThroughApi(running.url, log)));
      } finally {
        await running.stop();
      }
      figures.push(...(await activationAndReturn(dataFile, log)));
      return { name: this.name, figures };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
