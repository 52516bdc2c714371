import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * A bounded soak of the emulator as a team's shared server sees it: users at once, each a partner
 * with its own order, customer and SmartServer, looping through reads (My Inventory, search, the
 * cloud list, the dashboard, the customer portal) and writes (transfers, online activations,
 * returns), for a fixed time. Half-way the emulator is killed with SIGKILL and started again on the
 * same data file. Every minute it prints the requests answered, the emulator's resident memory and
 * whether the invariants hold; at the end it compares the last minute with the first.
 *
 *   node -r ./bin/register.js bench/soak.ts [--minutes 10] [--users 20] [--licenses 400]
 *
 * Loopback only; it stops by itself. Not part of `npm test`. Exits 1 when an invariant broke, a
 * request answered 5xx, an answered write was lost, or throughput or memory drifted past bounds.
 */

const ROOT = join(__dirname, '..');
const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) {
    console.error(`soak: --${name} must be a whole number of 1 or more; it was ${process.argv[at + 1]}`);
    process.exit(2);
  }
  return value;
};
const MINUTES = arg('minutes', 10);
const USERS = arg('users', 20);
const MINUTE_MS = Number(process.env.SOAK_MINUTE_MS ?? 60_000);
/** Licenses each user's order holds: the transfers run out after as many rounds, and the activations go on with returned licenses. */
const LICENSES_PER_USER = arg('licenses', 400);

interface Emulator {
  child: ChildProcess;
  url: string;
}

const dir = mkdtempSync(join(tmpdir(), 'sslab-soak-'));
const dataFile = join(dir, 'soak.sqlite');
/** Every emulator process started, so that no way out of the soak leaves one running. */
const children = new Set<ChildProcess>();

