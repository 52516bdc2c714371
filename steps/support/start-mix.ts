import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordedTransitions } from '../../emulator/kernel/coverage';
import type { LicensingCloudPort } from '../../emulator/kernel/ports';
import { buildApp } from '../../emulator/gateway/app';
import { createEmulator } from '../../emulator/runtime/emulator';
import { injectTransport } from '../../emulator/runtime/inject-transport';
import { startIapMq } from '../../emulator/runtime/iap-mq';
import { cloudClientKeyFor } from '../../emulator/runtime/cloud-client-key';
import { HttpLicensingCloud } from '../../emulator/services/licensing-cloud';
import { hasAdmin, placeKey, type Location, type Mix } from '../config/mix';
import { SYSTEMS, type SystemName } from '../config/systems';
import { globalFetch, type Transport } from '../drivers/http-client';
import type { TransitionCount } from '../drivers/surfaces';
import { registerSocketBase } from '../drivers/updates-socket';
import { loadCloudAdapter } from './driver-modules';
import { readReferenceData, seedReference, SEED_FILE, type ReferenceData } from './reference-data';

/** How the drivers reach one system of a running mix. */
export interface SystemEndpoint {
  /** Where its API answers. */
  baseUrl: string;
  /** How the API drivers' requests reach it: over the network, or handed to an emulator in this process. */
  transport: Transport;
  /** Where a browser opens its pages (an in-process emulator listens on loopback for them and for its WebSocket). */
  pagesUrl: string;
  /** Whether it has the emulator's control plane (reset, clock, fleet, faults). */
  admin: boolean;
  /** Where its IAP/MQ broker is, when the run started it and knows. */
  mqttUrl?: string;
  /**
   * Puts an emulator running in this process back to its seed by calling it, as its control plane's
   * reset would: resetting is the harness's own business, not a surface under test, so no request is sent for it.
   */
  resetInProcess?(): void;
  /** The machine transitions an emulator in this process made, read by calling it: the conformance report's business too, not a surface under test. */
  transitionsInProcess?(): TransitionCount[];
}

/** A mix whose systems are up. */
export interface RunningMix {
  mix: Mix;
  systems: Record<SystemName, SystemEndpoint>;
  /** Each distinct place with a control plane, once: what a reset resets and the coverage is read from. */
  controlPlanes: SystemEndpoint[];
  /**
   * The places to reset before a scenario about `systems`: all of theirs when each has a control
   * plane, none otherwise (state then carries over from scenario to scenario, as on real systems).
   */
  placesToReset(systems: readonly SystemName[]): SystemEndpoint[];
  reference: ReferenceData;
  /** Requests answered in this process, when a system is emulated here. */
  requestsAnswered?(): number;
  /** Milliseconds the emulators in this process took to answer those requests, added up. */
  timeAnswering?(): number;
  stop(): Promise<void>;
}

/** The address the in-process emulator's drivers send to; its transport hands every request to the emulator's app. */
export const IN_PROCESS_URL = 'http://sslab.in-process';

/**
 * The emulators a test run starts are throwaway and in memory, so their CMS and portal passwords
 * are hashed at the fast cost: the standard cost would spend most of the run hashing.
 */
const TEST_PASSWORD_COST = 'fast';

const readSeed = () => JSON.parse(readFileSync(SEED_FILE, 'utf8')) as unknown;

interface Place {
  endpoint: SystemEndpoint;
  requestsAnswered?(): number;
  timeAnswering?(): number;
  stop(): Promise<void>;
}

/** A transition count as GET /_emulator/coverage answers it, its fields in the answer's order, so counts from places read either way add up. */
const asAnswered = ({ machine, from, to, count, event }: TransitionCount): TransitionCount => ({
  machine,
  from,
  to,
  count,
  ...(event === undefined ? {} : { event }),
});

async function startInProcess(cloud?: () => LicensingCloudPort): Promise<Place> {
  const emulator = createEmulator({ dataFile: ':memory:', seed: readSeed(), passwordCost: TEST_PASSWORD_COST, cloud: cloud && (() => cloud()) });
  const app = buildApp(emulator);
  // inject has no WebSocket upgrade and a browser needs a socket, so the same application also listens on loopback.
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  registerSocketBase(IN_PROCESS_URL, address.replace(/^http/, 'ws'));
  const transport = injectTransport(app, IN_PROCESS_URL);
  const iapMq = await startIapMq(emulator, { admin: true });
  return {
    endpoint: {
      baseUrl: IN_PROCESS_URL,
      transport: transport.fetch,
      pagesUrl: address,
      admin: true,
      mqttUrl: iapMq.url,
      resetInProcess: () => emulator.reset(),
      transitionsInProcess: () => recordedTransitions(emulator.ctx.db).map(asAnswered),
    },
    requestsAnswered: () => transport.requestsAnswered(),
    timeAnswering: () => transport.timeAnswering(),
    async stop() {
      await iapMq.stop();
      await app.close();
      emulator.close();
    },
  };
}

