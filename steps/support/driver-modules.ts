import { relative } from 'node:path';
import type { LicensingCloudPort } from '../../emulator/kernel/ports';
import type { DrivenSurface } from '../config/systems';
import type { Transport } from '../drivers/http-client';
import type { ReferenceData } from './reference-data';

/** What a team's driver module is given to build its surface. */
export interface SurfaceContext<S = unknown> {
  surface: DrivenSurface;
  /** Where the surface's system answers. */
  baseUrl: string;
  /** The same surface through sslab's API driver, to hand operations on to where the team's system is the emulator's. */
  api: S;
  /** The data the system holds before any scenario. */
  reference: ReferenceData;
  /** fetch, or the in-process transport when the system is emulated in this process. */
  fetch: Transport;
}

/** The default export of a driver module: builds one scenario's driver for its surface. */
export type SurfaceFactory<S> = (context: SurfaceContext<S>) => S;

/** What a cloud adapter module is given. */
export interface CloudAdapterContext {
  /** Where the vendor side answers. */
  vendorUrl: string;
}

/** The default export of a cloud adapter module: the port the emulated SmartServers reach the licensing cloud through. */
export type CloudAdapterFactory = (context: CloudAdapterContext) => LicensingCloudPort | Promise<LicensingCloudPort>;

/** A module a configuration names that cannot serve, with the surface (or setting), the file and the fix. */
export class DriverModuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DriverModuleError';
  }
}

const shown = (file: string) => {
  const path = relative(process.cwd(), file);
  return path.startsWith('..') ? file : `./${path}`;
};

function factoryIn(file: string, setting: string): (context: never) => unknown {
  let loaded: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require(file);
  } catch (error) {
    throw new DriverModuleError(`${setting}: ${shown(file)} could not be loaded: ${(error as Error).message.split('\n')[0]}`);
  }
  const exports = loaded as { default?: unknown };
  const factory = typeof loaded === 'function' ? loaded : exports.default;
  if (typeof factory !== 'function') {
    throw new DriverModuleError(`${setting}: ${shown(file)} has no default export to call; export a function that takes the context and returns the driver`);
  }
  return factory as (context: never) => unknown;
}

/** The operations a surface has: those of sslab's own API driver for it, which implements each one. */
export function operationsOf(api: object): string[] {
  const names = new Set<string>();
  for (let proto = Object.getPrototypeOf(api); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto))
      if (name !== 'constructor' && typeof (api as Record<string, unknown>)[name] === 'function') names.add(name);
  }
  return [...names].sort();
}

/**
 * A team's driver for one surface, from its module: the default export called with the context,
 * checked to answer every operation the surface has.
 */
export function loadSurfaceDriver<S extends object>(file: string, context: SurfaceContext<S>): S {
  const setting = `surfaces.${context.surface}`;
  const driver = (factoryIn(file, setting) as SurfaceFactory<S>)(context);
  if (typeof driver !== 'object' || driver === null) {
    throw new DriverModuleError(`${setting}: the default export of ${shown(file)} returned ${driver === null ? 'null' : typeof driver}, not a driver object`);
  }
  const lacking = operationsOf(context.api).filter((name) => typeof (driver as Record<string, unknown>)[name] !== 'function');
  if (lacking.length > 0) {
    throw new DriverModuleError(
      `${setting}: the driver from ${shown(file)} lacks ${lacking.join(', ')}; implement every operation of the surface's interface (its types: import { ${interfaceName(context.surface)} } from 'sslab'), handing to context.api what your system does as the emulator does`,
    );
  }
  return driver;
}

export async function loadCloudAdapter(file: string, context: CloudAdapterContext): Promise<LicensingCloudPort> {
  const setting = 'cloudAdapter';
  const port = (await (factoryIn(file, setting) as CloudAdapterFactory)(context)) as unknown;
  const lacking = ['available', 'activate', 'giveBack', 'checkOfflineFile', 'redeemOfflineFile'].filter(
    (name) => typeof (port as Record<string, unknown> | null)?.[name] !== 'function',
  );
  if (lacking.length > 0) {
    throw new DriverModuleError(
      `${setting}: the port from ${shown(file)} lacks ${lacking.join(', ')}; implement LicensingCloudPort (import type { LicensingCloudPort } from 'sslab')`,
    );
  }
  return port as LicensingCloudPort;
}

const INTERFACES: Record<DrivenSurface, string> = {
  orderDesk: 'OrderDesk',
  partnerPortal: 'PartnerPortal',
  customerPortal: 'CustomerPortal',
  customerSuccess: 'CustomerSuccess',
  cms: 'SmartServerCms',
  cloud: 'CloudLicensing',
  devices: 'SmartServerDevices',
  system: 'SmartServerSystem',
  datapoints: 'SmartServerDatapoints',
  iapMq: 'SmartServerMq',
  'ecostruxure.salesDesk': 'EcoStruxureSalesDesk',
  'ecostruxure.deviceAdministrator': 'DeviceAdministrator',
  'ecostruxure.activationServer': 'LicenseActivationServer',
};

export const interfaceName = (surface: DrivenSurface) => INTERFACES[surface];
