import { createServer, type AddressInfo, type Socket } from 'node:net';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import type { Emulator } from '../kernel/emulator';
import type { Principal } from '../kernel/tokens';
import {
  CLOCK_MOVE_BATCH,
  IapMqPublisher,
  isRequestTopic,
  type MqMessage,
  mqLogin,
  REQUEST_SUBSCRIPTION,
  SID_TOPIC,
  topicBelongsTo,
} from '../services/datapoints';

/**
 * IAP/MQ in Node: an embedded MQTT 3.1.1 broker (aedes) on loopback, a port of its own per
 * emulator, where clients log in with a SmartServer's CMS credentials (`user@installCode`); or,
 * given `url`, the emulator publishing into a broker that runs already (mosquitto, …) and taking
 * requests from it. What is published and how requests are answered is the datapoints service's.
 */

export interface IapMqOptions {
  /** A broker to publish into (mqtt://host:port); an embedded one starts when not given. */
  url?: string;
  host?: string;
  /** The embedded broker's port: a free one unless given. */
  port?: number;
  /** Bytes a subscriber may have waiting before QoS 0 messages to it are dropped (SUBSCRIBER_QUEUE_BYTES unless given). */
  subscriberQueueBytes?: number;
  /** The control plane is on: the test-only login `_emulator` (no password) then sees every SmartServer. */
  admin?: boolean;
}

export interface RunningIapMq {
  url: string;
  publisher: IapMqPublisher;
  stop(): Promise<void>;
}

export const CONTROL_PLANE_LOGIN = '_emulator';

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));
const noop = () => {};

/**
 * Messages the broker delivers at once, past which it queues them: above the two batches of a
 * clock move a publisher keeps in hand (CLOCK_MOVE_BATCH), so each batch is delivered in one go.
 */
const BROKER_CONCURRENCY = 3 * CLOCK_MOVE_BATCH;

/**
 * How many bytes a subscriber may have waiting on its connection; past that, QoS 0 messages to it
 * are dropped and counted, as a broker does past its queue limit: a subscriber that stopped
 * reading costs a bounded amount of memory and never holds up what the clock move publishes.
 */
export const SUBSCRIBER_QUEUE_BYTES = 1 << 20;

/**
 * How long a publisher waits for room without a single message going out before it stops waiting
 * for what is pending: those messages wait on a subscriber that stopped reading (aedes would wait
 * for it up to its drain timeout, a minute).
 */
export const STALL_MS = 200;

/**
 * The messages handed to a broker and not yet written out. A fleet's clock move publishes tens of
 * thousands: they go out in batches, none awaited on its own, and the publisher waits here for
 * room between batches rather than piling every message into the broker's queue at once.
 */
export class Outbox {
  private pending = 0;
  /** Of the pending messages, those nobody waits for any more: they wait on a subscriber that stopped reading. */
  private writtenOff = 0;
  /** Messages written out so far: whether any went out since the stall check last looked. */
  private sentCount = 0;
  private waiters: { limit: number; resolve: () => void }[] = [];
  private stallCheck?: NodeJS.Timeout;

  /** @param onStall told when nothing went out for `stallMs` while a publisher waited for room */
  constructor(
    private readonly onStall: () => void = () => {},
    private readonly stallMs = STALL_MS,
  ) {}

  /** Counts one message handed over; call what it returns once the message is written out. */
  readonly add = (): ((error?: unknown) => void) => {
    this.pending += 1;
    return this.sent;
  };

  private readonly sent = () => {
    this.pending -= 1;
    this.sentCount += 1;
    if (this.writtenOff > this.pending) this.writtenOff = this.pending;
    if (this.waiters.length > 0) this.wake();
  };

