import { licensedDeviceCount } from '../../models/smartserver';
import { apiSurfaces } from '../drivers/api';
import { HttpClient, type Transport } from '../drivers/http-client';
import { keepAliveTransport } from '../drivers/keep-alive-transport';
import type { CmsSession } from '../drivers/surfaces';

/**
 * A licensing storm: every SmartServer of a fleet saves its Customer ID, downloads and activates a
 * license from the cloud, and transfers it back, all at once, through the SmartServer REST paths the
 * suite's API drivers use. What a vendor's QA runs against a cloud before a release that makes every
 * SmartServer re-check its licenses. Afterwards the fleet is checked whole: no license active on two
 * SmartServers, no SmartServer licensing more devices than its capacity admits, every device in
 * the colour its capacity gives.
 */

export interface StormOptions {
  url: string;
  fleet: string;
  /**
   * The fleet's CMS password: the one its description gives, or the one its creation answered with.
   * It is stored hashed, so no later read of the fleet shows it.
   */
  password: string;
  /** Requests in flight at once (each SmartServer's steps run in order). */
  concurrency?: number;
  /** The capacity license every SmartServer activates. */
  model?: string;
  /** How requests go: kept-alive node:http connections unless given (steps/drivers/keep-alive-transport.ts). */
  transport?: Transport;
  log?: (line: string) => void;
}

