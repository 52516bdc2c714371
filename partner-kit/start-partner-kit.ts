import { buildApp } from '../emulator/gateway/app';
import { createEmulator } from '../emulator/runtime/emulator';
import { injectTransport } from '../emulator/runtime/inject-transport';
import { interceptInProcess } from '../emulator/runtime/intercept';
import { HttpClient } from '../steps/drivers/http-client';
import { resolveAddresses, smartServerAddress, type VendorAddresses, vendorAddressMap } from './addresses';
import { KitControlPlane } from './control-plane';

export interface PartnerKitOptions {
  /** Addresses other than the defaults (DEFAULT_ADDRESSES), for code that calls the services elsewhere. */
  addresses?: Partial<VendorAddresses>;
  /**
   * A request to a host the kit does not serve: refused as an unreachable host is, with a line on
   * the standard error (the default), or let out to the network. Loopback requests always pass.
   */
  unknownHosts?: 'refuse' | 'pass';
  /** Accounts, licenses and SmartServers to start with and to return to on reset, in the emulator's seed format; none unless given. */
  seed?: unknown;
  /** The virtual date the emulator starts at (2026-01-05 unless given). */
  startDate?: string;
}

export interface KitAddresses extends VendorAddresses {
  /** The address of the SmartServer with this install code. */
  smartServer(installCode: string): string;
}

export interface PartnerKit {
  addresses: KitAddresses;
  controlPlane: KitControlPlane;
  /** Requests to the vendors' addresses the emulator has answered (the control plane's own not counted). */
  requestsAnswered(): number;
  /** Gives the global fetch back and drops the emulator with everything it held. */
  stop(): Promise<void>;
}

/** The kit running in this process: msw has one set of interceptors per process, so one kit at a time. */
let running = false;

/**
 * An emulator in memory, served at the vendors' own addresses to the global fetch (and to Node's
 * http module), for a partner's tests to run their unchanged code against.
 */
export async function startPartnerKit(options: PartnerKitOptions = {}): Promise<PartnerKit> {
  if (running) throw new Error('a partner kit is already running in this process; stop it (await kit.stop()) before starting another');
  const addresses = resolveAddresses(options.addresses);
  // Taken before the first await, so two kits started together cannot both get through.
  running = true;
  // Throwaway and in memory: passwords are hashed at the fast cost, as the suite's own test runs do.
  const emulator = createEmulator({ dataFile: ':memory:', seed: options.seed, startDate: options.startDate, passwordCost: 'fast' });
  const app = buildApp(emulator);
  try {
    await app.ready();
  } catch (error) {
    running = false;
    emulator.close();
    throw error;
  }
  const served = Object.values(addresses).join(', ');
  const interceptor = interceptInProcess(app, vendorAddressMap(addresses), {
    unknownHosts: options.unknownHosts,
    report: (message) => console.error(`${message}\n  The partner kit serves ${served}; startPartnerKit({ unknownHosts: 'pass' }) lets other hosts through.`),
  });
  // The control plane reaches the application directly, so it works whatever the interception lets through.
  const controlPlane = new KitControlPlane(new HttpClient(addresses.emulator, injectTransport(app, addresses.emulator).fetch));

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      interceptor.close();
      running = false;
      await app.close();
      emulator.close();
    })();
    return stopped;
  };
  return {
    addresses: { ...addresses, smartServer: (installCode) => smartServerAddress(addresses, installCode) },
    controlPlane,
    requestsAnswered: () => interceptor.requestsAnswered(),
    stop,
  };
}
