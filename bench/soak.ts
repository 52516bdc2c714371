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
 *   node -r ./bin/register.js bench/soak.ts [--minutes 10] [--users 20]
 *
 * Loopback only; it stops by itself. Not part of `npm test`. Exits 1 when an invariant broke, a
 * request answered 5xx, an answered write was lost, or throughput or memory drifted past bounds.
 */

const ROOT = join(__dirname, '..');
const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const MINUTES = arg('minutes', 10);
const USERS = arg('users', 20);
const MINUTE_MS = Number(process.env.SOAK_MINUTE_MS ?? 60_000);
const LICENSES_PER_USER = 400;

interface Emulator {
  child: ChildProcess;
  url: string;
}

const dir = mkdtempSync(join(tmpdir(), 'sslab-soak-'));
const dataFile = join(dir, 'soak.sqlite');

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
const operationOf = (method: string, path: string) =>
  `${method} ${path
    .split('?')[0]
    .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '{id}')
    .replace(/\/smartservers\/[0-9a-z]{7}/, '/smartservers/{code}')}`;

async function call<T = any>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }> {
  for (let attempt = 0; attempt < 50; attempt++) {
    if (restarting) await restarting;
    try {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (token) headers.authorization = `Bearer ${token}`;
      const sent = performance.now();
      const response = await fetch(`${emulator.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      const timing = timings.get(operationOf(method, path)) ?? { count: 0, ms: 0 };
      timing.count += 1;
      timing.ms += performance.now() - sent;
      timings.set(operationOf(method, path), timing);
      counts.answered += 1;
      if (response.status >= 500) {
        counts.serverErrors += 1;
        console.error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
      } else if (response.status >= 400) counts.refused += 1;
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
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

/** What the users were told happened; after the restart every bit of it must still be there. */
const answeredTransfers = new Map<string, string>();

interface User {
  partner: string;
  installCode: string;
  cms: string;
  licenses: string[];
  next: number;
  customerId?: string;
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
  return { partner, installCode: server.installCode, cms, licenses: order.licenses.map((l: { licenseId: string }) => l.licenseId), next: 0 };
}

/** One round of a user's work: three reads, a transfer, an activation, and now and then a return and the customer portal. */
async function round(user: User, u: number, n: number): Promise<void> {
  const base = `/smartservers/${user.installCode}`;
  await ok('GET', '/partner/api/inventory?limit=50', undefined, user.partner);
  await ok('GET', '/partner/api/search?onlyAvailable=true&limit=20', undefined, user.partner);
  if (user.next < user.licenses.length) {
    const original = user.licenses[user.next++];
    const moved = await ok(
      'POST',
      `/partner/api/licenses/${original}/transfers`,
      {
        customerName: `Soak Customer ${u}`,
        transferTo: 'Customer',
        ...(user.customerId ? {} : { newAccount: { contactEmail: `soak-${u}@customer.example` } }),
      },
      user.partner,
    );
    answeredTransfers.set(original, moved.license.licenseId);
    if (!user.customerId) {
      user.customerId = moved.customer.customerId as string;
      await ok('PUT', `${base}/iap/lic/accounts`, { customerId: user.customerId }, user.cms);
    }
    await ok('GET', `${base}/iap/lic/cloud`, undefined, user.cms);
    await ok('POST', `${base}/iap/lic/cloud/download`, { licenseIds: [moved.license.licenseId] }, user.cms);
  }
  await ok('GET', `${base}/dashboard`, undefined, user.cms);
  if (n % 5 === 4) await ok('POST', `${base}/iap/lic/cloud/upload`, undefined, user.cms);
  if (n % 10 === 0 && user.customerId) {
    const session = await ok('POST', '/customer/api/session', { email: `soak-${u}@customer.example` });
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
}

async function main(): Promise<number> {
  const started = Date.now();
  emulator = await startEmulator();
  const users = await Promise.all(Array.from({ length: USERS }, (_, u) => setUp(u)));
  console.log(`soak: ${USERS} users, ${MINUTES} minutes of ${MINUTE_MS / 1000} s, emulator at ${emulator.url} (data file in ${dir})`);
  const deadline = Date.now() + MINUTES * MINUTE_MS;
  const loops = users.map(async (user, u) => {
    for (let n = 0; Date.now() < deadline; n++) await round(user, u, n);
  });

  const minutes: MinuteFigures[] = [];
  const problems: string[] = [];
  let killedAt: number | undefined;
  let before = counts.answered;
  for (let minute = 1; minute <= MINUTES; minute++) {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - (MINUTES - minute) * MINUTE_MS - Date.now())));
    if (minute === Math.ceil(MINUTES / 2) && killedAt === undefined) {
      // Half-way: kill the emulator outright and start it again on the same file.
      killedAt = minute;
      restarting = (async () => {
        const exited = new Promise((resolve) => emulator.child.once('exit', resolve));
        emulator.child.kill('SIGKILL');
        await exited;
        emulator = await startEmulator();
      })();
      await restarting;
      restarting = undefined;
    }
    const broken = invariants();
    problems.push(...broken.map((b) => `minute ${minute}: ${b}`));
    const requests = counts.answered - before;
    before = counts.answered;
    const figures = {
      minute,
      requests,
      perSecond: Math.round(requests / (MINUTE_MS / 1000)),
      residentMb: residentMb(emulator.child.pid!),
      invariants: broken.length ? broken.join('; ') : 'hold',
    };
    minutes.push(figures);
    console.log(
      `minute ${String(minute).padStart(2)}: ${String(figures.perSecond).padStart(5)} requests/s, emulator ${figures.residentMb} MB resident, invariants ${figures.invariants}${killedAt === minute ? ' (SIGKILL and restart this minute)' : ''}`,
    );
  }
  await Promise.all(loops);

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
    operations: Object.fromEntries(
      [...timings].sort((a, b) => b[1].ms - a[1].ms).map(([name, t]) => [name, { count: t.count, meanMs: Math.round((t.ms / t.count) * 10) / 10 }]),
    ),
    problems,
    seconds: Math.round((Date.now() - started) / 1000),
  };
  mkdirSync(join(ROOT, 'reports', 'out'), { recursive: true });
  writeFileSync(join(ROOT, 'reports', 'out', 'soak.json'), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(
    `soak: ${counts.answered} requests, ${answeredTransfers.size} transfers, last minute at ${Math.round(ratio * 100)}% of the first, memory ${memoryGrowth >= 0 ? '+' : ''}${memoryGrowth} MB after the restart; ${problems.length ? `PROBLEMS:\n  ${problems.join('\n  ')}` : 'everything held'}`,
  );
  for (const [name, t] of Object.entries(summary.operations).slice(0, 5)) console.log(`  ${name}: ${t.count} calls, ${t.meanMs} ms on average`);
  emulator.child.kill('SIGTERM');
  await new Promise((resolve) => emulator.child.once('exit', resolve));
  rmSync(dir, { recursive: true, force: true });
  return problems.length ? 1 : 0;
}

// Stopped from outside (Ctrl+C, a timeout): the emulator child goes too.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    emulator?.child.kill('SIGKILL');
    process.exit(130);
  });
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    emulator?.child.kill('SIGKILL');
    process.exit(1);
  },
);