/** Starts `sslab emulator` as a separate process on a free loopback port and reads its address. */
async function spawnEmulator(admin: boolean, tokenSecret: string): Promise<Place> {
  const bin = join(__dirname, '..', '..', 'bin', 'sslab.js');
  const args = [bin, 'emulator', '--port', '0', '--data-file', ':memory:', '--seed', SEED_FILE, '--quiet', ...(admin ? [] : ['--no-admin'])];
  const env = { ...process.env, SSLAB_PASSWORD_COST: process.env.SSLAB_PASSWORD_COST ?? TEST_PASSWORD_COST, SSLAB_TOKEN_SECRET: tokenSecret };
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  let mqttUrl: string | undefined;
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`the emulator did not start within 30 s:\n${out}${err}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      mqttUrl ??= /IAP\/MQ broker on (mqtt:\/\/\S+)/.exec(out)?.[1];
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited with code ${code} before it listened:\n${out}${err}`));
    });
  });
  return {
    endpoint: { baseUrl, transport: globalFetch, pagesUrl: baseUrl, admin, mqttUrl },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const atUrl = (location: Extract<Location, { kind: 'url' }>): Place => ({
  endpoint: { baseUrl: location.url, transport: globalFetch, pagesUrl: location.url, admin: location.admin },
  stop: async () => undefined,
});

/**
 * Starts what a mix places in this run and connects the rest: one emulator per distinct place, so
 * systems placed together share one; SmartServers emulated in this process apart from the vendor
 * side reach its cloud through the configured adapter, or over HTTP when the run spawned it.
 */
export async function startMix(mix: Mix): Promise<RunningMix> {
  const places = new Map<string, Place>();
  // The secret a spawned vendor side signs with, so SmartServers emulated here can present its cloud client key.
  const tokenSecret = randomBytes(32).toString('base64');
  const stopAll = async () => {
    for (const place of [...places.values()].reverse()) await place.stop();
  };
  try {
    // The vendor side first: SmartServers emulated apart from it need its address.
    for (const system of ['vendor', ...SYSTEMS.filter((s) => s !== 'vendor')] as SystemName[]) {
      const location = mix.systems[system];
      const key = placeKey(location);
      if (places.has(key)) continue;
      if (location.kind === 'url') places.set(key, atUrl(location));
      else if (location.kind === 'emulator') places.set(key, await spawnEmulator(location.admin, tokenSecret));
      else places.set(key, await startInProcess(system === 'smartservers' ? await cloudFor(mix, places, tokenSecret) : undefined));
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  const systems = Object.fromEntries(SYSTEMS.map((system) => [system, places.get(placeKey(mix.systems[system]))!.endpoint])) as Record<
    SystemName,
    SystemEndpoint
  >;
  const controlPlanes = [...places.values()].map((place) => place.endpoint).filter((endpoint) => endpoint.admin);
  const counters = [...places.values()].flatMap(({ requestsAnswered, timeAnswering }) =>
    requestsAnswered && timeAnswering ? [{ requestsAnswered, timeAnswering }] : [],
  );
  const sum = (count: (counter: (typeof counters)[number]) => number) => () => counters.reduce((total, counter) => total + count(counter), 0);
  return {
    mix,
    systems,
    controlPlanes,
    placesToReset: (about) => {
      const endpoints = [...new Set(about.map((system) => systems[system]))];
      return endpoints.every((endpoint) => endpoint.admin) ? endpoints : [];
    },
    reference: referenceFor(mix),
    requestsAnswered: counters.length > 0 ? sum((counter) => counter.requestsAnswered()) : undefined,
    timeAnswering: counters.length > 0 ? sum((counter) => counter.timeAnswering()) : undefined,
    stop: stopAll,
  };
}

/** The SmartServers' way to the cloud when they are emulated here: undefined when the vendor side is this same emulator. */
async function cloudFor(mix: Mix, places: Map<string, Place>, tokenSecret: string): Promise<(() => LicensingCloudPort) | undefined> {
  const vendor = mix.systems.vendor;
  if (placeKey(vendor) === placeKey(mix.systems.smartservers)) return undefined;
  const vendorUrl = places.get(placeKey(vendor))!.endpoint.baseUrl;
  if (mix.cloudAdapter) {
    const port = await loadCloudAdapter(mix.cloudAdapter, { vendorUrl });
    return () => port;
  }
  // A vendor side this run spawned: its cloud client key derives from the secret it was given.
  const key = cloudClientKeyFor(tokenSecret);
  return () => new HttpLicensingCloud(vendorUrl, key);
}

/**
 * What the systems hold before any scenario: the seed, where the run seeded every system itself;
 * else the reference data the target names (its file, SSLAB_* variables), falling back to the
 * seed where some system is one the run seeded.
 */
function referenceFor(mix: Mix): ReferenceData {
  const locations = SYSTEMS.map((system) => mix.systems[system]);
  if (locations.every((location) => location.kind !== 'url' && hasAdmin(location))) return seedReference();
  if (locations.every((location) => location.kind === 'url' && location.admin)) return seedReference();
  const env = mix.reference ? { ...process.env, SSLAB_REFERENCE_FILE: mix.reference } : process.env;
  const seededHere = locations.some((location) => location.kind !== 'url');
  return readReferenceData(env, seededHere ? seedReference() : undefined);
}
