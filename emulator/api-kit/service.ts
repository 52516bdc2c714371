import type { FastifyInstance } from 'fastify';
import type { Emulator } from '../kernel/emulator';
import type { Tables } from '../kernel/sql';

/** An area of the API document: the operations of one service (or a part of one) under one tag. */
export interface ApiTag {
  name: string;
  description: string;
  /** Offered by the emulator for tests only, by no vendor: marked in the document so nobody takes it for vendor behaviour. */
  testOnly?: boolean;
}

/**
 * A screen a service shows people. Its HTML file and its script sit in the service's `page/` folder;
 * the gateway serves the HTML at `url` and the script (and the shared ones) under `/ui/`.
 */
export interface ServicePage {
  /** Where it is served, with path parameters as fastify writes them (`/smartservers/:installCode/cms/`). */
  url: string;
  /** Its HTML file in the `page/` folder. */
  file: string;
  summary: string;
  /** Refuses (throws a problem) when the page would show something that does not exist, such as an unknown SmartServer. */
  check?(emulator: Emulator, params: Record<string, string>): void;
}

/**
 * One emulated service as the rest of the emulator knows it. The registry lists them; the HTTP
 * application registers their routes, the API document takes their tags, and the database and
 * its reset take their tables, all from that one list.
 */
export interface EmulatedService {
  /** Its folder under emulator/services. */
  name: string;
  /** What it stands for, in a sentence. */
  summary: string;
  tags: readonly ApiTag[];
  /**
   * A vendor's internal desk that real deployments do not expose (the order back office, Customer
   * Success): registered only while the control plane is on.
   */
  testOnly?: boolean;
  /** Its screens, if people use it through one. */
  pages?: readonly ServicePage[];
  /** The tables it keeps of its own, if any. */
  tables?: Tables;
  /** Registers its routes; `admin` says whether the control plane is on, for a service's own test-only routes. */
  routes(app: FastifyInstance, emulator: Emulator, options: { admin: boolean }): void;
}
