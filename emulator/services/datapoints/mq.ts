import type { CoreContext } from '../../kernel/context';
import { Problem, badInput } from '../../kernel/problems';
import type { Principal } from '../../kernel/tokens';
import type { DatapointUpdate } from '../../kernel/updates';
import { addDevice, cmsLogin, type Device, getSmartServer, listDevices, listSmartServers, readCells, requireCmsUser, runDeviceAction } from '../smartserver';
import { valueReachable } from './access';
import { type DatapointDefinition, datapointsOf } from './catalog';
import { hashText } from '../../kernel/hashing';
import type { Protocol } from '../../kernel/vocabulary';
import { deviceStatus, handleOf, nameOfHandle } from './status';
import { pollNumber, readingOfHash, writtenKey, writtenValues } from './values';

/**
 * IAP/MQ, the SmartServer's MQTT interface, as rules: which messages each SmartServer publishes
 * and how it answers requests. The broker (embedded, or one given by URL) is in the runtime; it
 * hands each publication to a sink and each request here. The SID a SmartServer goes by is its
 * install code.
 */

export interface MqMessage {
  topic: string;
  payload: string;
}

export const SID_TOPIC = 'glp/0/././sid';
export const DATA_SUBSCRIPTION = 'glp/0/+/ev/data';
export const REQUEST_SUBSCRIPTION = 'glp/0/+/rq/dev/+/+/do';

export const sidMessage = (installCode: string): MqMessage => ({ topic: SID_TOPIC, payload: JSON.stringify(installCode) });

const blockTopic = (installCode: string, protocol: string, deviceName: string, block: string, index: number) =>
  `glp/0/${installCode}/fb/dev/${protocol}/${handleOf({ name: deviceName })}/if/${block}/${index}`;

/** One datapoint update on `glp/0/{SID}/ev/data`: the block's topic, the datapoint's name and its value. */
export function dataMessage(installCode: string, update: DatapointUpdate, at: string): MqMessage {
  return {
    topic: `glp/0/${installCode}/ev/data`,
    payload: JSON.stringify({
      topic: blockTopic(installCode, update.protocol, update.deviceName, update.blockName, update.blockIndex),
      message: update.datapointName,
      data: update.value,
      deviceName: update.deviceName,
      ts: at,
    }),
  };
}

export function statusMessage(installCode: string, version: string, device: Device): MqMessage {
  return { topic: `glp/0/${installCode}/fb/dev/${device.protocol}/${handleOf(device)}/sts`, payload: JSON.stringify(deviceStatus(version, device)) };
}

/** Every device's status on one SmartServer: what a client that just subscribed learns. */
export function allStatuses(ctx: CoreContext, installCode: string): MqMessage[] {
  const { version } = getSmartServer(ctx, installCode);
  return listDevices(ctx, installCode).map((device) => statusMessage(installCode, version, device));
}

/** The status of every device whose cell differs from `before`: what a licensing change or a device action publishes. */
export function changedStatuses(ctx: CoreContext, installCode: string, before: Uint8Array): MqMessage[] {
  const after = readCells(ctx, installCode);
  const changed = new Set<number>();
  for (let i = 0; i < after.length; i++) if (i >= before.length || before[i] !== after[i]) changed.add(i + 1);
  if (changed.size === 0) return [];
  const { version } = getSmartServer(ctx, installCode);
  return listDevices(ctx, installCode)
    .filter((device) => changed.has(device.id))
    .map((device) => statusMessage(installCode, version, device));
}

/** What a clock move publishes of one output datapoint, the same on every device of its protocol. */
interface MovedOutput {
  point: number;
  definition: DatapointDefinition;
  /** Its poll at the move's end: the reading it takes. */
  poll: number;
  /** `/if/{block}/{index}` as JSON string text, without the opening quote. */
  blockPath: string;
  /** `,"message":{name},"data":`: the fixed middle of its message. */
  middle: string;
}

/**
 * One clock move from `fromMs` to `toMs`: which outputs of each protocol took a new reading, worked
 * out once for a whole fleet, and the fixed parts of their messages, so the fleet's updates are
 * built by joining strings rather than by serializing an object per message.
 */
export class ClockMove {
  private readonly byProtocol = new Map<Protocol, MovedOutput[]>();
  /** `,"ts":{at}}`: how every message of the move ends. */
  readonly ending: string;

  constructor(
    readonly fromMs: number,
    readonly toMs: number,
    readonly at: string,
  ) {
    this.ending = `,"ts":${JSON.stringify(at)}}`;
  }

  outputs(protocol: Protocol): MovedOutput[] {
    let moved = this.byProtocol.get(protocol);
    if (!moved) {
      moved = [];
      datapointsOf(protocol).forEach((definition, point) => {
        if (definition.direction !== 'output') return;
        const poll = pollNumber(definition, this.toMs);
        if (poll === pollNumber(definition, this.fromMs)) return;
        moved!.push({
          point,
          definition,
          poll,
          blockPath: JSON.stringify(`/if/${definition.block}/${definition.index}`).slice(1),
          middle: `,"message":${JSON.stringify(definition.name)},"data":`,
        });
      });
      this.byProtocol.set(protocol, moved);
    }
    return moved;
  }
}

/**
 * The datapoint updates one SmartServer publishes when the clock moves: each reachable device's
 * outputs whose poll changed and that no write holds. The same messages as `dataMessage` makes,
 * byte for byte, built from the parts each device and each datapoint share.
 */
