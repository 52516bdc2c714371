import Fastify from 'fastify';
import { placeOrder } from '../emulator/services/backoffice';
import { cmsLogin, createSmartServer, saveCustomerId } from '../emulator/services/smartserver';
import { serveEmulator } from '../emulator/runtime/serve';

/**
 * A server for the API benchmark, in a process of its own so the load generator does not share its
 * event loop. `minimal`: a bare Fastify route (the framework's own ceiling); `emulator`: the
 * emulator with a SmartServer to read and a pool of licenses to activate. Prints one JSON line
 * with the URL and what the load generator needs, then serves until killed.
 */
const READ_DEVICES = Number(process.env.BENCH_READ_DEVICES ?? 20);
// Enough for fifteen thousand activations a second over the measured seconds and the warm-up: a
// pool that runs out would have the last requests refused, and count them against the write.
const POOL = Number(process.env.BENCH_ACTIVATIONS ?? 90_000);
const WRITE_SMARTSERVERS = 200;

async function minimal(): Promise<void> {
  const app = Fastify({ logger: false });
  app.get('/hello', async () => ({ hello: 'world' }));
  // The same bytes as the emulator's device list, from a constant: what the framework alone costs for them.
  const devices = Array.from({ length: READ_DEVICES }, (_, i) => ({
    id: i + 1,
    name: `LON-${i + 1}`,
    protocol: 'lon',
    uid: '0A09E124AD55',
    state: 'unlicensed',
    colour: 'purple',
    licensed: false,
    status: { state: 'unprovisioned', health: 'nascent' },
    lic: { licensed: false },
  }));
  app.get('/devices', async () => devices);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  console.log(JSON.stringify({ url, path: '/hello', sized: '/devices' }));
}

async function emulator(): Promise<void> {
  // In memory, as the suite and `sslab emulator --data-file :memory:` run it; the CLI's default keeps the state in a file.
  const running = await serveEmulator({ port: 0, host: '127.0.0.1', dataFile: ':memory:', passwordCost: 'fast' });
  const { ctx } = running.emulator;
  const login = async (installCode: string) => (await cmsLogin(ctx, installCode, { username: 'owner', password: 'bench-owner' })).token;
  const users = [{ username: 'owner', userType: 'Owner', password: 'bench-owner' }];

  const reader = createSmartServer(ctx, {
    name: 'Bench reader',
    devices: { lon: READ_DEVICES - Math.floor(READ_DEVICES / 4), bacnet: Math.floor(READ_DEVICES / 4) },
    users,
  });
  // Licenses for the activations: ordered straight into one customer project, 1,000 per order line, 50 lines per order.
  const lines = Array.from({ length: Math.ceil(POOL / 1000) }, (_, i) => ({ model: '72220-10', quantity: Math.min(1000, POOL - i * 1000) }));
  const orders = Array.from({ length: Math.ceil(lines.length / 50) }, (_, k) =>
    placeOrder(ctx, {
      poNumber: `PO-BENCH-${k + 1}`,
      partner: { email: 'bench@partner.example' },
      lines: lines.slice(k * 50, k * 50 + 50),
      customer: 'Bench Hall',
    }),
  );
  const customerId = orders[0].customer!.customerId;
  // One login at a time: logins in flight count against the address's limit until they succeed.
  const writers: { installCode: string; token: string }[] = [];
  for (let i = 0; i < WRITE_SMARTSERVERS; i++) {
    const created = createSmartServer(ctx, { name: `Bench writer ${i}`, devices: { lon: 20 }, users });
    saveCustomerId(ctx, created.installCode, customerId);
    writers.push({ installCode: created.installCode, token: await login(created.installCode) });
  }
  const readToken = await login(reader.installCode);
  console.log(
    JSON.stringify({
      url: running.url,
      read: { path: `/smartservers/${reader.installCode}/iap/devs`, token: readToken, devices: READ_DEVICES },
      writers,
      licenseIds: orders.flatMap((order) => order.licenses.map((l) => l.licenseId)),
    }),
  );
}

// A normal exit on SIGTERM, so a --cpu-prof run writes its profile.
process.on('SIGTERM', () => process.exit(0));

void (process.argv[2] === 'minimal' ? minimal() : emulator()).catch((error) => {
  console.error(error);
  process.exit(1);
});
