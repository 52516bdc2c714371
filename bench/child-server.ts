import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { type CorePlacement, onServerCore } from './core-placement';

const ROOT = join(__dirname, '..');

/** A bench's server in a process of its own, and what it printed as its first JSON line (where it listens). */
export interface ChildServer {
  process: ChildProcess;
  info: any;
}

/**
 * Starts `bench/<script>` with the TypeScript register on the server's core and waits for the
 * JSON line it prints once it listens; `name` is how errors speak of it.
 */
export function startChildServer(placement: CorePlacement | undefined, script: string, args: string[], name: string, timeoutMs: number): Promise<ChildServer> {
  const [command, ...rest] = onServerCore(placement, [process.execPath, '-r', join(ROOT, 'bin', 'register.js'), join(__dirname, script), ...args]);
  const child = spawn(command, rest, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the ${name} did not start within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line && out.includes('\n')) {
        clearTimeout(timer);
        resolve({ process: child, info: JSON.parse(line) });
      }
    });
    child.once('exit', (code) => reject(new Error(`the ${name} ended (${code}) before it listened`)));
  });
}