export function dataUpdatesBetween(ctx: CoreContext, installCode: string, move: ClockMove): MqMessage[] {
  // A SmartServer that went away meanwhile has no devices, so it publishes nothing.
  const devices = listDevices(ctx, installCode).filter((device) => valueReachable(device, 'read'));
  if (devices.length === 0) return [];
  const uids = new Map(devices.map((d) => [d.id, d.uid]));
  const written = writtenValues(ctx, installCode, (id) => uids.get(id));
  const topic = `glp/0/${installCode}/ev/data`;
  const messages: MqMessage[] = [];
  for (const device of devices) {
    const outputs = move.outputs(device.protocol);
    if (outputs.length === 0) continue;
    const uidHash = hashText(device.uid);
    // `{"topic":"glp/0/{SID}/fb/dev/{protocol}/{handle}` as JSON text, left open for the block's path.
    const opening = `{"topic":${JSON.stringify(`glp/0/${installCode}/fb/dev/${device.protocol}/${handleOf(device)}`).slice(0, -1)}`;
    const closing = `,"deviceName":${JSON.stringify(device.name)}${move.ending}`;
    for (const output of outputs) {
      if (written.size > 0 && written.has(writtenKey(device.id, output.point))) continue;
      const value = readingOfHash(output.definition, uidHash, output.point, output.poll);
      messages.push({ topic, payload: `${opening}${output.blockPath}${output.middle}${JSON.stringify(value)}${closing}` });
    }
  }
  return messages;
}

/** The SmartServers whose data a clock move publishes, in fleet order. */
export const publishingSmartServers = (ctx: CoreContext) => listSmartServers(ctx).map((s) => s.installCode);

/**
 * A broker login: `user@installCode` (the CMS user of that SmartServer), or the bare user name
 * when the emulator holds one SmartServer only. Answers who it is, or rejects with the CMS's refusal.
 */
export async function mqLogin(ctx: CoreContext, username: string, password: string, source?: string): Promise<Extract<Principal, { kind: 'cms' }>> {
  const at = username.lastIndexOf('@');
  let installCode = at > 0 ? username.slice(at + 1) : undefined;
  const user = at > 0 ? username.slice(0, at) : username;
  if (!installCode) {
    const all = listSmartServers(ctx);
    if (all.length !== 1) throw badInput('username', 'must read user@installCode: this emulator holds several SmartServers');
    installCode = all[0].installCode;
  }
  const { token } = await cmsLogin(ctx, installCode, { username: user, password }, source);
  return requireCmsUser(ctx.tokens.verify(token), installCode);
}

/** Whether a client of one SmartServer may see a topic: only that SmartServer's, and the SID topic. */
export function topicBelongsTo(topic: string, installCode: string): boolean {
  return topic === SID_TOPIC || topic.startsWith(`glp/0/${installCode}/`);
}

const REQUEST = /^glp\/0\/([^/]+)\/rq\/dev\/([^/]+)\/([^/]+)\/do$/;

export const isRequestTopic = (topic: string) => REQUEST.test(topic);

const ACTIONS = ['create', 'provision', 'deprovision'] as const;

/**
 * Answers a `do` request on `glp/0/{SID}/rq/dev/{protocol}/{handle}/do`, with the same rules as
 * REST and the CMS: `create` adds the device (and provisions it when `args.provision` is true),
 * `provision` is refused while the device is unlicensed. The device's new status is published by
 * the device change itself; a refusal comes back as a message on `glp/0/{SID}/ev/error`.
 * `principal` is the broker client's login, or undefined for requests that came through a broker
 * the emulator does not run (that broker decided who may publish).
 */
export function answerRequest(ctx: CoreContext, topic: string, payload: string, principal?: Principal): MqMessage[] {
  const match = REQUEST.exec(topic);
  if (!match) return [];
  const [, installCode, protocol, handle] = match;
  try {
    if (principal) requireCmsUser(principal, installCode);
    let body: { action?: unknown; args?: { provision?: unknown } };
    try {
      body = JSON.parse(payload);
    } catch {
      throw badInput('payload', 'must be JSON such as {"action": "provision"}');
    }
    const action = typeof body === 'object' && body !== null ? body.action : undefined;
    if (!ACTIONS.includes(action as (typeof ACTIONS)[number])) {
      throw new Problem(
        501,
        'action-not-emulated',
        `action: the emulator answers ${ACTIONS.join(', ')} over IAP/MQ; ${JSON.stringify(action)} is not emulated.`,
        'action',
      );
    }
    const name = nameOfHandle(handle);
    if (action === 'create') {
      const device = addDevice(ctx, installCode, { name, protocol });
      if (body.args?.provision === true) runDeviceAction(ctx, installCode, device.id, { action: 'provision' });
      return [];
    }
    const device = listDevices(ctx, installCode).find((d) => d.name === name && d.protocol === protocol);
    if (!device) throw new Problem(404, 'device-not-found', `No ${protocol} device ${name} on SmartServer ${installCode}.`, 'handle');
    runDeviceAction(ctx, installCode, device.id, { action });
    return [];
  } catch (error) {
    const problem = error instanceof Problem ? error : new Problem(503, 'request-failed', `The request could not be answered: ${String(error)}`);
    return [
      {
        topic: `glp/0/${installCode}/ev/error`,
        payload: JSON.stringify({
          topic,
          status: problem.status,
          code: problem.code,
          detail: problem.detail,
          ...(problem.field ? { field: problem.field } : {}),
        }),
      },
    ];
  }
}
