/** A CMS user's credentials, which an IAP/MQ client logs in to the SmartServer's broker with. */
export interface MqLogin {
  installCode: string;
  username: string;
  password: string;
}

/** A device's status object as IAP/MQ publishes it (`…/fb/dev/{protocol}/{handle}/sts`). */
export interface MqDeviceStatus {
  state: string;
  health: string;
  action: string | null;
  /** From release 3.4: whether the capacity admits the device. */
  lic?: { licensed: boolean };
  [field: string]: unknown;
}

/** A datapoint update as IAP/MQ publishes it on `glp/0/{SID}/ev/data`. */
export interface MqDataUpdate {
  /** The block's topic: `glp/0/{SID}/fb/dev/{protocol}/{handle}/if/{block}/{index}`. */
  topic: string;
  /** Starts with the datapoint's name. */
  message: string;
  data: unknown;
}

/**
 * A SmartServer's IAP/MQ interface, as drivers, apps and cloud connectors reach it: an MQTT 3.1.1
 * broker where the SmartServer publishes its SID, device statuses and datapoint updates and takes
 * `do` requests. A follower keeps what it received; the waits end when a matching message arrives.
 */
export interface SmartServerMq {
  /** Logs in to the SmartServer's broker and subscribes to its SID, device statuses, datapoint updates and refusals. */
  follow(login: MqLogin): Promise<void>;
  /** The SID the SmartServer published on `glp/0/././sid`. */
  sid(installCode: string): Promise<string>;
  /** Waits for a status publication of a device that satisfies `until` (any, when not given), and answers it. */
  status(installCode: string, device: string, until?: (status: MqDeviceStatus) => boolean): Promise<MqDeviceStatus>;
  /** Waits for an update of one datapoint of a device, and answers it. */
  update(installCode: string, device: string, datapoint: string, until?: (update: MqDataUpdate) => boolean): Promise<MqDataUpdate>;
  /** Publishes a `do` request (create, provision, deprovision) and waits for the device's new status; a refusal comes back as an ApiProblem. */
  request(installCode: string, protocol: string, device: string, action: string): Promise<MqDeviceStatus>;
  /** Disconnects every follower. */
  close(): Promise<void>;
}
