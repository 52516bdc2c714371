import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { connectTestClient, newPartner, newSmartServer, spawnEmulatorProcess, transfer, type ApiClient, type EmulatorProcess } from '../testing/http-test-kit';

const dir = mkdtempSync(join(tmpdir(), 'sslab-crash-'));
const processes: EmulatorProcess[] = [];

afterAll(async () => {
  for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function start(dataFile: string): Promise<{ process: EmulatorProcess; api: ApiClient }> {
  const process = await spawnEmulatorProcess(dataFile);
  processes.push(process);
  return { process, api: (await connectTestClient(process.url)).api };
}

const LICENSES = 60;
const WORKERS = 4;
const ROUNDS = 2;
/** Activations answered in a round before the process is killed. */
const KILL_AFTER = 6;

interface Ledger {
  transfers: { original: string; successor: string }[];
  activations: { licenseId: string; installCode: string }[];
}

type License = { licenseId: string; status: string; predecessorId?: string; successorId?: string; installCode?: string };

/** Whatever was answered 2xx is there, and no operation is half-applied anywhere. */
async function checkConsistent(api: ApiClient, partner: string, fleet: { installCode: string; token: string }[], ledger: Ledger): Promise<License[]> {
  const all: License[] = await api.ok('GET', '/partner/api/search', { token: partner });
  const byId = new Map(all.map((l) => [l.licenseId, l]));
  for (const { original, successor } of ledger.transfers) {
    expect(byId.get(original), `answered transfer of ${original}`).toMatchObject({ status: 'retired', successorId: successor });
    expect(byId.get(successor)?.predecessorId, `successor of ${original}`).toBe(original);
  }
  for (const l of all) {
    if (l.status === 'retired') expect(byId.get(l.successorId!)?.predecessorId, `retired ${l.licenseId} has its successor`).toBe(l.licenseId);
    if (l.predecessorId)
      expect(byId.get(l.predecessorId), `${l.licenseId} replaced a retired ID`).toMatchObject({ status: 'retired', successorId: l.licenseId });
  }
  const held = new Map<string, string>();
  for (const ss of fleet) {
    for (const l of await api.ok('GET', `/smartservers/${ss.installCode}/iap/lic`, { token: ss.token })) held.set(l.licenseId, ss.installCode);
  }
  for (const { licenseId, installCode } of ledger.activations) expect(held.get(licenseId), `answered activation of ${licenseId}`).toBe(installCode);
  const active = all.filter((l) => l.status === 'active');
  expect(Object.fromEntries(active.map((l) => [l.licenseId, l.installCode])), 'the cloud and the SmartServers agree on what is active where').toEqual(
    Object.fromEntries(held),
  );
  return all;
}

test('SIGKILL in the middle of transfers and activations loses no answered operation and leaves none half-applied', async () => {
  const dataFile = join(dir, 'crash.sqlite');
  let { process: current, api } = await start(dataFile);
  const { token: partner, order } = await newPartner(api, {
    poNumber: 'PO-CRASH-1',
    email: 'crash@partner.example',
    lines: [{ model: '72220-10', quantity: LICENSES }],
  });
  const first = await transfer(api, partner, order.licenses[0].licenseId, 'P-Crash', {});
  const fleet: { installCode: string; token: string }[] = [];
  for (let i = 0; i < 3; i++) {
    const ss = await newSmartServer(api, { name: `Crash ${i}` });
    await api.ok('PUT', `/smartservers/${ss.installCode}/iap/lic/accounts`, { token: ss.token, body: { customerId: first.customer.customerId } });
    fleet.push(ss);
  }
  const queue: string[] = order.licenses.slice(1).map((l: { licenseId: string }) => l.licenseId);
  const ledger: Ledger = { transfers: [{ original: order.licenses[0].licenseId, successor: first.license.licenseId }], activations: [] };

  for (let round = 0; round < ROUNDS; round++) {
    let killed = false;
    let answeredThisRound = 0;
    const client = api;
    const worker = async (w: number) => {
      while (!killed && queue.length > 0) {
        const original = queue.shift()!;
        try {
          const moved = await client.call('POST', `/partner/api/licenses/${original}/transfers`, { token: partner, body: { customerName: 'P-Crash' } });
          if (moved.status !== 201) throw new Error(`transfer answered ${moved.status}: ${moved.text}`);
          ledger.transfers.push({ original, successor: moved.body.license.licenseId });
          const ss = fleet[(w + ledger.transfers.length) % fleet.length];
          const activated = await client.call('POST', `/smartservers/${ss.installCode}/iap/lic/cloud/download`, {
            token: ss.token,
            body: { licenseIds: [moved.body.license.licenseId] },
          });
          if (activated.status !== 200) throw new Error(`activation answered ${activated.status}: ${activated.text}`);
          ledger.activations.push({ licenseId: moved.body.license.licenseId, installCode: ss.installCode });
          answeredThisRound += 1;
        } catch (error) {
          if (!killed) throw error; // after the kill, requests in flight fail: their outcome is unknown
        }
      }
    };
    const workers = Array.from({ length: WORKERS }, (_, w) => worker(w));
    const deadline = Date.now() + 15_000;
    while (answeredThisRound < KILL_AFTER && Date.now() < deadline && queue.length > 0) await new Promise((r) => setTimeout(r, 2));
    expect(answeredThisRound, 'activations answered before the kill').toBeGreaterThanOrEqual(KILL_AFTER);
    killed = true;
    current.child.kill('SIGKILL');
    expect(await current.exited).toBe('SIGKILL');
    await Promise.all(workers);

    ({ process: current, api } = await start(dataFile));
    await checkConsistent(api, partner, fleet, ledger);
  }

  // The restarted emulator carries on with the same sessions.
  const next = await transfer(api, partner, queue.shift()!, 'P-Crash');
  await api.ok('POST', `/smartservers/${fleet[0].installCode}/iap/lic/cloud/download`, {
    token: fleet[0].token,
    body: { licenseIds: [next.license.licenseId] },
  });
  current.child.kill('SIGTERM');
  await current.exited;
}, 180_000);
