import type { Socket } from 'node:net';
import type { MqttClient } from 'mqtt';
import { ApiProblem, type HttpClient } from '../http-client';
import type { MqDataUpdate, MqDeviceStatus, MqLogin, SmartServerMq } from '../surfaces';

/** A publication as received: its topic and its JSON, whose shape the topic tells. */
interface Received {
  topic: string;
  body: Record<string, unknown> & MqDeviceStatus & MqDataUpdate & { status: number; code: string; detail: string; field?: string };
}

/** How long a wait for a publication lasts before it fails the step. */
const WAIT_MS = 5000;

/**
 * Where a SmartServer's IAP/MQ broker is: the address the run was given; else what an emulator's
 * control plane says of that SmartServer (a sharded emulator's brokers are on its shards), or of
 * the whole emulator; else SSLAB_REAL_MQTT_URL; else port 1883 of the system's host, as on a
 * real SmartServer.
 */
async function brokerUrl(http: HttpClient, installCode: string, given?: string): Promise<string> {
  if (given) return given;
  for (const path of [`/_emulator/smartservers/${encodeURIComponent(installCode)}/iap-mq`, '/_emulator/iap-mq']) {
    try {
      const { url } = await http.call<{ url: string | null }>('GET', path);
      if (url) return url;
    } catch {
      // No control plane here (a real system, or an emulator standing in for one), or one that predates the question.
    }
  }
  if (process.env.SSLAB_REAL_MQTT_URL) return process.env.SSLAB_REAL_MQTT_URL;
  return `mqtt://${new URL(http.baseUrl).hostname}:1883`;
}

/** One SmartServer's broker connection and everything it received, in order. */
class Follower {
  readonly received: Received[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(readonly client: MqttClient) {
    client.on('message', (topic, payload) => {
      this.received.push({ topic, body: JSON.parse(payload.toString()) });
      for (const wake of [...this.waiters]) wake();
    });
  }

  /** The first message from `from` on that matches, waiting for it when none has arrived yet. */
  next(match: (m: Received) => boolean, what: string, from = 0): Promise<Received> {
    return new Promise((resolve, reject) => {
      const look = () => this.received.slice(from).find(match);
      const found = look();
      if (found) return resolve(found);
      const wake = () => {
        const m = look();
        if (!m) return;
        this.waiters.delete(wake);
        clearTimeout(timer);
        resolve(m);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(new Error(`no ${what} was published within ${WAIT_MS} ms; received: ${this.received.map((m) => m.topic).join(', ') || 'nothing'}`));
      }, WAIT_MS);
      this.waiters.add(wake);
    });
  }
}

/** A SmartServer's IAP/MQ through an MQTT 3.1.1 client, logged in as a CMS user (`user@installCode` on an emulator). */
export class ApiSmartServerMq implements SmartServerMq {
  private readonly followers = new Map<string, Follower>();

  constructor(
    private readonly http: HttpClient,
    private readonly url?: string,
  ) {}

  async follow(login: MqLogin): Promise<void> {
    if (this.followers.has(login.installCode)) return;
    const url = await brokerUrl(this.http, login.installCode, this.url);
    // An emulator serves many SmartServers on one broker, so its users say which one they belong to.
    const username = url.endsWith(':1883') ? login.username : `${login.username}@${login.installCode}`;
    // Loaded on the first follow: the MQTT client takes a tenth of a second to load, and most scenarios never use it.
    const { connectAsync } = require('mqtt') as typeof import('mqtt');
    // writeCache off: the packet writer would otherwise make a buffer of every two-byte number (65,536 of
    // them, kept for the life of the process, an embedded broker's included) for the few packets a scenario sends.
    const client = await connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0, username, password: login.password, writeCache: false });
    // Requests go out at once rather than after the broker's delayed ACK of the one before (Nagle's algorithm).
    (client.stream as Partial<Socket>).setNoDelay?.(true);
    const follower = new Follower(client);
    this.followers.set(login.installCode, follower);
    const root = `glp/0/${login.installCode}`;
    await client.subscribeAsync(['glp/0/././sid', `${root}/fb/dev/+/+/sts`, `${root}/ev/data`, `${root}/ev/error`]);
  }

  private follower(installCode: string): Follower {
    const follower = this.followers.get(installCode);
    if (!follower) throw new Error(`Nobody follows SmartServer ${installCode} over IAP/MQ yet; follow it first.`);
    return follower;
  }

  async sid(installCode: string): Promise<string> {
    return (await this.follower(installCode).next((m) => m.topic === 'glp/0/././sid', 'SID')).body as unknown as string;
  }

  async status(installCode: string, device: string, until: (status: MqDeviceStatus) => boolean = () => true): Promise<MqDeviceStatus> {
    const follower = this.follower(installCode);
    const latest = [...follower.received].reverse().find((m) => isStatusOf(m, installCode, device));
    if (latest && until(latest.body)) return latest.body;
    const from = follower.received.length;
    return (await follower.next((m) => isStatusOf(m, installCode, device) && until(m.body), `status of ${device} as expected`, from)).body;
  }

  async update(installCode: string, device: string, datapoint: string, until: (update: MqDataUpdate) => boolean = () => true): Promise<MqDataUpdate> {
    const ofDatapoint = (m: Received) =>
      m.topic === `glp/0/${installCode}/ev/data` && m.body.topic.split('/')[6] === device && String(m.body.message).startsWith(datapoint) && until(m.body);
    return (await this.follower(installCode).next(ofDatapoint, `update of ${datapoint} of ${device}`)).body;
  }

  async request(installCode: string, protocol: string, device: string, action: string): Promise<MqDeviceStatus> {
    const follower = this.follower(installCode);
    const topic = `glp/0/${installCode}/rq/dev/${protocol}/${device}/do`;
    const from = follower.received.length;
    await follower.client.publishAsync(topic, JSON.stringify({ action }));
    const answer = await follower.next(
      (m) => (m.topic === `glp/0/${installCode}/ev/error` && m.body.topic === topic) || isStatusOf(m, installCode, device),
      `answer to the ${action} request`,
      from,
    );
    if (answer.topic.endsWith('/ev/error')) throw new ApiProblem(answer.body.status, answer.body.code, answer.body.detail, answer.body.field);
    return answer.body;
  }

  async close(): Promise<void> {
    const followers = [...this.followers.values()];
    this.followers.clear();
    await Promise.all(followers.map((f) => f.client.endAsync()));
  }
}

const isStatusOf = (m: Received, installCode: string, device: string) =>
  m.topic.startsWith(`glp/0/${installCode}/fb/dev/`) && m.topic.endsWith(`/${device}/sts`);
