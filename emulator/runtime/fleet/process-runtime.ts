import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildEmulator } from './build';
import { emulatorProcesses, timed, TOKEN_SECRET_VARIABLE, waitHealthy, type FleetRuntime, type Phase, type UpRequest, type UpResult } from './topology';

const ROOT = join(__dirname, '..', '..', '..');

/** What `fleet up --runtime process` left running: the record `fleet down` ends them by. */
interface ProcessRecord {
  name: string;
  url: string;
  processes: { role: string; index?: number; port: number; pid: number; log: string }[];
}

/** Whether a process with this pid is running (signal 0 only asks). */
export const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Whether the process is still the emulator we started on that port (a pid may be reused after it ended). */
function isOurs(pid: number, port: number): boolean {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return args.some((a) => a.endsWith('sslab-emulator.js')) && args.includes('--port') && args[args.indexOf('--port') + 1] === String(port);
  } catch {
    return false;
  }
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !alive(pid);
}

/**
 * Runs the portal-and-cloud process and the shards (the transpiled emulator, see build.ts) as
 * detached child processes of this machine,
 * each logging to a file beside the record, so `fleet up` can return and `fleet down` end them later.
 */
export class ProcessRuntime implements FleetRuntime {
  constructor(private readonly stateDir = join(ROOT, 'reports', 'out', 'fleets')) {}

  private recordFile(name: string): string {
    return join(this.stateDir, `${name}.json`);
  }

  async up(request: UpRequest, log: (line: string) => void): Promise<UpResult> {
    if (existsSync(this.recordFile(request.name))) {
      throw new Error(
        `fleet ${request.name} is up already (see ${this.recordFile(request.name)}); run "sslab fleet down ${request.name} --runtime process" first`,
      );
    }
    mkdirSync(this.stateDir, { recursive: true });
    const phases: Phase[] = [];
    const { entry } = await timed(phases, 'build', async () => buildEmulator());
    const planned = emulatorProcesses(request);
    const record: ProcessRecord = { name: request.name, url: planned[0].url, processes: [] };
    const children = await timed(phases, 'start processes', async () =>
      planned.map((p) => {
        const logFile = join(this.stateDir, `${request.name}-${p.role}${p.index ?? ''}.log`);
        const fd = openSync(logFile, 'w');
        const env = { ...process.env, [TOKEN_SECRET_VARIABLE]: request.tokenSecret };
        const child = spawn(process.execPath, [entry, ...p.args], { cwd: ROOT, env, detached: true, stdio: ['ignore', fd, fd] });
        closeSync(fd);
        child.unref();
        record.processes.push({ role: p.role, index: p.index, port: p.port, pid: child.pid!, log: logFile });
        // Written after every start, so a crash of this command still leaves what to end.
        writeFileSync(this.recordFile(request.name), `${JSON.stringify(record, null, 2)}\n`);
        return { planned: p, child, logFile };
      }),
    );
    log(`started ${children.length} processes (cloud and ${request.shards} shards)`);
    try {
      await timed(phases, 'wait for health', () =>
        Promise.all(
          children.map(({ planned: p, child, logFile }) =>
            waitHealthy(p.url, 120_000, () => child.exitCode === null && child.signalCode === null).catch((error: Error) => {
              const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').trim().split('\n').slice(-5).join('\n') : '';
              throw new Error(`${p.role}${p.index ?? ''}: ${error.message}${tail ? `\n${tail}` : ''}`);
            }),
          ),
        ),
      );
    } catch (error) {
      await this.down(request.name, () => undefined).catch(() => undefined);
      throw error;
    }
    return { name: request.name, runtime: 'process', url: record.url, shardUrls: planned.slice(1).map((p) => p.url), phases };
  }

  async down(name: string, log: (line: string) => void): Promise<number> {
    const file = this.recordFile(name);
    if (!existsSync(file)) return 0;
    const record = JSON.parse(readFileSync(file, 'utf8')) as ProcessRecord;
    let ended = 0;
    await Promise.all(
      record.processes.map(async (p) => {
        if (!isOurs(p.pid, p.port)) return;
        process.kill(p.pid, 'SIGTERM');
        if (!(await waitGone(p.pid, 5000))) {
          process.kill(p.pid, 'SIGKILL');
          await waitGone(p.pid, 2000);
        }
        ended += 1;
        log(`ended ${p.role}${p.index ?? ''} (pid ${p.pid}, port ${p.port})`);
      }),
    );
    // The logs stay, for a look at what happened; the next `up` writes them afresh.
    rmSync(file, { force: true });
    return ended;
  }
}