function startEmulator(): Promise<Emulator> {
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'bin', 'sslab.js'),
      'emulator',
      '--port',
      '0',
      '--data-file',
      dataFile,
      '--password-cost',
      'fast',
      '--log',
      join(dir, 'emulator.log'),
      '--quiet',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.add(child);
  child.once('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (\S+)/.exec(out);
      if (match) resolve({ child, url: match[1] });
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited with ${code} before it listened`)));
  });
}

function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

let emulator: Emulator;
let restarting: Promise<void> | undefined;
const counts = { answered: 0, serverErrors: 0, refused: 0, unreachable: 0 };
/** Time spent per operation (IDs taken out of the path), to tell which one a slowdown comes from. */
const timings = new Map<string, { count: number; ms: number }>();
/** The same for the minute under way, so a minute that slows down says which operation did. */
let minuteTimings = new Map<string, { count: number; ms: number }>();
const meanMs = (t: { count: number; ms: number }) => Math.round((t.ms / t.count) * 10) / 10;
const operationOf = (method: string, path: string) =>
  `${method} ${path
    .split('?')[0]
    .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '{id}')
    .replace(/\/smartservers\/[0-9a-z]{7}/, '/smartservers/{code}')}`;

/**
 * One request; when the emulator cannot be reached (it is being restarted) it is sent again.
 * `resent` says so: a write whose first answer was lost may have been applied before the kill, so a
 * refusal of the second attempt does not mean the first failed.
 */
async function call<T = any>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T; resent: boolean }> {
  for (let attempt = 0; attempt < 50; attempt++) {
    if (restarting) await restarting;
    try {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (token) headers.authorization = `Bearer ${token}`;
      const sent = performance.now();
      const response = await fetch(`${emulator.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      const took = performance.now() - sent;
      for (const table of [timings, minuteTimings]) {
        const timing = table.get(operationOf(method, path)) ?? { count: 0, ms: 0 };
        timing.count += 1;
        timing.ms += took;
        table.set(operationOf(method, path), timing);
      }
      counts.answered += 1;
      if (response.status >= 500) {
        counts.serverErrors += 1;
        console.error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
      } else if (response.status >= 400) counts.refused += 1;
      return { status: response.status, body: text ? JSON.parse(text) : undefined, resent: attempt > 0 };
    } catch {
      // The emulator is being restarted: wait for it and send again.
      counts.unreachable += 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${method} ${path} found no emulator after 50 tries`);
}

async function ok<T = any>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const answer = await call<T>(method, path, body, token);
  if (answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
  return answer.body;
}

/**
 * A write that may have been applied although its answer was lost in the restart: a 2xx is its
 * answer; a 409 to the resent request is handed to `settle`, which finds out from the emulator what
 * became of it. Anything else fails the soak as `ok` does.
 */
async function write<T = any>(
  method: string,
  path: string,
  body: unknown,
  token: string,
  settle: (refusal: any) => Promise<T | undefined>,
): Promise<T | undefined> {
  const answer = await call<T>(method, path, body, token);
  if (answer.status < 300) return answer.body;
  if (answer.resent && answer.status === 409) return settle(answer.body);
  throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
}

/** What the users were told happened; after the restart every bit of it must still be there. */
const answeredTransfers = new Map<string, string>();

interface User {
  u: number;
  partner: string;
  installCode: string;
  cms: string;
  licenses: string[];
  /** The next of `licenses` to transfer to the customer. */
  next: number;
  customerId: string;
  /** How many licenses the SmartServer holds, as its answers said. */
  held: number;
}

/**
 * Transfers the user's next license to its customer. A transfer resent after the restart and
 * refused as retired was made before the kill: the refusal names the License ID it made.
 */
async function transferNext(
  user: Pick<User, 'u' | 'partner' | 'licenses' | 'next'> & { customerId?: string },
): Promise<{ licenseId: string; customerId: string }> {
  const original = user.licenses[user.next++];
  const moved = await write(
    'POST',
    `/partner/api/licenses/${original}/transfers`,
    {
      customerName: `Soak Customer ${user.u}`,
      transferTo: 'Customer',
      ...(user.customerId ? {} : { newAccount: { contactEmail: `soak-${user.u}@customer.example` } }),
    },
    user.partner,
    async (refusal) =>
      refusal.code === 'license-retired' && user.customerId
        ? { license: { licenseId: refusal.successorId as string }, customer: { customerId: user.customerId } }
        : undefined,
  );
  if (!moved) throw new Error(`the transfer of ${original} was resent after the restart and refused, and nothing tells what became of it`);
  answeredTransfers.set(original, moved.license.licenseId);
  return { licenseId: moved.license.licenseId, customerId: moved.customer.customerId };
}

async function setUp(u: number): Promise<User> {
  const order = await ok('POST', '/backoffice/api/orders', {
    poNumber: `SOAK-${u}`,
    partner: { email: `soak-${u}@partner.example` },
    lines: [{ model: '72220-10', quantity: LICENSES_PER_USER }],
  });
  const partner = (await ok('POST', '/partner/api/session', order.credentials)).token;
  const server = await ok('POST', '/_emulator/smartservers', {
    users: [{ username: 'owner', userType: 'Owner', password: 'soak-owner-password' }],
    devices: { lon: 5 },
  });
  const cms = (await ok('POST', `/smartservers/${server.installCode}/login`, { username: 'owner', password: 'soak-owner-password' })).token;
  const licenses = order.licenses.map((l: { licenseId: string }) => l.licenseId);
  // The first transfer makes the customer, whose Customer ID the SmartServer saves once.
  const first = await transferNext({ u, partner, licenses, next: 0 });
  await ok('PUT', `/smartservers/${server.installCode}/iap/lic/accounts`, { customerId: first.customerId }, cms);
  return { u, partner, installCode: server.installCode, cms, licenses, next: 1, customerId: first.customerId, held: 0 };
}

/** How many licenses the SmartServer holds, asked of it (after a write whose outcome was lost). */
async function heldNow(user: User): Promise<number> {
  return (await ok<unknown[]>('GET', `/smartservers/${user.installCode}/iap/lic`, undefined, user.cms)).length;
}

/**
 * One round of a user's work: reads (My Inventory, search, the cloud's list, the dashboard), a
 * transfer while the user has licenses left to transfer, an activation of a license the cloud
 * offers, every fifth round a return of what the SmartServer holds, and now and then the customer
 * portal. Once every license is transferred, the activations take the licenses returned earlier,
 * so the rounds keep the same mix however long the soak runs.
 */
async function round(user: User, n: number): Promise<void> {
  const base = `/smartservers/${user.installCode}`;
  await ok('GET', '/partner/api/inventory?limit=50', undefined, user.partner);
  await ok('GET', '/partner/api/search?onlyAvailable=true&limit=20', undefined, user.partner);
  const transferred = user.next < user.licenses.length ? await transferNext(user) : undefined;
  const offered = await ok<{ licenseId: string }[]>('GET', `${base}/iap/lic/cloud?limit=20`, undefined, user.cms);
  const take = transferred?.licenseId ?? offered[0]?.licenseId;
  if (take) {
    const activated = await write('POST', `${base}/iap/lic/cloud/download`, { licenseIds: [take] }, user.cms, async () => undefined);
    user.held = activated ? user.held + 1 : await heldNow(user);
  }
  await ok('GET', `${base}/dashboard`, undefined, user.cms);
  if (n % 5 === 4 && user.held > 0) {
    const returned = await write('POST', `${base}/iap/lic/cloud/upload`, undefined, user.cms, async () => undefined);
    user.held = returned ? 0 : await heldNow(user);
  }
  if (n % 10 === 0) {
    const session = await ok('POST', '/customer/api/session', { email: `soak-${user.u}@customer.example` });
    await ok('GET', '/customer/api/licenses', undefined, session.token);
  }
}

/** What must hold at any moment, read from the data file itself. */
function invariants(): string[] {
  const db = new Database(dataFile, { readonly: true, fileMustExist: true });
  try {
    const broken: string[] = [];
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const activeNotHeld = n(
      "SELECT count(*) AS n FROM licenses l WHERE l.state = 'active' AND NOT EXISTS (SELECT 1 FROM held_licenses h WHERE h.license_id = l.id AND h.install_code = l.install_code)",
    );
    if (activeNotHeld) broken.push(`${activeNotHeld} licenses active in the cloud that no SmartServer holds`);
    const heldNotActive = n(
      "SELECT count(*) AS n FROM held_licenses h JOIN licenses l ON l.id = h.license_id WHERE l.state <> 'active' OR l.install_code IS NOT h.install_code",
    );
    if (heldNotActive) broken.push(`${heldNotActive} licenses held by a SmartServer the cloud does not bind them to`);
    const state = db.prepare<[string], { state: string }>('SELECT state FROM licenses WHERE id = ?');
    let lost = 0;
    let unretired = 0;
    for (const [original, successor] of answeredTransfers) {
      if (!state.get(successor)) lost += 1;
      if (state.get(original)?.state !== 'retired') unretired += 1;
    }
    if (lost) broken.push(`${lost} answered transfers lost`);
    if (unretired) broken.push(`${unretired} transferred License IDs no longer retired`);
    return broken;
  } finally {
    db.close();
  }
}

interface MinuteFigures {
  minute: number;
  requests: number;
  perSecond: number;
  residentMb: number;
  invariants: string;
  /** Mean answer time of each operation in this minute, slowest first. */
  operations: Record<string, { count: number; meanMs: number }>;
}

async function main(): Promise<number> {
  const started = Date.now();
  emulator = await startEmulator();
  const users = await Promise.all(Array.from({ length: USERS }, (_, u) => setUp(u)));
  console.log(`soak: ${USERS} users, ${MINUTES} minutes of ${MINUTE_MS / 1000} s, emulator at ${emulator.url} (data file in ${dir})`);
  minuteTimings = new Map(); // the set-up's requests belong to no minute
  // Moved on by the restart's downtime, so the minutes after it are whole minutes of serving.
  let deadline = Date.now() + MINUTES * MINUTE_MS;
  // The first user that fails stops the soak at once: the others stop after their round, and the
  // minute loop below wakes up to report it.
  let failure: unknown;
  let failed!: () => void;
  const aFailure = new Promise<void>((resolve) => {
    failed = resolve;
  });
  const loops = users.map(async (user) => {
    try {
      for (let n = 0; Date.now() < deadline && failure === undefined; n++) await round(user, n);
    } catch (error) {
      failure ??= error;
      failed();
    }
  });
  const stopIfFailed = () => {
    if (failure !== undefined) throw failure;
  };

  const minutes: MinuteFigures[] = [];
  const problems: string[] = [];
  let killedAt: number | undefined;
  let before = counts.answered;
  // Each minute's rate is over the time the emulator served in it: the restart's downtime is left out.
  let windowStart = deadline - MINUTES * MINUTE_MS;
  for (let minute = 1; minute <= MINUTES; minute++) {
    let downMs = 0;
    let wait: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise((resolve) => {
        wait = setTimeout(resolve, Math.max(0, deadline - (MINUTES - minute) * MINUTE_MS - Date.now()));
      }),
      aFailure,
    ]);
    clearTimeout(wait);
    stopIfFailed();
    if (minute === Math.ceil(MINUTES / 2) && killedAt === undefined) {
      // Half-way: kill the emulator outright and start it again on the same file.
      killedAt = minute;
      const killed = Date.now();
      restarting = (async () => {
        const exited = new Promise((resolve) => emulator.child.once('exit', resolve));
        emulator.child.kill('SIGKILL');
        await exited;
        emulator = await startEmulator();
      })();
      await restarting;
      restarting = undefined;
      downMs = Date.now() - killed;
      deadline += downMs;
    }
    const broken = invariants();
    problems.push(...broken.map((b) => `minute ${minute}: ${b}`));
    const requests = counts.answered - before;
    before = counts.answered;
    const servedMs = Math.max(1, Date.now() - windowStart - downMs);
    windowStart = Date.now();
    const figures = {
      minute,
      requests,
      perSecond: Math.round(requests / (servedMs / 1000)),
      residentMb: residentMb(emulator.child.pid!),
      invariants: broken.length ? broken.join('; ') : 'hold',
      operations: Object.fromEntries(
        [...minuteTimings].sort((a, b) => meanMs(b[1]) - meanMs(a[1])).map(([name, t]) => [name, { count: t.count, meanMs: meanMs(t) }]),
      ),
    };
    minuteTimings = new Map();
    const [slowest, slowestTiming] = Object.entries(figures.operations)[0] ?? ['none', { meanMs: 0 }];
    minutes.push(figures);
    console.log(
      `minute ${String(minute).padStart(2)}: ${String(figures.perSecond).padStart(5)} requests/s, emulator ${figures.residentMb} MB resident, slowest ${slowest} ${slowestTiming.meanMs} ms, invariants ${figures.invariants}${killedAt === minute ? ` (SIGKILL and restart this minute, ${(downMs / 1000).toFixed(1)} s down)` : ''}`,
    );
  }
  await Promise.all(loops);
  stopIfFailed();

  const first = minutes[0];
  const last = minutes[minutes.length - 1];
  const ratio = last.perSecond / Math.max(1, first.perSecond);
  // Memory is compared from the restart on: the killed process's figures belong to another process.
  const afterRestart = minutes.filter((m) => killedAt === undefined || m.minute > killedAt);
  const memoryGrowth = afterRestart.length > 1 ? afterRestart[afterRestart.length - 1].residentMb - afterRestart[0].residentMb : 0;
  if (ratio < 0.9) problems.push(`throughput fell from ${first.perSecond} to ${last.perSecond} requests/s (${Math.round(ratio * 100)}% of the first minute)`);
  if (memoryGrowth > 100) problems.push(`resident memory grew by ${memoryGrowth} MB after the restart`);
  if (counts.serverErrors) problems.push(`${counts.serverErrors} answers were 5xx`);
  const summary = {
    users: USERS,
    minutes: MINUTES,
    minuteMs: MINUTE_MS,
    totalRequests: counts.answered,
    refused4xx: counts.refused,
    serverErrors: counts.serverErrors,
    transfersAnswered: answeredTransfers.size,
    lastToFirstThroughput: Math.round(ratio * 100) / 100,
    memoryGrowthMbAfterRestart: memoryGrowth,
    perMinute: minutes,
    operations: Object.fromEntries([...timings].sort((a, b) => b[1].ms - a[1].ms).map(([name, t]) => [name, { count: t.count, meanMs: meanMs(t) }])),
    problems,
    seconds: Math.round((Date.now() - started) / 1000),
  };
  mkdirSync(join(ROOT, 'reports', 'out'), { recursive: true });
  writeFileSync(join(ROOT, 'reports', 'out', 'soak.json'), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(
    `soak: ${counts.answered} requests, ${answeredTransfers.size} transfers, last minute at ${Math.round(ratio * 100)}% of the first, memory ${memoryGrowth >= 0 ? '+' : ''}${memoryGrowth} MB after the restart; ${problems.length ? `PROBLEMS:\n  ${problems.join('\n  ')}` : 'everything held'}`,
  );
  for (const [name, t] of Object.entries(summary.operations).slice(0, 5)) console.log(`  ${name}: ${t.count} calls, ${t.meanMs} ms on average`);
  const exited = new Promise((resolve) => emulator.child.once('exit', resolve));
  emulator.child.kill('SIGTERM');
  await exited;
  if (problems.length === 0) rmSync(dir, { recursive: true, force: true });
  else console.log(`soak: the data file is kept in ${dir}`);
  return problems.length ? 1 : 0;
}

/** Kills every emulator still running; synchronous, so it also runs as the process exits. */
function stopEmulators(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

// Whatever way the soak ends (an error, an exception nobody caught, a signal), its emulators go too.
process.on('exit', stopEmulators);
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const) {
  process.once(signal, () => process.exit(code));
}
const failedWith = (error: unknown) => {
  console.error(error);
  console.error(`soak: failed; the data file is kept in ${dir}`);
  process.exit(1);
};
process.on('uncaughtException', failedWith);
process.on('unhandledRejection', failedWith);

main().then((code) => process.exit(code), failedWith);
