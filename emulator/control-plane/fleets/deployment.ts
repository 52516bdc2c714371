import type { ShardPart } from './store';
import type { ShardDirectory } from '../../runtime/shards';

/**
 * Which part of the emulator a process plays: everything (the default), the portals and licensing
 * cloud in front of shard processes, or one shard of the SmartServers behind such a cloud.
 */
export type Deployment =
  | { role: 'all' }
  | { role: 'cloud'; shards: ShardDirectory }
  | { role: 'shard'; part: ShardPart; cloudUrl: string };

export const SINGLE_PROCESS: Deployment = { role: 'all' };
