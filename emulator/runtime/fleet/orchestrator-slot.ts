/**
 * Which shard a replica is, told by the orchestrator that started it rather than by us: Docker
 * Swarm numbers the tasks of a service from 1 (its `{{.Task.Slot}}` template, handed in as
 * SSLAB_TASK_SLOT), and a Kubernetes StatefulSet names its pods NAME-0, NAME-1, … (the host name).
 */

/** The environment variable a Swarm service sets to `{{.Task.Slot}}`. */
export const TASK_SLOT_VARIABLE = 'SSLAB_TASK_SLOT';

export class SlotUnknown extends Error {}

/** The shard index (0-based) of this replica, of `count` shards. */
export function shardIndexFromOrchestrator(count: number, env: NodeJS.ProcessEnv, hostname: string): number {
  const slot = env[TASK_SLOT_VARIABLE];
  let index: number | undefined;
  let source = '';
  if (slot !== undefined && /^\d+$/.test(slot)) {
    index = Number(slot) - 1;
    source = `${TASK_SLOT_VARIABLE}=${slot} (Swarm task slots count from 1)`;
  } else {
    const ordinal = /-(\d+)$/.exec(hostname);
    if (ordinal) {
      index = Number(ordinal[1]);
      source = `host name ${hostname} (StatefulSet ordinal)`;
    }
  }
  if (index === undefined)
    throw new SlotUnknown(
      `--fleet-shard slot/${count}: no task slot in ${TASK_SLOT_VARIABLE}${slot === undefined ? '' : ` (it holds "${slot}")`} and host name ${hostname} ends in no -ORDINAL`,
    );
  if (index < 0 || index >= count) throw new SlotUnknown(`--fleet-shard slot/${count}: ${source} gives shard ${index}, outside 0 … ${count - 1}`);
  return index;
}
