import { type ChildServer, startChildServer } from './child-server';
import { corePlacement, onLoadGeneratorCore } from './core-placement';
import { withProcessCpu } from './process-cpu';
import type { Bench, BenchFigure } from './types';

/**
 * API throughput and latency over loopback, measured with autocannon beside a minimal Fastify
 * route of the same Fastify version, each server in its own child process set up the same way
 * (node with the project's TypeScript register), in the same run. The read is a SmartServer's
 * device list (/iap/devs, an Owner's token); the write is ACTIVATE from the cloud, each request
 * activating another license of a large pool on one of 200 SmartServers; then ACTIVATE and Transfer
 * to Cloud in turn, each connection on a SmartServer of its own. The reads and the minimal
 * routes take turns over a few short rounds and the median round counts, since whatever else runs
 * on the machine varies from round to round.
 */
// autocannon ships no types; these are the parts used here.
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  /** `context` is the connection's own object, kept from one request of the list to the next (and emptied when the list starts again). */
  setupRequest?: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;

const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 5);
/** The reads are measured in rounds of this many seconds, taking turns. */
const ROUND_SECONDS = 2;
const ROUNDS = 5;
const CONNECTIONS = 10;

const placement = corePlacement();

const startServer = (mode: 'minimal' | 'emulator') => startChildServer(placement, 'api-server.child.ts', [mode], `${mode} server`, 120_000);

async function stop(child: ChildServer): Promise<void> {
  if (child.process.exitCode !== null) return;
  const ended = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.kill('SIGTERM');
  await ended;
}

async function measure(url: string, requests: AutocannonRequest[], headers: Record<string, string>, seconds: number): Promise<AutocannonResult> {
  return onLoadGeneratorCore(placement, () => autocannon({ url, connections: CONNECTIONS, pipelining: 1, headers, requests, duration: seconds }));
}

/** The run whose throughput is the median of the rounds: the machine's other load varies from round to round. */
function medianRun(runs: AutocannonResult[]): AutocannonResult {
  return [...runs].sort((a, b) => a.requests.average - b.requests.average)[Math.floor(runs.length / 2)];
}

const round = (v: number, digits = 0) => Math.round(v * 10 ** digits) / 10 ** digits;

function figures(label: string, r: AutocannonResult, seconds: number, unitNote: string): BenchFigure[] {
  const failed = r.non2xx + r.errors + r.timeouts;
  return [
    {
      name: `${label}: throughput`,
      value: round(r.requests.average),
      unit: 'req/s',
      note: `${r.requests.total.toLocaleString('en-US')} requests in ${seconds} s, ${CONNECTIONS} connections; ${unitNote}`,
    },
    { name: `${label}: latency p50`, value: round(r.latency.p50, 2), unit: 'ms' },
    { name: `${label}: latency p99`, value: round(r.latency.p99, 2), unit: 'ms' },
    { name: `${label}: answers other than 2xx, errors and timeouts`, value: failed, unit: 'requests', target: { op: '<=', value: 0 } },
  ];
}

/** Microseconds of a server's CPU time per request answered. */
const microsecondsPerRequest = (seconds: number, requests: number) => round((seconds * 1e6) / Math.max(1, requests), 1);

/**
 * The emulator's CPU time per ACTIVATE and the minimal server's per request, each process's own
 * (every thread): steadier than requests a second where other work shares the machine, and the
 * first to show what a change to the write path saved. Shown where /proc tells them.
 */
function cpuPerRequest(writeSeconds: number | undefined, writeRequests: number, minimal: { seconds: number; requests: number; known: boolean }): BenchFigure[] {
  if (writeSeconds === undefined || !minimal.known) return [];
  const write = microsecondsPerRequest(writeSeconds, writeRequests);
  const baseline = microsecondsPerRequest(minimal.seconds, minimal.requests);
  return [
    { name: 'write: server CPU per ACTIVATE', value: write, unit: 'µs', note: "the emulator process's CPU time over the write run, per request" },
    { name: 'minimal route: server CPU per request', value: baseline, unit: 'µs', note: `over its ${ROUNDS} rounds` },
    {
      name: 'write server CPU per request / minimal route server CPU per request',
      value: round(write / baseline, 2),
      unit: '×',
      note: 'shown, not held to a target; the 0.15× throughput target is about 6.7× in these terms',
    },
  ];
}