  ready(limit: number): Promise<void> {
    if (this.pending - this.writtenOff <= limit) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push({ limit, resolve });
      this.watchForStall(this.sentCount);
    });
  }

  /** Lets every waiter go: the broker stopped, nothing more will be written. */
  release(): void {
    this.pending = 0;
    this.writtenOff = 0;
    this.wake();
  }

  private watchForStall(seen: number): void {
    if (this.stallCheck) return;
    this.stallCheck = setTimeout(() => {
      this.stallCheck = undefined;
      if (this.waiters.length === 0) return;
      if (this.sentCount === seen) {
        // Nothing went out for a while: what is pending waits on subscribers that stopped reading.
        this.writtenOff = this.pending;
        this.onStall();
        this.wake();
      } else this.watchForStall(this.sentCount);
    }, this.stallMs);
    this.stallCheck.unref();
  }

  private wake(): void {
    const waiting = this.pending - this.writtenOff;
    const still: typeof this.waiters = [];
    for (const waiter of this.waiters) {
      if (waiting <= waiter.limit) waiter.resolve();
      else still.push(waiter);
    }
    this.waiters = still;
    if (still.length === 0 && this.stallCheck) {
      clearTimeout(this.stallCheck);
      this.stallCheck = undefined;
    }
  }
}

// The payload stays text: the packet writer takes text as it is, and a fleet's clock move makes tens of thousands.
const packetOf = (message: MqMessage) => ({
  cmd: 'publish' as const,
  topic: message.topic,
  payload: message.payload,
  qos: 0 as const,
  retain: false,
  dup: false,
});

function refusedLogin(): AuthenticateError {
  return Object.assign(new Error('Bad user name or password'), { returnCode: 4 as const });
}

/** Starts IAP/MQ for an emulator and records where it is in `emulator.iapMq`. */
export async function startIapMq(emulator: Emulator, options: IapMqOptions = {}): Promise<RunningIapMq> {
  return options.url ? connectToBroker(emulator, options.url) : embeddedBroker(emulator, options);
}