export interface StormPhase {
  phase: string;
  requests: number;
  ms: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface StormResult {
  smartServers: number;
  phases: StormPhase[];
  /** Whole-fleet invariants broken, after activation and after the return; empty when all hold. */
  violations: string[];
  /** Licenses held across the fleet after activation (one each) and after the return (none). */
  heldAfterActivation: number;
  heldAfterReturn: number;
}

interface Member {
  installCode: string;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Tells how far a run over `total` items is, a tenth at a time. */
type Progress = (done: number, total: number) => void;

/** Runs `work` for every item with at most `limit` at once; the time each took, in ms. */
async function storm<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>, progress?: Progress): Promise<number[]> {
  const times = new Array<number>(items.length);
  let next = 0;
  let done = 0;
  let told = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      const started = performance.now();
      await work(items[i], i);
      times[i] = performance.now() - started;
      done += 1;
      const tenth = Math.floor((done * 10) / items.length);
      if (progress && tenth > told && done < items.length) {
        told = tenth;
        progress(done, items.length);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return times;
}

const counted = (n: number) => n.toLocaleString('en-US');

/** Logs how far a phase is, with the rate so far. */
function progressLog(log: (line: string) => void, name: string): Progress {
  const started = performance.now();
  return (done, total) => log(`  ${name}: ${counted(done)} of ${counted(total)} (${Math.round((done * 1000) / (performance.now() - started))} per second)`);
}

async function phase<T>(
  phases: StormPhase[],
  name: string,
  items: T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
  log: (line: string) => void,
): Promise<void> {
  const started = performance.now();
  const times = (await storm(items, limit, work, progressLog(log, name))).sort((a, b) => a - b);
  const ms = performance.now() - started;
  const round = (v: number) => Math.round(v * 10) / 10;
  const done: StormPhase = {
    phase: name,
    requests: items.length,
    ms: Math.round(ms),
    perSecond: round((items.length * 1000) / ms),
    p50Ms: round(percentile(times, 50)),
    p99Ms: round(percentile(times, 99)),
  };
  phases.push(done);
  log(`${name}: ${counted(done.requests)} in ${(done.ms / 1000).toFixed(1)} s, ${done.perSecond} per second, p50 ${done.p50Ms} ms, p99 ${done.p99Ms} ms`);
}

/** Checks the whole fleet; `expectHeld` is how many licenses each SmartServer should hold. */
async function checkFleet(
  surfaces: ReturnType<typeof apiSurfaces>,
  sessions: CmsSession[],
  limit: number,
  expectHeld: number,
  when: string,
  log: (line: string) => void,
): Promise<{ held: number; violations: string[] }> {
  const owners = new Map<string, string>();
  const violations: string[] = [];
  let held = 0;
  log(`checking the whole fleet ${when}: licenses, dashboard and devices of each SmartServer`);
  await storm(
    sessions,
    limit,
    async (session) => {
      const [licenses, board, devices] = await Promise.all([
        surfaces.cms.manageLicenses(session),
        surfaces.cms.dashboard(session),
        surfaces.devices.list(session),
      ]);
      const code = session.installCode;
      held += licenses.length;
      if (licenses.length !== expectHeld) violations.push(`${when}: ${code} holds ${licenses.length} licenses, not ${expectHeld}`);
      for (const l of licenses) {
        const other = owners.get(l.licenseId);
        if (other) violations.push(`${when}: license ${l.licenseId} is active on ${other} and ${code}`);
        owners.set(l.licenseId, code);
      }
      const admitted = board.licenseManagement ? licensedDeviceCount(board.capacity, board.definedDevices) : board.definedDevices;
      if (board.licenseManagement && board.licensedDevices > board.capacity)
        violations.push(`${when}: ${code} licenses ${board.licensedDevices} devices on a capacity of ${board.capacity}`);
      if (board.licensedDevices !== admitted)
        violations.push(`${when}: ${code} licenses ${board.licensedDevices} devices; its capacity ${board.capacity} admits ${admitted}`);
      const purple = devices.filter((d) => d.colour === 'purple').length;
      const licensed = devices.filter((d) => d.licensed).length;
      if (licensed !== admitted) violations.push(`${when}: ${code} shows ${licensed} devices licensed; its capacity admits ${admitted}`);
      if (purple !== devices.length - admitted) violations.push(`${when}: ${code} shows ${purple} purple devices, not ${devices.length - admitted}`);
      const wrong = devices.filter((d) => d.licensed === (d.colour === 'purple'));
      if (wrong.length > 0) violations.push(`${when}: ${code} has ${wrong.length} devices whose colour disagrees with their license`);
    },
    progressLog(log, `checking ${when}`),
  );
  return { held, violations };
}

export async function licensingStorm(options: StormOptions): Promise<StormResult> {
  const limit = options.concurrency ?? 64;
  // The fleet check sends three requests per SmartServer at once.
  const own = options.transport ? undefined : keepAliveTransport(3 * limit);
  try {
    return await stormWith(options, own ?? options.transport!, limit);
  } finally {
    own?.close();
  }
}

async function stormWith(options: StormOptions, transport: Transport, limit: number): Promise<StormResult> {
  const http = new HttpClient(options.url.replace(/\/$/, ''), transport);
  const surfaces = apiSurfaces(http.baseUrl, transport);
  const log = options.log ?? (() => undefined);
  const fleetPath = `/_emulator/fleets/${encodeURIComponent(options.fleet)}`;
  const { password } = options;
  if (!password) throw new Error(`fleet ${options.fleet}: give its CMS password (shown once when the fleet was made)`);
  // Names the fleet when it is not there.
  await http.call('GET', fleetPath);
  // A page at a time: a fleet may hold a hundred thousand.
  const members = await http.all<Member>(`${fleetPath}/smartservers`);
  const count = members.length;

  // One capacity license per SmartServer, bought for one new customer project and handed to it.
  const stamp = Date.now().toString(36);
  log(`ordering ${count} ${options.model ?? '72220-50'} licenses for the storm's customer`);
  const licenseIds: string[] = [];
  let customerId = '';
  for (let first = 0, po = 0; first < count; first += 50_000, po++) {
    const quantity = Math.min(50_000, count - first);
    const lines = Array.from({ length: Math.ceil(quantity / 1000) }, (_, i) => ({
      model: options.model ?? '72220-50',
      quantity: Math.min(1000, quantity - i * 1000),
    }));
    const order = await http.call<{ customer?: { customerId: string }; licenses: { licenseId: string }[] }>('POST', '/backoffice/api/orders', {
      body: {
        poNumber: `STORM-${stamp}-${po}`,
        partner: { name: 'Storm Controls', email: 'licensing@storm-controls.example' },
        lines,
        customer: `Storm ${stamp}`,
      },
    });
    customerId = order.customer!.customerId;
    licenseIds.push(...order.licenses.map((l) => l.licenseId));
  }

  const phases: StormPhase[] = [];
  const sessions: CmsSession[] = new Array(count);
  log(`${count} SmartServers log in, save Customer ID ${customerId}, activate and transfer back, ${limit} at a time`);
  const run = <T>(name: string, items: T[], work: (item: T, index: number) => Promise<void>) => phase(phases, name, items, limit, work, log);
  await run('log in', members, async (m, i) => {
    sessions[i] = await surfaces.cms.logIn(m.installCode, 'owner', password);
  });
  await run('save Customer ID', sessions, (s) => surfaces.cloud.saveCustomerId(s, customerId));
  await run('download and activate', sessions, (s, i) => surfaces.cloud.activate(s, [licenseIds[i]]));
  const afterActivation = await checkFleet(surfaces, sessions, limit, 1, 'after activation', log);
  await run('transfer to cloud', sessions, (s) => surfaces.cloud.transferToCloud(s));
  const afterReturn = await checkFleet(surfaces, sessions, limit, 0, 'after the return', log);
  return {
    smartServers: count,
    phases,
    violations: [...afterActivation.violations, ...afterReturn.violations],
    heldAfterActivation: afterActivation.held,
    heldAfterReturn: afterReturn.held,
  };
}
