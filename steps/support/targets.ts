import { presetMix } from '../config/mix';
import { presets } from '../config/presets';
import type { Transport } from '../drivers/http-client';
import type { ReferenceData } from './reference-data';
import { startMix } from './start-mix';

export const TARGETS = ['mock', 'emulator', 'real'] as const;
export type TargetName = (typeof TARGETS)[number];

/** A running system under test in one place: where its API answers, whether it has the admin API, what it holds. */
export interface Target {
  name: TargetName;
  baseUrl: string;
  /** How the drivers' requests reach it: over the network, or handed to the emulator's application in this process. */
  transport: Transport;
  /** The admin API (reset, clock, fleet) and the order back office are served. */
  admin: boolean;
  description: string;
  reference: ReferenceData;
  /** Requests answered in this process, when the target counts them. */
  requestsAnswered?(): number;
  stop(): Promise<void>;
}

/** One of the presets with every system in one place, for what needs a single address (the generated paths, their tests). */
export async function startTarget(name: TargetName, url?: string): Promise<Target> {
  const mix = presetMix(name, presets(url)[name]);
  const running = await startMix(mix);
  const endpoint = running.systems.vendor;
  return {
    name,
    baseUrl: endpoint.baseUrl,
    transport: endpoint.transport,
    admin: endpoint.admin,
    description: mix.description,
    reference: running.reference,
    requestsAnswered: running.requestsAnswered,
    stop: running.stop,
  };
}