export const bench: Bench = {
  name: 'API throughput and latency over loopback (autocannon)',
  async run(log) {
    log('starting the minimal Fastify server and the emulator (SmartServers and a pool of licenses)…');
    const minimal = await startServer('minimal');
    const emulator = await startServer('emulator').catch(async (error) => {
      await stop(minimal);
      throw error;
    });
    try {
      const { url, read, writers, licenseIds } = emulator.info as {
        url: string;
        read: { path: string; token: string; devices: number };
        writers: { installCode: string; token: string }[];
        licenseIds: string[];
      };
      const reads: Record<'minimal' | 'sized' | 'read', AutocannonResult[]> = { minimal: [], sized: [], read: [] };
      // The minimal server's CPU time over its rounds, for the CPU each write costs beside it.
      const minimalCpu = { seconds: 0, requests: 0, known: true };
      const cases = {
        minimal: async () => {
          const { result, cpuSeconds } = await withProcessCpu(minimal.process.pid, () =>
            measure(minimal.info.url, [{ method: 'GET', path: minimal.info.path }], {}, ROUND_SECONDS),
          );
          if (cpuSeconds === undefined) minimalCpu.known = false;
          minimalCpu.seconds += cpuSeconds ?? 0;
          minimalCpu.requests += result.requests.total;
          return result;
        },
        sized: () => measure(minimal.info.url, [{ method: 'GET', path: minimal.info.sized }], {}, ROUND_SECONDS),
        read: () => measure(url, [{ method: 'GET', path: read.path }], { authorization: `Bearer ${read.token}` }, ROUND_SECONDS),
      };
      log('warming up…');
      for (const run of Object.values(cases)) await run();
      // The three reads take turns, so a burst of other load on the machine falls on all of them alike.
      for (let round = 1; round <= ROUNDS; round++) {
        log(`round ${round} of ${ROUNDS}: minimal route, same-bytes route, device list, ${ROUND_SECONDS} s each…`);
        for (const [name, run] of Object.entries(cases)) reads[name as keyof typeof reads].push(await run());
      }
      const baseline = medianRun(reads.minimal);
      const sized = medianRun(reads.sized);
      const deviceReads = medianRun(reads.read);
      log(`emulator: activating licenses from a pool of ${licenseIds.length.toLocaleString('en-US')}, ${SECONDS} s…`);
      // The last SmartServers and licenses are kept for the ACTIVATE-then-Transfer round trips below.
      const returners = writers.slice(-CONNECTIONS);
      const returnLicense = licenseIds.slice(-CONNECTIONS);
      const activators = writers.slice(0, -CONNECTIONS);
      const pool = licenseIds.slice(0, -CONNECTIONS);
      let next = 0;
      const activation: AutocannonRequest = {
        method: 'POST',
        setupRequest(request) {
          const i = next++;
          const writer = activators[i % activators.length];
          return {
            ...request,
            path: `/smartservers/${writer.installCode}/iap/lic/cloud/download`,
            headers: { ...request.headers, authorization: `Bearer ${writer.token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ licenseIds: [pool[i % pool.length]] }),
          };
        },
      };
      await measure(url, [activation], {}, 1);
      const { result: writes, cpuSeconds: writeCpu } = await withProcessCpu(emulator.process.pid, () => measure(url, [activation], {}, SECONDS));
      if (next > pool.length) log(`the pool of ${pool.length} licenses ran out after ${pool.length} activations: later requests were refused`);
      // Each connection activates a license on a SmartServer of its own, then transfers it back to the cloud: the license returns to the pool.
      log(`emulator: ACTIVATE then Transfer to Cloud, each connection on its own SmartServer, ${SECONDS} s…`);
      // A SmartServer is taken by a connection for one round trip and given back once its licenses are: never two at once.
      const free = returners.map((_, k) => k);
      const activateOwn: AutocannonRequest = {
        method: 'POST',
        setupRequest(request, context) {
          const k = free.shift() ?? 0;
          context.k = k;
          return {
            ...request,
            path: `/smartservers/${returners[k].installCode}/iap/lic/cloud/download`,
            headers: { ...request.headers, authorization: `Bearer ${returners[k].token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ licenseIds: [returnLicense[k]] }),
          };
        },
      };
      const transferBack: AutocannonRequest = {
        method: 'POST',
        setupRequest(request, context) {
          const k = context.k as number;
          return {
            ...request,
            path: `/smartservers/${returners[k].installCode}/iap/lic/cloud/upload`,
            headers: { ...request.headers, authorization: `Bearer ${returners[k].token}` },
          };
        },
        onResponse(_status, _body, context) {
          free.push(context.k as number);
        },
      };
      const roundTrips = await measure(url, [activateOwn, transferBack], {}, SECONDS);
      const ratio = (r: AutocannonResult) => round(r.requests.average / baseline.requests.average, 3);
      return {
        name: 'API throughput and latency over loopback (autocannon)',
        figures: [
          ...figures(
            'minimal Fastify route GET /hello',
            baseline,
            ROUND_SECONDS,
            `the framework on its own, same process setup; median of ${ROUNDS} rounds; ${placement ? `servers on core ${placement.server}, load generator on core ${placement.loadGenerator}` : 'servers and load generator share the cores'}`,
          ),
          ...figures(
            `read: GET a SmartServer's ${read.devices} devices (/iap/devs)`,
            deviceReads,
            ROUND_SECONDS,
            `token checked, devices derived from the store; median of ${ROUNDS} rounds`,
          ),
          {
            name: 'read throughput / minimal route throughput',
            value: ratio(deviceReads),
            unit: '×',
            note: 'shown, not held to a target: the read answers kilobytes, the minimal route 17 bytes; the target is on the same-bytes ratio below',
          },
          ...figures(
            `minimal Fastify route answering a constant list of ${read.devices} devices (same bytes as the read)`,
            sized,
            ROUND_SECONDS,
            "what the framework alone costs for the read's bytes",
          ).slice(0, 1),
          {
            name: 'read throughput / same-bytes minimal route throughput',
            value: round(deviceReads.requests.average / sized.requests.average, 3),
            unit: '×',
            target: { op: '>=', value: 0.9 },
            note: "the share of the gap that is the emulator's own work rather than the size of the answer",
          },
          ...figures(
            'write: ACTIVATE one license from the cloud (/iap/lic/cloud/download)',
            writes,
            SECONDS,
            "one SQLite transaction each, over 200 SmartServers; the emulator as `sslab emulator --data-file :memory:` serves (IAP/MQ broker up, nobody subscribed); with the CLI's default data file each write also goes to SQLite's write-ahead log and costs more",
          ),
          {
            ...figures('write: ACTIVATE one license from the cloud (/iap/lic/cloud/download)', writes, SECONDS, '')[0],
            name: 'write throughput against its target',
            target: { op: '>=', value: 10_000 },
            note: 'the same figure as above, held to the target of 10,000 activations a second',
          },
          { name: 'write throughput / minimal route throughput', value: ratio(writes), unit: '×', target: { op: '>=', value: 0.15 } },
          ...cpuPerRequest(writeCpu, writes.requests.total, minimalCpu),
          ...figures(
            'write: ACTIVATE then Transfer to Cloud (/iap/lic/cloud/download, /iap/lic/cloud/upload), requests of both',
            roundTrips,
            SECONDS,
            `${CONNECTIONS} SmartServers, one per connection, each activating one license and giving it back in turn`,
          ),
        ],
      };
    } finally {
      await Promise.all([stop(minimal), stop(emulator)]);
    }
  },
};
