import type { CoreContext } from '../../kernel/context';
import {
  allStatuses,
  answerRequest,
  changedStatuses,
  ClockMove,
  dataMessage,
  dataUpdatesBetween,
  type MqMessage,
  publishingSmartServers,
  sidMessage,
} from './mq';
import type { Principal } from '../../kernel/tokens';

/** About how many messages a clock move hands over at once, before it lets other work run. */
export const CLOCK_MOVE_BATCH = 500;

/** Where IAP/MQ messages go: the embedded broker, or a broker the emulator connects to. */
export interface MqSink {
  publish(message: MqMessage): void;
  /**
   * Publishes a batch of a clock move's messages, none awaited on its own, and resolves once at
   * most `room` messages it was given are still to be written out (0: all of them went out). A
   * sink without it is given the messages one by one, with a pause after each batch.
   */
  publishBatch?(messages: readonly MqMessage[], room: number): Promise<void>;
}

/**
 * Follows the core and publishes what IAP/MQ clients see: device statuses when devices change
 * (a licensing change re-derives them, so the statuses go out in the same virtual tick, right
 * after the operation's transaction), datapoint values when they are written and when the clock
 * moves. A clock move can touch a whole fleet, so its messages go out in batches the sink confirms.
 * Nothing is built while nobody listens (`listened`): the messages are not kept for clients to
 * come (QoS 0, never retained), so they would be built for nobody.
 */
export class IapMqPublisher {
  private readonly stops: (() => void)[] = [];
  /** The device cells of each SmartServer before the first change not yet published. */
  private readonly pending = new Map<string, Uint8Array>();
  private clockRun: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: CoreContext,
    private readonly sink: MqSink,
    private readonly options: { listened: () => boolean; pause: () => Promise<void> },
  ) {
    this.stops.push(
      ctx.updates.onDevicesChanged((installCode, before) => {
        if (this.pending.has(installCode)) return;
        this.pending.set(installCode, before);
        // After the current operation: a transaction that rolls back then shows no change.
        queueMicrotask(() => this.flushDevices(installCode));
      }, options.listened),
      ctx.updates.onDatapointsWritten((installCode, updates) => {
        if (!options.listened()) return;
        const at = ctx.clock.now();
        for (const update of updates) sink.publish(dataMessage(installCode, update, at));
      }),
      ctx.clock.onMove((from, to) => {
        if (!options.listened()) return;
        // A move that failed to publish does not hold up the moves after it.
        this.clockRun = this.clockRun.then(() => this.publishClockMove(Date.parse(from), Date.parse(to), to)).catch(() => undefined);
      }),
    );
  }

  private flushDevices(installCode: string): void {
    const before = this.pending.get(installCode);
    this.pending.delete(installCode);
    if (!before) return;
    try {
      for (const message of changedStatuses(this.ctx, installCode, before)) this.sink.publish(message);
    } catch {
      // The SmartServer went away (a reset) before its change could be published: nothing to say.
    }
  }

  private async publishClockMove(fromMs: number, toMs: number, at: string): Promise<void> {
    const move = new ClockMove(fromMs, toMs, at);
    let batch: MqMessage[] = [];
    for (const installCode of publishingSmartServers(this.ctx)) {
      try {
        for (const message of dataUpdatesBetween(this.ctx, installCode, move)) batch.push(message);
      } catch {
        // The SmartServer went away (a reset) while the fleet was publishing: it has nothing to say.
        continue;
      }
      // Yields after each batch, so requests are answered while a fleet publishes, and the broker
      // keeps about two batches in hand: enough to write without a gap, few enough to stay in memory.
      if (batch.length >= CLOCK_MOVE_BATCH) {
        await this.publishBatch(batch, CLOCK_MOVE_BATCH);
        batch = [];
      }
    }
    await this.publishBatch(batch, 0);
  }

  private async publishBatch(messages: MqMessage[], room: number): Promise<void> {
    if (this.sink.publishBatch) return this.sink.publishBatch(messages, room);
    for (const message of messages) this.sink.publish(message);
    if (room > 0) await this.options.pause();
  }

  /** Resolves once the publications of every clock move so far went out (for tests and benchmarks). */
  settled(): Promise<void> {
    return this.clockRun;
  }

  /** What a client that subscribed for one SmartServer learns first: its SID and its devices' statuses. */
  welcome(installCode: string): MqMessage[] {
    return [sidMessage(installCode), ...allStatuses(this.ctx, installCode)];
  }

  /** Answers a request published by a client; refusals go out on the SmartServer's ev/error topic. */
  request(topic: string, payload: string, principal?: Principal): void {
    for (const message of answerRequest(this.ctx, topic, payload, principal)) this.sink.publish(message);
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
  }
}