async function embeddedBroker(emulator: Emulator, options: IapMqOptions): Promise<RunningIapMq> {
  const { ctx } = emulator;
  /** Who each client logged in as: a CMS user, or the control plane (which sees every SmartServer). */
  const logins = new WeakMap<Client, Extract<Principal, { kind: 'cms' }> | 'control-plane'>();
  /** QoS 0 messages not delivered because their subscriber's queue was full, or because it stopped reading. */
  let dropped = 0;
  const queueBytes = options.subscriberQueueBytes ?? SUBSCRIBER_QUEUE_BYTES;
  /** Subscribers that held up a clock move by not reading: they get nothing until their connection drains. */
  const stalled = new Set<Client>();
  const clients = new Set<Client>();
  const broker = await Aedes.createBroker({
    concurrency: BROKER_CONCURRENCY,
    authenticate(client, username, password, done) {
      if (options.admin && username === CONTROL_PLANE_LOGIN) {
        logins.set(client, 'control-plane');
        return done(null, true);
      }
      // The password check runs off the event loop; the broker waits for its answer.
      mqLogin(
        ctx,
        username ?? '',
        password?.toString('utf8') ?? '',
        client.conn && 'remoteAddress' in client.conn ? String(client.conn.remoteAddress) : undefined,
      ).then(
        (login) => {
          logins.set(client, login);
          done(null, true);
        },
        () => done(refusedLogin(), false),
      );
    },
    authorizePublish(client, packet, callback) {
      const login = client ? logins.get(client) : 'control-plane';
      if (!login) return callback(new Error('not logged in'));
      if (!isRequestTopic(packet.topic) || (login !== 'control-plane' && !topicBelongsTo(packet.topic, login.installCode))) {
        return callback(new Error(`a client publishes only requests (glp/0/{SID}/rq/…/do) of its own SmartServer; ${packet.topic} is not one`));
      }
      callback(null);
      const payload = packet.payload.toString();
      setImmediate(() => publisher.request(packet.topic, payload, login === 'control-plane' ? undefined : login));
    },
    authorizeForward(client, packet) {
      const login = logins.get(client);
      if (!login) return null;
      if (login !== 'control-plane') {
        if (!topicBelongsTo(packet.topic, login.installCode)) return null;
        if (packet.topic === SID_TOPIC && packet.payload.toString() !== JSON.stringify(login.installCode)) return null;
      }
      if (stalled.has(client) || client.conn.writableLength >= queueBytes) {
        dropped += 1;
        return null;
      }
      return packet;
    },
  });
  const sockets = new Set<Socket>();
  /** Bytes each subscriber's connection had handed to the system when the last stall was noticed. */
  const handedOver = new WeakMap<Client, number>();
  const outbox = new Outbox(() => {
    // A subscriber behind by a full buffer that took nothing since the last stall stopped reading;
    // one that took something is reading, only slowly, and keeps its messages.
    for (const client of clients) {
      const { conn } = client;
      const dispatched = ((conn as Partial<Socket>).bytesWritten ?? 0) - conn.writableLength;
      const before = handedOver.get(client);
      handedOver.set(client, dispatched);
      if (stalled.has(client) || !conn.writableNeedDrain || before !== dispatched) continue;
      stalled.add(client);
      conn.once('drain', () => stalled.delete(client));
    }
  });
  broker.on('client', (client) => clients.add(client));
  broker.on('clientDisconnect', (client) => {
    clients.delete(client);
    stalled.delete(client);
  });
  const publisher = new IapMqPublisher(
    ctx,
    {
      publish: (message) => broker.publish(packetOf(message), noop),
      publishBatch(messages, room) {
        // The clients' sockets are held while the broker writes the batch, so it goes out in a few
        // large writes rather than a system call per message: aedes writes each message from an
        // immediate queued as it is published, and the sockets are let go by one queued after those.
        if (messages.length === 0) return outbox.ready(room);
        const held = [...sockets].filter((conn) => !conn.destroyed);
        for (const conn of held) conn.cork();
        for (const message of messages) broker.publish(packetOf(message), outbox.add());
        setImmediate(() => {
          for (const conn of held) conn.uncork();
        });
        return outbox.ready(room);
      },
    },
    { listened: () => broker.connectedClients > 0, pause },
  );
  broker.on('subscribe', (subscriptions, client) => {
    const login = logins.get(client);
    if (!login || login === 'control-plane') return;
    // A SmartServer's client learns its SID and its devices' statuses when it subscribes to them.
    const wantsSid = subscriptions.some((s) => s.topic === SID_TOPIC || s.topic === '#');
    const wantsStatus = subscriptions.some((s) => s.topic.endsWith('/sts') || s.topic.endsWith('#'));
    if (!wantsSid && !wantsStatus) return;
    for (const message of publisher.welcome(login.installCode)) {
      if ((message.topic === SID_TOPIC && wantsSid) || (message.topic !== SID_TOPIC && wantsStatus)) client.publish(packetOf(message), noop);
    }
  });
  // Without Nagle's algorithm: a small publication waiting for the ACK of the one before would wait out the peer's delayed ACK (40 ms on Linux).
  const server = createServer({ noDelay: true }, (conn) => {
    sockets.add(conn);
    conn.once('close', () => sockets.delete(conn));
    broker.handle(conn);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `mqtt://${options.host ?? '127.0.0.1'}:${port}`;
  emulator.iapMq = { url, embedded: true, settled: () => publisher.settled(), dropped: () => dropped };
  return {
    url,
    publisher,
    async stop() {
      publisher.stop();
      outbox.release();
      emulator.iapMq = undefined;
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function connectToBroker(emulator: Emulator, url: string): Promise<RunningIapMq> {
  // The MQTT client is loaded only here: it takes a tenth of a second to load, and the embedded broker needs none.
  const { connectAsync } = require('mqtt') as typeof import('mqtt');
  const client = await connectAsync(url, { protocolVersion: 4, clientId: `sslab-emulator-${process.pid}-${Date.now()}`, reconnectPeriod: 1000 });
  const outbox = new Outbox();
  const publisher = new IapMqPublisher(
    emulator.ctx,
    {
      publish: (message) => void client.publish(message.topic, message.payload, { qos: 0 }),
      publishBatch(messages, room) {
        // While the broker is away the client keeps what is published for later: a clock move does not wait for that.
        for (const message of messages) client.publish(message.topic, message.payload, { qos: 0 }, client.connected ? outbox.add() : undefined);
        return outbox.ready(room);
      },
    },
    { listened: () => true, pause },
  );
  await client.subscribeAsync(REQUEST_SUBSCRIPTION, { qos: 0 });
  // The broker decides who may publish requests into it; the emulator answers them as its own.
  client.on('message', (topic, payload) => publisher.request(topic, payload.toString()));
  // The broker given keeps its own queue limits and counts.
  emulator.iapMq = { url, embedded: false, settled: () => publisher.settled(), dropped: () => 0 };
  return {
    url,
    publisher,
    async stop() {
      publisher.stop();
      outbox.release();
      emulator.iapMq = undefined;
      await client.endAsync();
    },
  };
}
