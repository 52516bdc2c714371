/**
 * Pushes a SmartServer's updates to whoever listens for them (the CMS WebSocket). Publishing
 * happens in the core, after the operation that produced the update; listeners only forward.
 */
export interface SmartServerUpdate {
  type: 'UPD:LIC:CLOUD';
  installCode: string;
  licenses: unknown[];
}

type Listener = (update: SmartServerUpdate) => void;

/** A SmartServer's device cells changed; `before` holds them as they were, so a listener can tell which devices changed. */
export type DevicesChangedListener = (installCode: string, before: Uint8Array) => void;

/** A datapoint's new value, as IAP/MQ publishes it on `glp/0/{SID}/ev/data`. */
export interface DatapointUpdate {
  deviceName: string;
  protocol: string;
  blockName: string;
  blockIndex: number;
  datapointName: string;
  value: number;
}

export type DatapointsWrittenListener = (installCode: string, updates: readonly DatapointUpdate[]) => void;

export class UpdateHub {
  private readonly writeListeners = new Set<DatapointsWrittenListener>();

  /** Listens for datapoint writes on every SmartServer; returns the function that stops listening. */
  onDatapointsWritten(listener: DatapointsWrittenListener): () => void {
    this.writeListeners.add(listener);
    return () => this.writeListeners.delete(listener);
  }

  datapointsWritten(installCode: string, updates: readonly DatapointUpdate[]): void {
    for (const listener of this.writeListeners) listener(installCode, updates);
  }

  private readonly listeners = new Map<string, Set<Listener>>();
  /** Each listener for device changes, with whether it wants them now. */
  private readonly deviceListeners = new Map<DevicesChangedListener, () => boolean>();

  /**
   * Listens for device changes on every SmartServer (IAP/MQ status publications); returns the
   * function that stops listening. `wanted` says whether the listener wants them at the moment (a
   * broker with nobody connected does not): while no listener does, a write reads no cells before it.
   */
  onDevicesChanged(listener: DevicesChangedListener, wanted: () => boolean = () => true): () => void {
    this.deviceListeners.set(listener, wanted);
    return () => this.deviceListeners.delete(listener);
  }

  /** Whether anybody wants device changes now: reading and copying the cells before a write costs nothing otherwise. */
  get followsDevices(): boolean {
    for (const wanted of this.deviceListeners.values()) if (wanted()) return true;
    return false;
  }

  devicesChanged(installCode: string, before: Uint8Array): void {
    for (const [listener, wanted] of this.deviceListeners) if (wanted()) listener(installCode, before);
  }

  /** Listens for one SmartServer's updates; returns the function that stops listening. */
  subscribe(installCode: string, listener: Listener): () => void {
    let set = this.listeners.get(installCode);
    if (!set) this.listeners.set(installCode, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(installCode);
    };
  }

  publish(update: SmartServerUpdate): void {
    for (const listener of this.listeners.get(update.installCode) ?? []) listener(update);
  }

  listenerCount(installCode: string): number {
    return this.listeners.get(installCode)?.size ?? 0;
  }
}
