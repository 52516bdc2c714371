import mqtt from 'mqtt';
import { CONTROL_PLANE_LOGIN } from '../emulator/runtime/iap-mq';
import { type ChildServer, startChildServer } from './child-server';
import { corePlacement, onLoadGeneratorCore } from './core-placement';
import { type Bench, median } from './types';

/**
 * Datapoints at fleet scale. IAP/MQ: a fleet of 1,000 SmartServers with 10 LON devices each; the
 * virtual clock moves a day, every output datapoint takes a new reading, and one subscriber to
 * glp/0/+/ev/data counts the updates arriving; messages per second from the move to the last one.
 * IAP/REST: one page of datapoints read through a snapshot (`?pg=1&sz=20&xs=…`), beside a minimal
 * Fastify route answering the same bytes from a constant, taking turns over a few rounds. The
 * servers run on one core, the subscriber and the load generator on the other (core-placement.ts).
 */
// autocannon ships no types; these are the parts used here.
interface AutocannonResult {
  requests: { average: number; total: number };
  non2xx: number;
  errors: number;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;

const MOVES = 5;
const ROUNDS = 5;
const ROUND_SECONDS = 2;
const placement = corePlacement();

const startServer = (args: string[]) => startChildServer(placement, 'datapoints-server.child.ts', args, 'datapoints bench server', 300_000);

async function stop(child: ChildServer): Promise<void> {
  if (child.process.exitCode !== null) return;
  const ended = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.kill('SIGTERM');
  await ended;
}

const round = (v: number, digits = 0) => Math.round(v * 10 ** digits) / 10 ** digits;

/** One clock move: messages per second from the request to the last update the subscriber received. */
async function publishRate(url: string, mqttUrl: string, expected: number): Promise<{ rate: number; received: number }> {
  const client = await mqtt.connectAsync(mqttUrl, { protocolVersion: 4, username: CONTROL_PLANE_LOGIN, reconnectPeriod: 0 });
  let received = 0;
  let last = 0;
  client.on('message', () => {
    received += 1;
    last = performance.now();
  });
  await client.subscribeAsync('glp/0/+/ev/data', { qos: 0 });
  const start = performance.now();
  const moved = await fetch(`${url}/_emulator/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"days":1}' });
  if (!moved.ok) throw new Error(`moving the clock answered ${moved.status}`);
  await fetch(`${url}/_emulator/iap-mq/settled`, { method: 'POST' });
  // The broker may still be writing the last messages to the socket.
  const deadline = performance.now() + 30_000;
  while (received < expected && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  await client.endAsync();
  return { rate: received / ((last - start) / 1000), received };
}

export const bench: Bench = {
  name: 'Datapoints: IAP/MQ updates to one subscriber, IAP/REST paged reads',
  async run(log) {
    log('starting the emulator with a fleet of SmartServers and its IAP/MQ broker…');
    const emulator = await startServer(['emulator']);
    const { url, mqttUrl, smartServers, devices, page } = emulator.info as {
      url: string;
      mqttUrl: string;
      smartServers: number;
      devices: number;
      page: { path: string; token: string; resources: unknown[] };
    };
    const minimal = await startServer(['minimal', JSON.stringify({ snapshot: 'x'.repeat(16), resources: page.resources, remainingPages: 2 })]).catch(
      async (error) => {
        await stop(emulator);
        throw error;
      },
    );
    try {
      // Three outputs per LON device take a new reading when a day passes.
      const expected = smartServers * devices * 3;
      // A first move, not counted, warms the publishing path up (the broker's and the emulator's code is compiled as it first runs).
      const rates: number[] = [];
      let lost = 0;
      await onLoadGeneratorCore(placement, async () => {
        log('warm-up clock move…');
        await publishRate(url, mqttUrl, expected);
        for (let move = 1; move <= MOVES; move++) {
          log(`clock move ${move} of ${MOVES}: ${expected.toLocaleString('en-US')} updates expected…`);
          const { rate, received } = await publishRate(url, mqttUrl, expected);
          if (received !== expected) log(`received ${received} of ${expected} updates`);
          lost += Math.max(0, expected - received);
          rates.push(rate);
        }
      });
      const read = (duration: number) =>
        autocannon({ url: `${url}${page.path}`, connections: 10, duration, headers: { authorization: `Bearer ${page.token}` } });
      const same = (duration: number) => autocannon({ url: `${minimal.info.url}${minimal.info.path}`, connections: 10, duration });
      const reads: AutocannonResult[] = [];
      const sameBytes: AutocannonResult[] = [];
      await onLoadGeneratorCore(placement, async () => {
        log('warm-up round: paged datapoint read, same-bytes route, 2 s each…');
        await read(2);
        await same(2);
        for (let r = 1; r <= ROUNDS; r++) {
          log(`round ${r} of ${ROUNDS}: paged datapoint read, same-bytes route, ${ROUND_SECONDS} s each…`);
          reads.push(await read(ROUND_SECONDS));
          sameBytes.push(await same(ROUND_SECONDS));
        }
      });
      const readRate = median(reads.map((r) => r.requests.average));
      const sameRate = median(sameBytes.map((r) => r.requests.average));
      const failed = reads.reduce((sum, r) => sum + r.non2xx + r.errors, 0);
      return {
        name: 'Datapoints: IAP/MQ updates to one subscriber, IAP/REST paged reads',
        figures: [
          {
            name: `IAP/MQ: datapoint updates to one subscriber of glp/0/+/ev/data, ${smartServers.toLocaleString('en-US')} SmartServers`,
            value: round(median(rates)),
            unit: 'msg/s',
            target: { op: '>=', value: 50_000 },
            note: `${expected.toLocaleString('en-US')} updates per virtual day (${devices} LON devices each, 3 outputs), median of ${MOVES} clock moves after one to warm up, counted as the subscriber receives them, from the move to the last one; embedded aedes broker on loopback; ${placement ? 'the emulator and the subscriber on a core each' : 'cores left to the scheduler'}`,
          },
          { name: 'IAP/MQ: updates the subscriber did not receive', value: lost, unit: 'messages', target: { op: '<=', value: 0 } },
          {
            name: 'IAP/REST: one page of 20 datapoints through a snapshot (?pg=1&sz=20&xs=…)',
            value: round(readRate),
            unit: 'req/s',
            note: `token checked, the page as rendered while nothing changed; median of ${ROUNDS} rounds of ${ROUND_SECONDS} s after a warm-up round, 10 connections; ${placement ? 'the servers and autocannon on a core each' : 'cores left to the scheduler'}`,
          },
          { name: 'IAP/REST: minimal Fastify route answering the same bytes', value: round(sameRate), unit: 'req/s' },
          { name: 'paged datapoint reads / same-bytes route', value: round(readRate / sameRate, 3), unit: '×', target: { op: '>=', value: 0.8 } },
          { name: 'paged datapoint reads: answers other than 2xx and errors', value: failed, unit: 'requests', target: { op: '<=', value: 0 } },
        ],
      };
    } finally {
      await Promise.all([stop(emulator), stop(minimal)]);
    }
  },
};
