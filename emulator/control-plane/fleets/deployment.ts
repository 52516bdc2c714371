import type { ShardPart } from './store';

/** One shard's answer to a call the front door made. */
export interface ShardAnswer {
  status: number;
  body: unknown;
}

/**
 * The shards as the control plane needs them: where they are, which install codes they use, and a
 * call to every one of them. The Node runtime's shard directory is one.
 */
export interface Shards {
  readonly urls: readonly string[];
  readonly count: number;
  /** Whether an install code is in use on any shard. */
  knows(installCode: string): boolean;
  /** Sends the same request to every shard; a status outside 2xx and `accept` is a failure. */
  broadcast(method: string, path: string, body?: unknown, accept?: readonly number[]): Promise<ShardAnswer[]>;
}

/**
 * Which part of the emulator a process plays: everything (the default), the portals and licensing
 * cloud in front of shard processes, or one shard of the SmartServers behind such a cloud.
 */
export type Deployment = { role: 'all' } | { role: 'cloud'; shards: Shards } | { role: 'shard'; part: ShardPart; cloudUrl: string };

export const SINGLE_PROCESS: Deployment = { role: 'all' };
