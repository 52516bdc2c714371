import type { CoreContext } from '../../kernel/context';
import {
  fleetMemberPage,
  fleetMembers,
  getFleet,
  loadFleet,
  registerFleet,
  removeFleet,
  resolveCustomerIds,
  type FleetMember,
  type FleetSummary,
  type ShardPart,
} from './store';
import type { Page, PageRequest } from '../../kernel/paging';
import { badInput, conflict } from '../../kernel/problems';
import { requireArray, requireObject, requireUuid } from '../../kernel/validate';
import { lookUpCustomerIds } from '../../services/licensing-cloud';
import { requireFleetDescription, withSeed, type FleetDescription } from './description';
import type { Deployment, Shards } from './deployment';
import { planFleet, readablePassword } from './generate';

type Progress = (done: number, total: number) => void;

/**
 * The password of a fleet whose description gives none: derived from this emulator's secret with
 * the fleet's name and seed, so it is random to anyone without the secret (unlike one drawn from
 * the seed), yet the same in every process of a sharded emulator, which share the secret.
 */
export function fleetPasswordFor(ctx: CoreContext, fleet: { name: string; seed: number | string; password?: string }): string {
  return fleet.password ?? readablePassword(ctx.tokens.derive('fleet password', `${fleet.name}\n${fleet.seed}`));
}
type Seeded = FleetDescription & { seed: number | string };

/** Which fleet positions a shard serves. */
export const inShare = (part: ShardPart) => (position: number) => position % part.count === part.index;

/** What the portal-and-cloud process hands each shard: the seeded description and what it decided. */
export interface FleetShare {
  fleet: Seeded;
  installCodes: string[];
  customerIds: (string | null)[];
}

/** One process holds the whole fleet: plan it around the install codes in use, then load it. */
export function createFleetHere(ctx: CoreContext, description: FleetDescription, onProgress?: Progress): FleetSummary {
  const fleet = withSeed(description);
  const taken = ctx.db.prepare<[string], { one: number }>('SELECT 1 AS one FROM smartservers WHERE install_code = ?');
  const plan = planFleet(fleet, { taken: (code) => taken.get(code) !== undefined, password: fleetPasswordFor(ctx, fleet) });
  return loadFleet(ctx, fleet, plan, { customerIds: resolveCustomerIds(ctx, plan.groups), onProgress });
}

/** Loads this process's share of a fleet whose install codes and Customer IDs were decided elsewhere. */
export function loadShareHere(ctx: CoreContext, share: FleetShare, part: ShardPart, onProgress?: Progress): FleetSummary {
  const plan = planFleet(share.fleet, { installCodes: share.installCodes, keep: inShare(part), password: fleetPasswordFor(ctx, share.fleet) });
  return loadFleet(ctx, share.fleet, plan, { customerIds: share.customerIds, shard: part.count > 1 ? part : undefined, onProgress });
}

/**
 * The portal-and-cloud process plans the fleet, records where each SmartServer goes, and hands
 * every shard its share. Should a shard refuse, the others forget the fleet again.
 */
export async function createFleetAcrossShards(ctx: CoreContext, shards: Shards, description: FleetDescription): Promise<FleetSummary> {
  const fleet = withSeed(description);
  const plan = planFleet(fleet, { taken: (code) => shards.knows(code), password: fleetPasswordFor(ctx, fleet) });
  const customerIds = resolveCustomerIds(ctx, plan.groups);
  const summary = registerFleet(ctx, fleet, plan, customerIds, shards.count);
  const share: FleetShare = { fleet, installCodes: plan.installCodes, customerIds };
  try {
    await shards.broadcast('POST', `/_emulator/fleets/${encodeURIComponent(fleet.name)}/share`, share);
  } catch (error) {
    await shards.broadcast('DELETE', `/_emulator/fleets/${encodeURIComponent(fleet.name)}`, undefined, [404]).catch(() => undefined);
    removeFleet(ctx, fleet.name);
    throw error;
  }
  return summary;
}

/** A fleet given at start-up: each process plans it alike from the seed and loads (or records) its part. */
export async function loadFleetAtStart(
  ctx: CoreContext,
  deployment: Deployment,
  description: FleetDescription,
  seededCodes: ReadonlySet<string>,
  onProgress?: Progress,
): Promise<FleetSummary> {
  if (deployment.role !== 'all' && description.seed === undefined) {
    throw badInput('seed', 'a fleet loaded by several processes needs a seed, so they all make the same SmartServers');
  }
  const fleet = description as Seeded;
  const taken = (code: string) => seededCodes.has(code);
  switch (deployment.role) {
    case 'all':
      return createFleetHere(ctx, fleet, onProgress);
    case 'cloud': {
      const plan = planFleet(fleet, { taken, keep: () => false, password: fleetPasswordFor(ctx, fleet) });
      return registerFleet(ctx, fleet, plan, resolveCustomerIds(ctx, plan.groups), deployment.shards.count);
    }
    case 'shard': {
      const plan = planFleet(fleet, { taken, keep: inShare(deployment.part), password: fleetPasswordFor(ctx, fleet) });
      const customerIds = await lookUpCustomerIds(deployment.cloudUrl, plan.groups);
      return loadFleet(ctx, fleet, plan, { customerIds, shard: deployment.part, onProgress });
    }
  }
}

