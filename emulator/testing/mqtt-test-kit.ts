import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';

export interface Received {
  topic: string;
  body: any;
}

/** An MQTT 3.1.1 client that keeps every JSON message it receives and waits for one that matches. */
export interface Listener {
  client: MqttClient;
  messages: Received[];
  next(match: (message: Received) => boolean, timeoutMs?: number): Promise<Received>;
}

export async function listen(url: string, options: IClientOptions, topics: string[]): Promise<Listener> {
  const client = await mqtt.connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0, ...options });
  const messages: Received[] = [];
  const waiters = new Set<{ match: (m: Received) => boolean; resolve: (m: Received) => void }>();
  client.on('message', (topic, payload) => {
    const message = { topic, body: JSON.parse(payload.toString()) };
    messages.push(message);
    for (const waiter of waiters) {
      if (!waiter.match(message)) continue;
      waiters.delete(waiter);
      waiter.resolve(message);
    }
  });
  await client.subscribeAsync(topics);
  const next = (match: (m: Received) => boolean, timeoutMs = 5000) =>
    new Promise<Received>((resolve, reject) => {
      const seen = messages.find(match);
      if (seen) return resolve(seen);
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`no matching message within ${timeoutMs} ms; received: ${messages.map((m) => m.topic).join(', ') || 'nothing'}`));
      }, timeoutMs);
      const waiter = {
        match,
        resolve: (m: Received) => {
          clearTimeout(timer);
          resolve(m);
        },
      };
      waiters.add(waiter);
    });
  return { client, messages, next };
}
