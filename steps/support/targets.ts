import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createEmulator } from '../../emulator/core/emulator';
import { buildApp } from '../../emulator/http/app';
import { interceptInProcess } from '../../emulator/node/intercept';

export const TARGETS = ['mock', 'emulator'] as const;
export type TargetName = (typeof TARGETS)[number];

/** A running system under test: where its API answers, and how to stop it. */
export interface Target {
  name: TargetName;
  baseUrl: string;
  stop(): Promise<void>;
}

/** The address the in-process target answers on; msw hands every request to the emulator's app. */
const IN_PROCESS_URL = 'http://sslab.in-process';

async function startInProcess(): Promise<Target> {
  const emulator = createEmulator({ dataFile: ':memory:' });
  const app = buildApp(emulator);
  await app.ready();
  const interceptor = interceptInProcess(app, IN_PROCESS_URL);
  return {
    name: 'mock',
    baseUrl: IN_PROCESS_URL,
    async stop() {
      interceptor.close();
      await app.close();
      emulator.close();
    },
  };
}

/** Starts `sslab emulator` as a separate process on a free loopback port and reads its address. */
async function spawnEmulator(): Promise<Target> {
  const bin = join(__dirname, '..', '..', 'bin', 'sslab.js');
  const child: ChildProcess = spawn(process.execPath, [bin, 'emulator', '--port', '0', '--data-file', ':memory:', '--quiet'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`the emulator did not start within 30 s:\n${out}${err}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
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
    name: 'emulator',
    baseUrl,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function startTarget(name: TargetName, url?: string): Promise<Target> {
  switch (name) {
    case 'mock':
      return startInProcess();
    case 'emulator':
      return url ? { name, baseUrl: url.replace(/\/$/, ''), stop: async () => undefined } : spawnEmulator();
  }
}