/** Reads what the portal-and-cloud process sent a shard; a bad field is named. */
export function readFleetShare(body: unknown, name: string): FleetShare {
  const input = requireObject(body, 'body');
  const fleet = requireFleetDescription(input.fleet);
  if (fleet.name !== name) throw badInput('fleet.name', `must be ${name}, the fleet named in the path`);
  if (fleet.seed === undefined) throw badInput('fleet.seed', 'is required: every shard must make the same SmartServers');
  const size = fleet.smartServers.reduce((sum, g) => sum + (g.count ?? 1), 0);
  const installCodes = requireArray(input.installCodes, 'installCodes', size, size).map((code, i) => {
    if (typeof code !== 'string' || !/^[0-9a-z]{7}$/.test(code))
      throw badInput(`installCodes[${i}]`, 'must be an install code of 7 lowercase letters and digits');
    return code;
  });
  const customerIds = requireArray(input.customerIds, 'customerIds', fleet.smartServers.length, fleet.smartServers.length).map((id, i) =>
    id === null ? null : requireUuid(id, `customerIds[${i}]`),
  );
  return { fleet: fleet as Seeded, installCodes, customerIds };
}

/** Creates a fleet as the deployment calls for. */
export async function createFleet(ctx: CoreContext, deployment: Deployment, description: FleetDescription): Promise<FleetSummary> {
  switch (deployment.role) {
    case 'all':
      return createFleetHere(ctx, description);
    case 'cloud':
      return createFleetAcrossShards(ctx, deployment.shards, description);
    case 'shard':
      throw conflict(
        'fleet-through-cloud',
        `This process is shard ${deployment.part.index} of ${deployment.part.count}; create fleets through the portal-and-cloud process at ${deployment.cloudUrl}.`,
      );
  }
}

/** Removes a fleet here, and from every shard when this process is their front door. */
export async function removeFleetEverywhere(ctx: CoreContext, deployment: Deployment, name: string): Promise<{ name: string; removedSmartServers: number }> {
  if (deployment.role !== 'cloud') return removeFleet(ctx, name);
  getFleet(ctx, name);
  const answers = await deployment.shards.broadcast('DELETE', `/_emulator/fleets/${encodeURIComponent(name)}`, undefined, [404]);
  removeFleet(ctx, name);
  return {
    name,
    removedSmartServers: answers.reduce((sum, a) => sum + ((a.body as { removedSmartServers?: number } | undefined)?.removedSmartServers ?? 0), 0),
  };
}

/**
 * Loads the share of fleet `name` the portal-and-cloud process sent (`body`); refused there, since
 * it holds no SmartServers itself, before the body is read.
 */
export function loadOwnShare(ctx: CoreContext, deployment: Deployment, body: unknown, name: string): FleetSummary {
  if (deployment.role === 'cloud') {
    throw conflict('fleet-share-on-cloud', 'The portal-and-cloud process holds no SmartServers; shares of a fleet go to the shards.');
  }
  return loadShareHere(ctx, readFleetShare(body, name), deployment.role === 'shard' ? deployment.part : { index: 0, count: 1 });
}

/** A fleet's SmartServers (one page of them, or all) and where each is served: through this process, and directly by its shard when there are shards. */
export function whereMembersAre(
  ctx: CoreContext,
  deployment: Deployment,
  name: string,
  page?: PageRequest,
): Page<FleetMember & { path: string; shardUrl?: string }> {
  const found = page ? fleetMemberPage(ctx, name, page) : { items: fleetMembers(ctx, name), total: 0 };
  const items = found.items.map((member) => ({
    ...member,
    path: `/smartservers/${member.installCode}`,
    ...(deployment.role === 'cloud' && member.shard !== null ? { shardUrl: deployment.shards.urls[member.shard] } : {}),
  }));
  return { ...found, items, total: page ? found.total : items.length };
}

/** The part this process plays, as the control plane reports it. */
export function topologyOf(deployment: Deployment) {
  switch (deployment.role) {
    case 'all':
      return { role: 'all' as const };
    case 'shard':
      return { role: 'shard' as const, shard: deployment.part, cloudUrl: deployment.cloudUrl };
    case 'cloud':
      return { role: 'cloud' as const, shards: deployment.shards.urls.map((url, index) => ({ index, url })) };
  }
}
