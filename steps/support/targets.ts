import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEmulator } from '../../emulator/runtime/emulator';
import { buildApp } from '../../emulator/gateway/app';
import { injectTransport } from '../../emulator/runtime/inject-transport';
import { globalFetch, type Transport } from '../drivers/http-client';
import { registerSocketBase } from '../drivers/updates-socket';
import { readReferenceData, seedReference, SEED_FILE, type ReferenceData } from './reference-data';

export const TARGETS = ['mock', 'emulator', 'real'] as const;
export type TargetName = (typeof TARGETS)[number];

/** Tags of scenarios that need the emulator's control plane, and why the real target leaves them out. */
export const CONTROL_PLANE_TAGS: Record<string, string> = {
  '@backoffice': 'sets up orders or SmartServers through the vendor back office or the admin API',
  '@clock': 'moves the virtual clock',
  '@faults': 'injects faults through the admin API',
};

/** The tag expression that leaves the control-plane scenarios out of a real-target run. */
export const REAL_TAG_EXPRESSION = Object.keys(CONTROL_PLANE_TAGS)
  .map((tag) => `not ${tag}`)
  .join(' and ');

/** A running system under test: where its API answers, whether it has the admin API, what it holds. */
export interface Target {
  name: TargetName;
  baseUrl: string;
  /** How the drivers' requests reach it: over the network, or handed to the emulator's application in this process. */
  transport: Transport;
  /** The admin API (reset, clock, fleet) and the order back office are served. */
  admin: boolean;
  description: string;
  reference: ReferenceData;
  /** For the in-process target: how many requests it answered, so a run can tell what its transport cost. */
  requestsAnswered?(): number;
  stop(): Promise<void>;
}

/** The address the in-process target's drivers send to; its transport hands every request to the emulator's app. */
const IN_PROCESS_URL = 'http://sslab.in-process';

const readSeed = () => JSON.parse(readFileSync(SEED_FILE, 'utf8')) as unknown;

/**
 * The emulators a test run starts are throwaway and in memory, so their CMS and portal passwords
 * are hashed at the fast cost: the standard cost would spend most of the run hashing.
 */
const TEST_PASSWORD_COST = 'fast';

async function startInProcess(): Promise<Target> {
  const emulator = createEmulator({ dataFile: ':memory:', seed: readSeed(), passwordCost: TEST_PASSWORD_COST });
  const app = buildApp(emulator);
  // inject has no WebSocket upgrade, so the update socket reaches the same application on a loopback port.
  const socketAddress = await app.listen({ host: '127.0.0.1', port: 0 });
  registerSocketBase(IN_PROCESS_URL, socketAddress.replace(/^http/, 'ws'));
  const transport = injectTransport(app, IN_PROCESS_URL);
  return {
    name: 'mock',
    baseUrl: IN_PROCESS_URL,
    transport: transport.fetch,
    admin: true,
    description: 'the emulator in this process, each request handed to its application with inject (its update WebSocket on loopback)',
    reference: seedReference(),
    requestsAnswered: () => transport.requestsAnswered(),
    async stop() {
      await app.close();
      emulator.close();
    },
  };
}

/** Starts `sslab emulator` as a separate process on a free loopback port and reads its address. */
async function spawnEmulator(admin: boolean): Promise<{ baseUrl: string; stop(): Promise<void> }> {
  const bin = join(__dirname, '..', '..', 'bin', 'sslab.js');
  const args = [bin, 'emulator', '--port', '0', '--data-file', ':memory:', '--seed', SEED_FILE, '--quiet', ...(admin ? [] : ['--no-admin'])];
  const env = { ...process.env, SSLAB_PASSWORD_COST: process.env.SSLAB_PASSWORD_COST ?? TEST_PASSWORD_COST };
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
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
    baseUrl,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const noStop = async () => undefined;

export async function startTarget(name: TargetName, url?: string): Promise<Target> {
  switch (name) {
    case 'mock':
      return startInProcess();
    case 'emulator': {
      const running = url ? { baseUrl: url.replace(/\/$/, ''), stop: noStop } : await spawnEmulator(true);
      return {
        name,
        transport: globalFetch,
        admin: true,
        description: url ? `the emulator at ${url}` : 'a spawned emulator process over HTTP',
        reference: seedReference(),
        ...running,
      };
    }
    case 'real': {
      // Without an address, a seeded emulator with its admin API off stands in for the real services.
      if (url) {
        return {
          name,
          baseUrl: url.replace(/\/$/, ''),
          transport: globalFetch,
          admin: false,
          description: `the services at ${url}`,
          reference: readReferenceData(process.env),
          stop: noStop,
        };
      }
      const running = await spawnEmulator(false);
      return {
        name,
        transport: globalFetch,
        admin: false,
        description: 'a stand-in: the emulator seeded from features/fixtures/real-seed.json with its admin API off',
        reference: readReferenceData(process.env, seedReference()),
        ...running,
      };
    }
  }
}
