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

/** About how many messages a clock move publishes before it lets other work run. */
const PUBLISHED_BETWEEN_PAUSES = 2000;

/** Where IAP/MQ messages go: the embedded broker, or a broker the emulator connects to. */
export interface MqSink {
  publish(message: MqMessage): void;
  /**
   * Resolves once the sink can take more (at most about `inFlight` messages published and not yet
   * written out), or, given 0, once everything published went out. A clock move publishes in
   * batches without waiting for each message, and waits here between batches; a sink without it
   * is waited for by a pause.
   */
  ready?(inFlight: number): Promise<void>;
}

/**
 * Follows the core and publishes what IAP/MQ clients see: device statuses when devices change
 * (a licensing change re-derives them, so the statuses go out in the same virtual tick, right
 * after the operation's transaction), datapoint values when they are written and when the clock
 * moves. Clock moves can touch a whole fleet, so their messages go out one SmartServer at a time,
 * yielding between them (`pause`), and only while somebody listens for data (`followsData`).
 */
export class IapMqPublisher {
  private readonly stops: (() => void)[] = [];
  /** The device cells of each SmartServer before the first change not yet published. */
  private readonly pending = new Map<string, Uint8Array>();
  private clockRun: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: CoreContext,
    private readonly sink: MqSink,
    private readonly options: { followsData: () => boolean; pause: () => Promise<void> },
  ) {
    this.stops.push(
      ctx.updates.onDevicesChanged((installCode, before) => {
        if (this.pending.has(installCode)) return;
        this.pending.set(installCode, before);
        // After the current operation: a transaction that rolls back then shows no change.
        queueMicrotask(() => this.flushDevices(installCode));
      }),
      ctx.updates.onDatapointsWritten((installCode, updates) => {
        const at = ctx.clock.now();
        for (const update of updates) sink.publish(dataMessage(installCode, update, at));
      }),
      ctx.clock.onMove((from, to) => {
        if (!options.followsData()) return;
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
    let since = 0;
    for (const installCode of publishingSmartServers(this.ctx)) {
      let messages: MqMessage[];
      try {
        messages = dataUpdatesBetween(this.ctx, installCode, move);
      } catch {
        // The SmartServer went away (a reset) while the fleet was publishing: it has nothing to say.
        continue;
      }
      for (const message of messages) this.sink.publish(message);
      since += messages.length;
      // Yields now and then, so requests are answered while a fleet publishes, and the broker keeps
      // about two batches in hand: enough to write without a gap, few enough to stay in memory.
      if (since >= PUBLISHED_BETWEEN_PAUSES) {
        since = 0;
        await (this.sink.ready ? this.sink.ready(PUBLISHED_BETWEEN_PAUSES) : this.options.pause());
      }
    }
    await this.sink.ready?.(0);
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
