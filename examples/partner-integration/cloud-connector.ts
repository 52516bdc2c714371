import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';

/**
 * A cloud connector of the kind the SmartServer developer's guide describes: it connects to a
 * SmartServer's MQTT broker (IAP/MQ), subscribes to every datapoint update with the one wildcard
 * topic `glp/0/+/ev/data`, and forwards each value, named by SmartServer, device, block and
 * datapoint, to wherever the partner's cloud takes them.
 */

/** One datapoint value, as the connector forwards it. */
export interface Sample {
  /** The SmartServer's SID. */
  sid: string;
  protocol: string;
  device: string;
  block: string;
  blockIndex: number;
  datapoint: string;
  value: unknown;
}

export const DATA_TOPIC = 'glp/0/+/ev/data';

/**
 * Reads one update: its `topic` names the block (`glp/0/{SID}/fb/dev/{protocol}/{handle}/if/{block}/{index}`),
 * its `message` starts with the datapoint's name, and `data` is the value.
 */
export function sampleOf(payload: string): Sample | undefined {
  let update: { topic?: unknown; message?: unknown; data?: unknown };
  try {
    update = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof update.topic !== 'string' || typeof update.message !== 'string') return undefined;
  const parts = update.topic.split('/');
  if (parts.length < 10 || parts[3] !== 'fb' || parts[7] !== 'if') return undefined;
  const [datapoint] = update.message.split(/[\s/:]/);
  return {
    sid: parts[2],
    protocol: parts[5],
    device: decodeURIComponent(parts[6]),
    block: parts[8],
    blockIndex: Number(parts[9]),
    datapoint,
    value: update.data,
  };
}

export interface Connector {
  client: MqttClient;
  stop(): Promise<void>;
}

/** Connects to the broker at `url` with `options` (user name and password) and forwards every datapoint update. */
export async function startConnector(url: string, options: IClientOptions, forward: (sample: Sample) => void): Promise<Connector> {
  const client = await mqtt.connectAsync(url, { protocolVersion: 4, ...options });
  client.on('message', (_topic, payload) => {
    const sample = sampleOf(payload.toString());
    if (sample) forward(sample);
  });
  await client.subscribeAsync(DATA_TOPIC, { qos: 0 });
  return { client, stop: () => client.endAsync() };
}
