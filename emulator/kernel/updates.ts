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

export class UpdateHub {
  private readonly listeners = new Map<string, Set<Listener>>();

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
