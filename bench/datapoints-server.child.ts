import Fastify from 'fastify';
import { cmsLogin, createSmartServer } from '../emulator/services/smartserver';
import { readValues } from '../emulator/services/datapoints/service';
import { serveEmulator } from '../emulator/runtime/serve';

/**
 * A server for the datapoints benchmark, in a process of its own so the load generator and the
 * MQTT subscriber do not share its event loop. `emulator`: the emulator with a fleet whose devices
 * all may be read (release 3.2, before licensing, so no license has to be activated on a thousand
 * SmartServers first) and its IAP/MQ broker; `minimal`: a bare Fastify route answering the bytes
 * of one page of datapoints from a constant. Prints one JSON line, then serves until killed.
 */
const SMARTSERVERS = Number(process.env.BENCH_MQ_SMARTSERVERS ?? 1000);
const DEVICES = Number(process.env.BENCH_MQ_DEVICES ?? 10);
const PAGE_SIZE = 20;

async function emulator(): Promise<void> {
  const running = await serveEmulator({ port: 0, host: '127.0.0.1', dataFile: ':memory:', passwordCost: 'fast' });
  const { ctx } = running.emulator;
  const users = [{ username: 'owner', userType: 'Owner', password: 'bench-owner' }];
  let reader = '';
  for (let i = 0; i < SMARTSERVERS; i++) {
    const created = createSmartServer(ctx, { name: `Bench ${i}`, version: '3.2', devices: { lon: DEVICES }, users });
    reader ||= created.installCode;
  }
  const { token } = await cmsLogin(ctx, reader, { username: 'owner', password: 'bench-owner' });
  // One snapshot, as a page that reads page after page holds one.
  const first = readValues(ctx, reader, { device: '*', block: '*', index: '*', datapoint: '*' }, { pg: '1', sz: String(PAGE_SIZE) }) as {
    snapshot: string;
    resources: unknown[];
    remainingPages: number;
  };
  console.log(
    JSON.stringify({
      url: running.url,
      mqttUrl: running.iapMq!.url,
      smartServers: SMARTSERVERS,
      devices: DEVICES,
      page: { path: `/smartservers/${reader}/iap/devs/*/if/*/*/*/value?pg=1&sz=${PAGE_SIZE}&xs=${first.snapshot}`, token, resources: first.resources },
    }),
  );
}

async function minimal(page: string): Promise<void> {
  const app = Fastify({ logger: false });
  const resources = JSON.parse(page) as unknown;
  app.get('/page', async () => resources);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  console.log(JSON.stringify({ url, path: '/page' }));
}

process.on('SIGTERM', () => process.exit(0));

void (process.argv[2] === 'minimal' ? minimal(process.argv[3]) : emulator()).catch((error) => {
  console.error(error);
  process.exit(1);
});
